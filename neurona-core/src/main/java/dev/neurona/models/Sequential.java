package dev.neurona.models;

import dev.neurona.data.Dataset;
import dev.neurona.data.TableSchema;
import dev.neurona.io.ModelFileLimits;
import dev.neurona.io.ModelFiles;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metric;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Seeds;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Checks;
import dev.neurona.train.Evaluation;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.ModelSaver;
import dev.neurona.train.Network;
import dev.neurona.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A stack of layers, each feeding the next: Keras's {@code Sequential}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(flatten(28, 28), dense(8, "relu"), dense(10, "softmax"));
 * model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
 * History history = model.fit(x, y, Fit.epochs(5).batchSize(32).validationSplit(0.1));
 * Map<String, Double> scores = model.evaluate(xTest, yTest);
 * Tensor probabilities = model.predict(xTest);
 * }</pre>
 *
 * <p>Weights are created when the input shape is known: at once when the first layer
 * declares it ({@code input(…)}, {@code flatten(28, 28)}), otherwise at the first
 * {@code fit}, {@code evaluate} or {@code predict}, or by {@link #build(int...)}. Initial
 * weights, dropout masks and the default shuffling order all derive from {@link #seed(long)}
 * (default 0), so that a run is reproducible unless told otherwise.
 *
 * <p>Models are saved to and loaded from {@code .nrn} files (see {@link dev.neurona.io.ModelFiles}):
 *
 * <pre>{@code
 * model.save(Path.of("model.nrn"));                     // weights, config, compile settings, optimizer state
 * Sequential again = Sequential.load(Path.of("model.nrn"));
 *
 * // resuming: train with checkpoints, and after an interruption continue from the last one
 * model.fit(x, y, Fit.epochs(20).callbacks(new ModelCheckpoint("ckpt.nrn")));
 * Sequential resumed = Sequential.load(Path.of("ckpt.nrn"));
 * resumed.resume(x, y, Fit.epochs(20));   // fit(…, Fit.epochs(20).initialEpoch(resumed.epochsCompleted()))
 * }</pre>
 *
 * A resumed run ends with exactly the weights of an uninterrupted one: the file keeps the
 * optimizer state, the epochs completed and the dropout layers' stream positions, and the
 * shuffling order is a function of the model seed and the training position only.
 */
public class Sequential implements Network {

    private final LayerStack stack = new LayerStack();
    private final List<Layer> layers = stack.list();
    /** The stream of {@link Seeds} that gives the default shuffling seed. */
    private static final long SHUFFLE_STREAM = 1;

    private long seed;
    private int[] inputShape;
    private Compilation compiled;
    /** The compiled forward pass for inference. */
    private final InferencePlan inference = new InferencePlan(layers);
    private int epochsCompleted;
    private TableSchema preprocessing;

    /** A model of these layers, in order. */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /**
     * Appends a layer, naming it ({@code dense_1}, {@code dense_2}, …) unless it has a name.
     *
     * @return this model
     */
    public Sequential add(Layer layer) {
        if (inputShape != null) {
            throw new IllegalStateException("Sequential.add: the model is already built; add layers before "
                    + "its first use");
        }
        stack.add(layer);
        return this;
    }

    /** Sets the seed of the initial weights, dropout masks and default shuffling (default 0); before build only. */
    public Sequential seed(long seed) {
        if (inputShape != null) {
            throw new IllegalStateException("Sequential.seed: the weights exist already; set the seed before the first use");
        }
        this.seed = seed;
        return this;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Creates the weights for samples of {@code inputShape} (batch excluded).
     *
     * @throws IllegalArgumentException when the shape does not match what the first layer declares
     */
    public Sequential build(int... inputShape) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential: the model has no layers");
        }
        int[] shape = Shape.checked("build", inputShape);
        if (this.inputShape != null) {
            if (!Arrays.equals(this.inputShape, shape)) {
                throw new IllegalArgumentException("the model expects samples of shape " + Layer.batched(this.inputShape)
                        + ", got " + Layer.batched(shape));
            }
            return this;
        }
        Random random = new Random(seed);
        int[] s = shape;
        for (Layer layer : layers) {
            layer.build(s, random);
            s = layer.outputShape(s);
        }
        this.inputShape = shape;
        return this;
    }

    /** Whether the weights exist. */
    public boolean isBuilt() {
        return inputShape != null;
    }

    private void ensureBuilt() {
        if (inputShape == null) {
            int[] declared = layers.isEmpty() ? null : layers.get(0).declaredInputShape();
            if (declared == null) {
                throw new IllegalStateException("Sequential: the model is not built; start it with input(…) or call "
                        + "build(inputShape) or fit first");
            }
            build(declared);
        }
    }

    private void ensureBuiltFor(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("the model needs a batch of samples, shape [batch, features…], got "
                    + Shape.toString(x.shape()));
        }
        if (inputShape == null && (layers.isEmpty() || layers.get(0).declaredInputShape() == null)) {
            build(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        }
        ensureBuilt();
        // compared dimension by dimension: predict on a built model allocates nothing here
        boolean fits = x.rank() == inputShape.length + 1;
        for (int d = 0; fits && d < inputShape.length; d++) {
            fits = x.dim(d + 1) == inputShape[d];
        }
        if (!fits) {
            throw new IllegalArgumentException("the model expects input of shape " + Layer.batched(inputShape)
                    + ", got " + Shape.toString(x.shape()));
        }
    }

    /** The output shape of one sample (batch excluded); the model must be built. */
    public int[] outputShape() {
        ensureBuilt();
        int[] s = inputShape;
        for (Layer layer : layers) {
            s = layer.outputShape(s);
        }
        return s;
    }

    // ---------------------------------------------------------------- compile

    /** Configures training with an optimizer object, a loss by Keras name and metrics by name. */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), (Object[]) metrics);
    }

    /** Configures training by Keras names: {@code compile("adam", "mse", "mae")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), (Object[]) metrics);
    }

    /** Configures training with an optimizer and a loss object, without metrics. */
    public void compile(Optimizer optimizer, Loss loss) {
        compile(optimizer, loss, new Object[0]);
    }

    /** Configures training with objects. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        compile(optimizer, loss, (Object[]) metrics);
    }

    /** Configures training with an optimizer and loss object and metrics by name. */
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        compile(optimizer, loss, (Object[]) metrics);
    }

    /** Compiles with metrics as names (Strings) or {@link Metric} objects, checked by {@link Compilation}. */
    void compile(Optimizer optimizer, Loss loss, Object[] metrics) {
        compiled = new Compilation(optimizer, loss, metrics);
    }

    /** Whether {@code compile} was called. */
    public boolean isCompiled() {
        return compiled != null;
    }

    /** The metrics as given to {@code compile}: names (Strings) and {@link Metric} objects. */
    List<Object> metricSpecs() {
        return compiled == null ? List.of() : compiled.metricSpecs();
    }

    /** The model's seed. */
    public long seed() {
        return seed;
    }

    /** The sample shape the model was built for (batch excluded), or {@code null} before build. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /**
     * The training position: the epochs completed by the last {@code fit}, counted from its
     * initial epoch (so the {@code initialEpoch} that continues it); kept in saved files.
     */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** Sets the training position, for a training loop outside {@code fit} (such as Spark's) that ran {@code epochs}. */
    public void epochsCompleted(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochsCompleted: must not be negative, got " + epochs);
        }
        this.epochsCompleted = epochs;
    }

    /**
     * Attaches how raw table rows become this model's input (for a model trained on a CSV file,
     * the {@link dev.neurona.data.CsvData#schema()} of that file), so that it is saved with the
     * model and whoever loads the model reads new rows the same way: {@code neurona predict}, or
     * {@code new Csv().schema(model.preprocessing().orElseThrow()).read(file)}. {@code null} removes it.
     *
     * @return this model
     * @throws IllegalArgumentException when the model's input shape (built, or declared by its
     *         first layer) has another size than the number of columns the schema encodes; a model
     *         without a known input shape is checked when it is saved
     */
    public Sequential preprocessing(TableSchema schema) {
        int[] shape = inputShape != null ? inputShape : layers.isEmpty() ? null : layers.get(0).declaredInputShape();
        if (schema != null && shape != null) {
            schema.requireInputShape(shape);
        }
        this.preprocessing = schema;
        return this;
    }

    /** The preprocessing saved with the model ({@link #preprocessing(TableSchema)}), or empty when there is none. */
    public Optional<TableSchema> preprocessing() {
        return Optional.ofNullable(preprocessing);
    }


    /** The compiled optimizer, or {@code null}. */
    public Optimizer optimizer() {
        return compiled == null ? null : compiled.optimizer();
    }

    /** The compiled loss, or {@code null}. */
    public Loss loss() {
        return compiled == null ? null : compiled.loss();
    }

    private void requireCompiled(String op) {
        if (compiled == null) {
            throw new IllegalStateException(op + ": the model is not compiled; call compile(optimizer, loss, metrics...) first");
        }
    }

    // ---------------------------------------------------------------- train, evaluate, predict

    /** Trains on {@code x} and {@code y}; see {@link Fit} for the options. */
    public History fit(Tensor x, Tensor y, Fit fit) {
        Checks.requireSameBatch("fit", x, y);
        return fit(Dataset.of(x, y), fit);
    }

    /** Trains on a dataset; see {@link Fit} for the options. */
    public History fit(Dataset data, Fit fit) {
        if (fit == null) {
            throw new IllegalArgumentException("fit: options must not be null, e.g. Fit.epochs(10)");
        }
        return train("fit", data, fit, fit.initialEpoch());
    }

    /**
     * Continues an interrupted training: {@code fit} from epoch {@link #epochsCompleted()}
     * instead of {@code fit.initialEpoch()}. On a model loaded from a checkpoint written during
     * {@code fit(x, y, sameFit)}, it ends with exactly the weights the uninterrupted run has.
     * Returns an empty history when all {@code fit.epochs()} are done already.
     */
    public History resume(Tensor x, Tensor y, Fit fit) {
        Checks.requireSameBatch("resume", x, y);
        return resume(Dataset.of(x, y), fit);
    }

    /** {@link #resume(Tensor, Tensor, Fit)} on a dataset. */
    public History resume(Dataset data, Fit fit) {
        if (fit == null) {
            throw new IllegalArgumentException("resume: options must not be null, e.g. Fit.epochs(10)");
        }
        if (epochsCompleted >= fit.epochs()) {
            return new History();
        }
        return train("resume", data, fit, epochsCompleted);
    }

    private History train(String op, Dataset data, Fit fit, int initialEpoch) {
        requireCompiled(op);
        ensureBuiltFor(data.x());
        // a function of the seed only, which the file keeps, unlike the state of a generator
        long shuffleSeed = Seeds.derive(seed, SHUFFLE_STREAM);
        History history = new Trainer(this, compiled.loss(), compiled.optimizer(), compiled.metricsFor(data.y()))
                .saver((path, epochs, withOptimizer) -> save(path, withOptimizer, epochs))
                .fit(data, fit, shuffleSeed, initialEpoch);
        epochsCompleted = initialEpoch + history.epochCount();
        return history;
    }

    /** The loss and metrics on {@code x} and {@code y}, in Keras order: {@code {loss=…, accuracy=…}}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        Checks.requireSameBatch("evaluate", x, y);
        return evaluate(Dataset.of(x, y));
    }

    /** The loss and metrics on a dataset. */
    public Map<String, Double> evaluate(Dataset data) {
        requireCompiled("evaluate");
        ensureBuiltFor(data.x());
        Checks.requireFinite("evaluate", "x", data.x());
        Checks.requireTargets("evaluate", "y", this, compiled.loss(), data);
        return Evaluation.evaluate(this, compiled.loss(), compiled.metricsFor(data.y()), data, 32);
    }

    /** The outputs for {@code x}, computed in batches of 32 without recording a graph. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** The outputs for {@code x}, computed in batches of {@code batchSize}. */
    public Tensor predict(Tensor x, int batchSize) {
        ensureBuiltFor(x);
        return inference.predict(x, batchSize);
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        ensureBuiltFor(x);
        if (mode == Mode.INFERENCE && !NoGrad.isGradEnabled() && !Compiled.isTracing()) {
            return inference.forward(x);
        }
        Tensor h = x;
        for (Layer layer : layers) {
            h = layer.call(h, mode);
        }
        return h;
    }

    // ---------------------------------------------------------------- weights

    /** All parameters, layer by layer in Keras order (kernel, then bias). */
    public List<Parameter> parameters() {
        ensureBuilt();
        return stack.parameters();
    }

    @Override
    public List<Parameter> trainableParameters() {
        return parameters().stream().filter(Parameter::trainable).toList();
    }

    @Override
    public Tensor regularizationLoss() {
        return stack.regularizationLoss();
    }

    /** Copies of the weights, as Keras's {@code get_weights()}: per layer the kernel {@code [in, out]}, then the bias. */
    @Override
    public List<Tensor> getWeights() {
        return parameters().stream().map(Tensor::copy).toList();
    }

    /**
     * Overwrites the weights, in the order of {@link #getWeights()}.
     *
     * @throws IllegalArgumentException when the count or a shape differs, naming the parameter
     */
    @Override
    public void setWeights(List<Tensor> weights) {
        ensureBuilt();
        stack.setWeights(weights);
    }

    /** The number of weight values. */
    public long countParams() {
        return parameters().stream().mapToLong(Tensor::size).sum();
    }

    // ---------------------------------------------------------------- files

    /**
     * Saves the model to {@code path} (a {@code .nrn} file, replaced atomically), with the
     * optimizer state when the model is compiled.
     *
     * @throws IllegalStateException when the model is not built and cannot be
     * @throws IOException when the file cannot be written (a previous file stays intact)
     */
    public void save(Path path) throws IOException {
        save(path, isCompiled());
    }

    /**
     * Saves the model, with the optimizer state (needed to resume training exactly) only when
     * {@code includeOptimizer} is true.
     *
     * @throws IllegalStateException when the optimizer is to be included but the model is not compiled
     */
    public void save(Path path, boolean includeOptimizer) throws IOException {
        save(path, includeOptimizer, epochsCompleted);
    }

    private void save(Path path, boolean includeOptimizer, int epochs) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("save: path must not be null");
        }
        if (includeOptimizer && !isCompiled()) {
            throw new IllegalStateException("save: the model is not compiled, so it has no optimizer state to include; "
                    + "compile it first or save(path, false)");
        }
        ensureBuilt();
        ModelFiles.write(Snapshots.of(this, includeOptimizer, epochs), path);
    }

    /**
     * What a training loop outside {@code fit} (such as Spark's) gives its callbacks to save
     * this model with a given training position, as {@code fit} does.
     */
    public ModelSaver saver() {
        return (path, epochs, withOptimizer) -> save(path, withOptimizer, epochs);
    }

    /**
     * Loads a model saved by {@link #save(Path)}: built, with equal weights (its predictions are
     * bit-identical), compiled as it was, with its optimizer state and training position.
     *
     * @throws dev.neurona.io.ModelFileException when the file is missing, corrupt, over the
     *         default {@link ModelFileLimits}, of a newer format, or does not describe a valid model
     */
    public static Sequential load(Path path) throws IOException {
        return load(path, ModelFileLimits.DEFAULT);
    }

    /** {@link #load(Path)} with tighter (or looser) bounds on what the file may hold. */
    public static Sequential load(Path path, ModelFileLimits limits) throws IOException {
        return Snapshots.load(path, limits);
    }

    /** Prints {@link #summaryString()} to standard output. */
    public void summary() {
        System.out.print(summaryString());
    }

    /** The Keras summary table: layer (type), output shape, parameter count, and the totals. */
    public String summaryString() {
        ensureBuilt();
        return SummaryTable.of(layers, inputShape);
    }
}
