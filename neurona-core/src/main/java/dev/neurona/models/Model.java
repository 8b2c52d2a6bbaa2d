package dev.neurona.models;

import dev.neurona.data.Dataset;
import dev.neurona.data.TableSchema;
import dev.neurona.io.ModelFileLimits;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metric;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.ModelSaver;
import dev.neurona.train.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A network of layers with Keras's training API: compile, fit, evaluate, predict, summary,
 * save and load. Made in one of three ways:
 *
 * <ul>
 *   <li><b>functional</b>, from symbolic inputs and the outputs that layers applied to them
 *       give (several of each, layers shared, models nested as layers):
 * <pre>{@code
 * var image = Input.of(28, 28);
 * var h = dense(64, "relu").apply(flatten().apply(image));
 * Model m = new Model(image, dense(10, "softmax").apply(h));
 * }</pre></li>
 *   <li>as a {@link Sequential} stack;</li>
 *   <li><b>subclassed</b>: layers as fields registered with {@link #addChild}, the math in an
 *       override of {@link #forward(Tensor, Mode)} (Keras's {@code call}; PyTorch's and every
 *       Neurona layer's {@code forward}), and optionally one's own training step
 *       ({@link #trainStep}).</li>
 * </ul>
 *
 * <p>Weights exist once the input shapes are known (a functional model knows them, so at its
 * first use) and derive from {@link #seed(long)} (default 0), as do dropout masks and the
 * default shuffling, so a run is reproducible.
 */
public class Model extends Layer implements Network {

    static {
        // a model nested in another is a layer of it, rebuilt from its config like any other
        dev.neurona.names.Registry.register(Sequential.class, NestedModels::sequential);
        dev.neurona.names.Registry.register("Functional", Model.class, NestedModels::functional);
    }

    /** The functional graph, or {@code null} for a Sequential or subclassed model. */
    private final ModelGraph graph;
    private final ModelState state = new ModelState(this);

    /** A functional model from one input to one output. */
    public Model(SymbolicTensor input, SymbolicTensor output) {
        this(java.util.Arrays.asList(input), java.util.Arrays.asList(output));
    }

    /**
     * A functional model from {@code inputs} to {@code outputs}; unnamed layers are named by type.
     *
     * @throws IllegalArgumentException for an output that needs an input not given (naming it),
     *         an input given twice, or two layers of one name
     */
    public Model(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        this.graph = ModelGraph.of(inputs, outputs);
        for (Layer layer : graph.layers()) {
            addChild(layer);
        }
    }

    /** A model whose layers a subclass adds ({@link #addChild}) and whose math it writes ({@link #forward}). */
    protected Model() {
        this.graph = null;
    }

    /** Names the model (before it is built), as a layer of another model is named: {@code new Model(x, y).name("encoder")}. */
    @Override
    public Model name(String name) {
        super.name(name);
        return this;
    }

    /** {@code "Functional"}, {@code "Sequential"} or a subclass's simple name, as Keras names model classes. */
    @Override
    public String typeName() {
        return graph != null ? "Functional" : getClass().getSimpleName();
    }

    final ModelGraph graph() {
        return graph;
    }

    final ModelState modelState() {
        return state;
    }

    @Override
    protected String childPath() {
        return isPlaced() ? path() : "";
    }

    @Override
    protected boolean needsName() {
        return isPlaced();
    }

    @Override
    public int inputCount() {
        return graph != null ? graph.inputs().size() : 1;
    }

    @Override
    public int outputCount() {
        return graph != null ? graph.outputs().size() : 1;
    }

    /** The inputs' names, in order (a Dataset's named inputs are matched to them). */
    public List<String> inputNames() {
        return graph == null ? List.of("input") : graph.inputs().stream().map(SymbolicTensor::name).toList();
    }

    /** The names of the outputs, in order: the layers that produce them (what per-output losses and targets are keyed by). */
    public List<String> outputNames() {
        return graph == null ? List.of("output") : graph.outputs().stream().map(SymbolicTensor::name).toList();
    }

    /** The input shapes this model knows before seeing data (a functional model's, a Sequential's declared one), or {@code null}. */
    protected List<int[]> knownInputShapes() {
        return graph == null ? null : graph.inputs().stream().map(SymbolicTensor::shape).toList();
    }

    @Override
    protected void requireInputCount(int count) {
        if (count != inputCount()) {
            throw new IllegalArgumentException(label() + " takes " + inputCount() + " input(s), got " + count);
        }
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Random random) {
        if (graph != null) {
            if (!LayerShapesCheck.same(knownInputShapes(), inputShapes)) {
                throw new IllegalArgumentException(label() + " takes inputs of shape " + LayerShapesCheck.describe(knownInputShapes())
                        + ", got " + LayerShapesCheck.describe(inputShapes));
            }
            graph.build(random);
        }
    }

    /** A Sequential's or functional model's settings as a layer: its own architecture; a subclass's its own. */
    @Override
    protected Map<String, Object> settings() {
        return this instanceof Sequential || graph != null ? NestedModels.settings(this) : super.settings();
    }

    /** Creates the weights for inputs of {@code inputShapes} (batch excluded), from {@link #seed()}; returns this model. */
    public Model build(List<int[]> inputShapes) {
        build(inputShapes, new Random(state.seed()));
        return this;
    }

    /** Builds the model if its input shapes are known; otherwise fails saying how to build it. */
    final void ensureBuilt() {
        if (isBuilt()) {
            return;
        }
        List<int[]> shapes = knownInputShapes();
        if (shapes == null) {
            throw new IllegalStateException(typeName() + ": the model is not built; "
                    + (this instanceof Sequential ? "start it with input(…) or call build(inputShape)"
                    : "call build(inputShapes)") + " or fit first");
        }
        build(shapes, new Random(state.seed()));
    }

    /** Builds the model for batches like {@code xs} when it cannot know its shapes otherwise, and checks them. */
    final void ensureBuiltFor(List<Tensor> xs) {
        ModelShapes.ensureBuiltFor(this, xs);
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (graph != null) {
            requireOneOutput();
            return graph.outputs().get(0).shape();
        }
        return super.outputShape(inputShapes);
    }

    private void requireOneOutput() {
        if (outputCount() != 1) {
            throw new IllegalArgumentException(label() + " has " + outputCount() + " outputs; a model used as a layer "
                    + "has one");
        }
    }

    @Override
    public int[] outputShape(int k, int[] inputShape) {
        return graph != null ? graph.outputs().get(k).shape() : ModelShapes.tracedOutputShape(this);
    }

    @Override
    public List<Layer> outputLayers(int k) {
        return graph != null ? graph.pathTo(k) : List.of();
    }

    /** The model's own layers (its inputs first for a functional model), in order. */
    @Override
    public List<Layer> layers() {
        return children();
    }

    /** The weights building would create: each layer's first application in the graph (a subclass: its built children). */
    @Override
    public long countParams(int[] inputShape) {
        return ModelShapes.countParams(this);
    }

    /**
     * The forward pass of a batch (one input, one output). A subclassed model overrides this
     * with its math, calling its layers ({@code dense1.call(x, mode)}).
     */
    @Override
    public Tensor forward(Tensor x, Mode mode) {
        if (graph == null) {
            throw new IllegalStateException(typeName() + ": a subclassed model overrides forward(Tensor, Mode)");
        }
        requireOneOutput();
        return graph.run(List.of(x), mode)[0];
    }

    /** The forward pass without the shortcut to the inference plan that a Sequential's {@code forward} takes. */
    Tensor forwardUnplanned(Tensor x, Mode mode) {
        return forward(x, mode);
    }

    @Override
    protected Tensor forward(List<Tensor> xs, Mode mode) {
        if (graph == null) {
            return super.forward(xs, mode);
        }
        requireOneOutput();
        return graph.run(xs, mode)[0];
    }

    /** The forward pass of a model of several inputs or outputs: one batch per input, one result per output. */
    @Override
    public List<Tensor> forwardAll(List<Tensor> xs, Mode mode) {
        if (graph == null) {
            return List.of(xs.size() == 1 ? forward(xs.get(0), mode) : forward(xs, mode));
        }
        return List.of(graph.run(xs, mode));
    }

    /** Sums and forgets the losses the layers added in the last forward pass ({@link Layer#addLoss}). */
    @Override
    public Tensor addedLoss() {
        return AddedLosses.collect(this);
    }

    final void clearAddedLosses() {
        AddedLosses.collect(this);
    }

    /** Sets the seed of the weights, dropout masks and default shuffling (default 0), before build. */
    public Model seed(long seed) {
        state.seed(seed);
        return this;
    }

    public long seed() {
        return state.seed();
    }

    /** Configures training by Keras names ({@code compile("adam", "mse", "mae")}); the overloads below take objects. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), (Object[]) metrics);
    }

    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), (Object[]) metrics);
    }

    public void compile(Optimizer optimizer, Loss loss) {
        compile(optimizer, loss, new Object[0]);
    }

    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        compile(optimizer, loss, (Object[]) metrics);
    }

    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        compile(optimizer, loss, (Object[]) metrics);
    }

    void compile(Optimizer optimizer, Loss loss, Object[] metrics) {
        state.compile(new Compilation(optimizer, loss, metrics));
    }

    /** A loss per output name (a Keras name or a {@link Loss}): {@code compile(opt, Map.of("class", "…", "box", "mse"))}. */
    public void compile(Optimizer optimizer, Map<String, ?> losses) {
        compile(optimizer, losses, Map.of(), Map.of());
    }

    /**
     * Configures a model of several outputs: per output name a loss, a loss weight (default 1;
     * the total loss is the weighted sum) and metrics (names or {@link Metric} objects).
     *
     * @throws IllegalArgumentException for a key that names no output, an output without a
     *         loss, or an unknown loss or metric name
     */
    public void compile(Optimizer optimizer, Map<String, ?> losses, Map<String, Double> lossWeights,
            Map<String, ? extends List<?>> metrics) {
        state.compile(OutputSettings.compilation(this, optimizer, losses, lossWeights, metrics));
    }

    public boolean isCompiled() {
        return state.compilation() != null;
    }

    public Optimizer optimizer() {
        return state.compilation() == null ? null : state.compilation().optimizer();
    }

    public Loss loss() {
        return state.compilation() == null ? null : state.compilation().loss();
    }

    List<Object> metricSpecs() {
        return state.compilation() == null ? List.of() : state.compilation().metricSpecs();
    }

    /** The training position: the epochs completed by the last {@code fit}, counted from its initial epoch; kept in saved files. */
    public int epochsCompleted() {
        return state.epochsCompleted();
    }

    /** Sets the training position, for a training loop outside {@code fit} (such as Spark's) that ran {@code epochs}. */
    public void epochsCompleted(int epochs) {
        state.epochsCompleted(epochs);
    }

    /** Attaches how raw table rows become this model's input; see {@link Sequential#preprocessing(TableSchema)}. */
    public Model preprocessing(TableSchema schema) {
        state.preprocessing(schema);
        return this;
    }

    public Optional<TableSchema> preprocessing() {
        return Optional.ofNullable(state.preprocessing());
    }

    /** Trains on {@code x} and {@code y}; see {@link Fit} for the options. */
    public History fit(Tensor x, Tensor y, Fit fit) {
        return state.fit("fit", ModelData.of("fit", x, y), fit, false);
    }

    /** Trains a model whose own {@link #trainStep} needs no targets (a GAN) on the samples {@code x}. */
    public History fit(Tensor x, Fit fit) {
        return state.fit("fit", ModelData.of("fit", List.of(x), List.of()), fit, false);
    }

    /** Trains a model of several inputs on one batch tensor per input (in order) and targets {@code y}. */
    public History fit(List<Tensor> xs, Tensor y, Fit fit) {
        return state.fit("fit", ModelData.of("fit", xs, List.of(y)), fit, false);
    }

    /** Trains a model of several inputs and outputs, tensors in the order of the inputs and the outputs. */
    public History fit(List<Tensor> xs, List<Tensor> ys, Fit fit) {
        return state.fit("fit", ModelData.of("fit", xs, ys), fit, false);
    }

    /** Trains on a dataset (named inputs and targets are matched to the model's by name); see {@link Fit}. */
    public History fit(Dataset data, Fit fit) {
        return state.fit("fit", data, fit, false);
    }

    /** {@code fit} from epoch {@link #epochsCompleted()}: resumes a checkpoint exactly; empty when all epochs are done. */
    public History resume(Tensor x, Tensor y, Fit fit) {
        return state.fit("resume", ModelData.of("resume", x, y), fit, true);
    }

    public History resume(Dataset data, Fit fit) {
        return state.fit("resume", data, fit, true);
    }

    /** The loss and metrics on {@code x} and {@code y}, in Keras order: {@code {loss=…, accuracy=…}}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return state.evaluate(ModelData.of("evaluate", x, y));
    }

    /** The loss and metrics of a model of several inputs or outputs, tensors in their order. */
    public Map<String, Double> evaluate(List<Tensor> xs, List<Tensor> ys) {
        return state.evaluate(ModelData.of("evaluate", xs, ys));
    }

    public Map<String, Double> evaluate(Dataset data) {
        return state.evaluate(data);
    }

    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    public Tensor predict(Tensor x, int batchSize) {
        return state.predict(x, batchSize);
    }

    /** The outputs of a model of several inputs or outputs (one tensor per output), in batches of 32. */
    public List<Tensor> predict(List<Tensor> xs) {
        return state.predict(xs, 32);
    }

    /** All parameters in Keras order, building the model first when it can (else an {@code IllegalStateException}). */
    @Override
    public List<Parameter> parameters() {
        ensureBuilt();
        return super.parameters();
    }

    @Override
    public List<Parameter> trainableParameters() {
        return parameters().stream().filter(Parameter::trainable).toList();
    }

    @Override
    public List<Tensor> getWeights() {
        return parameters().stream().map(Tensor::copy).toList();
    }

    /** Overwrites the weights, in the order of {@link #getWeights()}; a count or shape that differs is named. */
    @Override
    public void setWeights(List<Tensor> weights) {
        List<Parameter> params = parameters();
        if (weights.size() != params.size()) {
            throw new IllegalArgumentException("setWeights: the model has " + params.size() + " weight tensors, got "
                    + weights.size());
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).assign(weights.get(i));
        }
    }

    /**
     * One training step for a subclass to override (Keras 3's {@code train_step}: a GAN's two
     * optimizers, gradients by {@code loss.backward()} and {@code optimizer.step(params)}); it
     * returns the values to log, which {@code fit} averages per epoch. The default's {@code null}
     * means {@code fit}'s own compiled step. {@code xs}: a batch per input; {@code ys}: per output.
     */
    public Map<String, Double> trainStep(List<Tensor> xs, List<Tensor> ys) {
        return null;
    }

    /** Saves the model to {@code path} (a {@code .nrn} file, replaced atomically), with the optimizer state when compiled. */
    public void save(Path path) throws IOException {
        save(path, isCompiled());
    }

    /** Saves the model, with the optimizer state (needed to resume training exactly) only when {@code includeOptimizer}. */
    public void save(Path path, boolean includeOptimizer) throws IOException {
        state.save(path, includeOptimizer, state.epochsCompleted());
    }

    /** What a training loop outside {@code fit} (such as Spark's) gives its callbacks to save this model. */
    public ModelSaver saver() {
        return (path, epochs, withOptimizer) -> state.save(path, withOptimizer, epochs);
    }

    /**
     * Loads any model file (Sequential or functional, format versions 1 and 2) as it was saved.
     *
     * @throws dev.neurona.io.ModelFileException for a missing, corrupt, oversized or invalid file
     */
    public static Model load(Path path) throws IOException {
        return load(path, ModelFileLimits.DEFAULT);
    }

    public static Model load(Path path, ModelFileLimits limits) throws IOException {
        return Snapshots.load(path, limits);
    }

    public void summary() {
        System.out.print(summaryString());
    }

    /** The Keras summary table: layer (type), output shape, parameter count, for a functional model "Connected to", and the totals. */
    public String summaryString() {
        ensureBuilt();
        return SummaryTable.of(this);
    }
}
