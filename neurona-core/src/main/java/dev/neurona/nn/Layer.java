package dev.neurona.nn;

import dev.neurona.names.Registry;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A building block of a network, Keras-style: configuration in the constructor, weights
 * created in {@link #build(int[], Random)} once the input shape is known, math in a short
 * {@link #forward(Tensor, Mode)}. Gradients come from autograd; a layer has no backward code.
 *
 * <p>Shapes given to and returned by layers exclude the batch dimension: a Dense layer on
 * 784 features has input shape {@code [784]} and sees tensors {@code [batch, 784]}.
 *
 * <p>Parameters are registered with stable path names, {@code "<layer name>/<weight>"}
 * such as {@code "dense_1/kernel"}, which key the weights file and the optimizer state.
 */
@Registry.Kind(noun = "layer type", plural = "layer types", builtins = Layers.class, exactNames = true)
public abstract class Layer {

    private String name;
    /** Where the layer sits ({@code ""} at the top of a model, {@code "encoder/"} inside one), or {@code null} when nothing placed it. */
    private String prefix;
    /** The input shapes it was built for (one per input), or {@code null} before build. */
    private int[][] inputShapes;
    private final List<Parameter> parameters = new ArrayList<>();
    /** Each parameter's name within this layer ({@code "kernel"}), in the order of {@link #parameters}. */
    private final List<String> weightNames = new ArrayList<>();
    private final List<Layer> children = new ArrayList<>();
    private final List<Tensor> addedLosses = new ArrayList<>();
    private final Map<String, Integer> childCounts = new java.util.HashMap<>();
    /** The random source of the build in progress on this thread, so that children build on their first call. */
    private static final ThreadLocal<Random> BUILDING = new ThreadLocal<>();

    /**
     * The layer's name, such as {@code "dense_1"}; {@code null} until set or assigned by the
     * model.
     */
    public String name() {
        return name;
    }

    /**
     * Names the layer; must happen before it is built, since parameter names derive from it.
     *
     * @return this layer
     */
    public Layer name(String name) {
        if (isBuilt()) {
            throw new IllegalStateException("cannot rename layer '" + this.name + "' after it was built");
        }
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("layer name must be non-blank and contain no '/', got '" + name + "'");
        }
        this.name = name;
        return this;
    }

    /** The path in the model tree, {@code "dense_1"} or {@code "encoder/dense_1"}: its weights' names start with it. */
    public final String path() {
        return name == null ? null : (prefix == null ? "" : prefix) + name;
    }

    /**
     * Places this layer under {@code parentPath} ({@code ""} for the top of a model), so that
     * weight names follow the tree; weights that exist already are renamed, children's too.
     */
    public final void nestUnder(String parentPath) {
        String p = parentPath == null || parentPath.isEmpty() ? "" : parentPath + "/";
        if (p.equals(prefix)) {
            return;
        }
        prefix = p;
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).rename(path() + "/" + weightNames.get(i));
        }
        if (name != null) {
            for (Layer child : children) {
                child.nestUnder(childPath());
            }
        }
    }

    /** The path children are placed under: {@link #path()}; {@code ""} for a top-level model ({@code "dense_1/kernel"}). */
    protected String childPath() {
        return path();
    }

    /** Whether something placed this layer in a tree (a model or a parent layer). */
    protected final boolean isPlaced() {
        return prefix != null;
    }

    /**
     * Registers {@code child} as part of this layer (its weights, penalties and state belong to
     * this one), as blocks and subclassed models hold their layers; unnamed, it is named per type
     * ({@code dense_1}, …). Children build on their first call from {@link #forward} while this
     * layer builds; a block that changes the shape overrides {@link #outputShape(int[])}.
     *
     * @return the child
     * @throws IllegalArgumentException for null, a child added twice, or a name taken by another child
     */
    protected final <L extends Layer> L addChild(L child) {
        if (child == null) {
            throw new IllegalArgumentException(label() + ".addChild: child must not be null");
        }
        if (child == this || children.stream().anyMatch(c -> c == child)) {
            throw new IllegalArgumentException(label() + ".addChild: " + child + " is a child already");
        }
        Layer c = child;
        String base = snakeCase(c.typeName());
        int count = childCounts.merge(base, 1, Integer::sum);
        if (c.name == null) {
            String candidate = base + "_" + count;
            while (childNamed(candidate) != null) {
                count = childCounts.merge(base, 1, Integer::sum);
                candidate = base + "_" + count;
            }
            c.name = candidate;
        } else if (childNamed(c.name) != null) {
            throw new IllegalArgumentException(label() + ": a layer named '" + c.name + "' exists already");
        }
        children.add(child);
        if (name != null && prefix != null) {
            child.nestUnder(childPath());
        }
        return child;
    }

    /** The child of this name, or {@code null}. */
    protected final Layer childNamed(String childName) {
        for (Layer c : children) {
            if (childName.equals(c.name)) {
                return c;
            }
        }
        return null;
    }

    /** The layers {@link #addChild added} to this one, in order. */
    public final List<Layer> children() {
        return Collections.unmodifiableList(children);
    }

    /** Keras's {@code to_snake_case} default names: {@code Dense → dense}, {@code MaxPooling2D → max_pooling2d}, {@code PReLU → p_re_lu}. */
    public static String snakeCase(String typeName) {
        String words = typeName.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return words.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The Keras-style type name shown in summaries and configs, such as {@code "Dense"}. */
    public String typeName() {
        return getClass().getSimpleName();
    }

    /** The input shape this layer declares before being built (as {@code input(…)} or {@code flatten(28, 28)} do), or {@code null}. */
    public int[] declaredInputShape() {
        return null;
    }

    /**
     * Creates the weights for inputs of {@code inputShape} (batch dimension excluded), drawing
     * random values from {@code random}. Building twice with the same shape is a no-op.
     *
     * @throws IllegalArgumentException when the shape is unsuitable, or differs from the one
     *         the layer was already built for
     */
    public final void build(int[] inputShape, Random random) {
        if (inputShape == null) {
            throw new IllegalArgumentException(label() + ": input shape must not be null");
        }
        build(List.of(inputShape), random);
    }

    /**
     * Creates the weights for inputs of {@code inputShapes} (one shape per input, batch
     * excluded): the form layers of several inputs (merge layers, models) are built with.
     *
     * @throws IllegalArgumentException when the number of inputs or a shape is unsuitable, or
     *         differs from what the layer was already built for
     */
    public final void build(List<int[]> inputShapes, Random random) {
        if (inputShapes == null || inputShapes.isEmpty() || inputShapes.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(label() + ": input shapes must not be null or empty, got " + inputShapes);
        }
        int[] declared = declaredInputShape();
        if (declared != null && inputShapes.size() == 1 && !Arrays.equals(declared, inputShapes.get(0))) {
            throw new IllegalArgumentException(label() + " expects input of shape " + batched(declared)
                    + ", got " + batched(inputShapes.get(0)));
        }
        if (isBuilt()) {
            if (!LayerShapes.same(this.inputShapes, inputShapes)) {
                throw new IllegalArgumentException(label() + " was built for input of shape "
                        + LayerShapes.describe(this.inputShapes) + ", got " + LayerShapes.describe(inputShapes.toArray(int[][]::new)));
            }
            return;
        }
        requireInputCount(inputShapes.size());
        if (name == null && needsName()) {
            throw new IllegalStateException("layer " + typeName() + " needs a name before it is built");
        }
        for (Layer child : children) {
            child.nestUnder(childPath());
        }
        int[][] copies = new int[inputShapes.size()][];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = inputShapes.get(i).clone();
        }
        createWeights(List.of(copies.clone()), random);
        this.inputShapes = copies;
        if (!children.isEmpty() && children.stream().anyMatch(c -> !c.isBuilt())) {
            buildChildren(random);   // each child builds on its first call, drawing from random in call order
        }
    }

    /** Runs {@link #forward} once on one sample of zeros per input, grad off, so that the children build. */
    private void buildChildren(Random random) {
        List<Tensor> zeros = LayerShapes.zeros(inputShapes);
        Random outer = BUILDING.get();
        BUILDING.set(random);
        try (dev.neurona.tensor.NoGrad ignored = dev.neurona.tensor.NoGrad.enter()) {
            if (zeros.size() == 1) {
                forward(zeros.get(0), Mode.INFERENCE);
            } else {
                forward(zeros, Mode.INFERENCE);
            }
        } finally {
            BUILDING.set(outer);
        }
    }

    /** Whether the layer must be named before it builds (weights are named after it); a top-level model need not be. */
    protected boolean needsName() {
        return true;
    }

    /**
     * Adds a loss computed in {@link #forward} to what training minimises (Keras's
     * {@code add_loss}): a VAE's KL divergence, an activity penalty. It counts once, for the
     * forward pass that added it; the model sums and clears such losses after each pass.
     *
     * @throws IllegalArgumentException when {@code loss} is not a scalar
     */
    protected final void addLoss(Tensor loss) {
        if (loss == null || loss.size() != 1) {
            throw new IllegalArgumentException(label() + ".addLoss: needs a scalar loss, got "
                    + (loss == null ? "null" : Shape.toString(loss.shape())));
        }
        addedLosses.add(loss);
    }

    /** The losses {@link #addLoss added} since the last call, which forgets them; this layer's only. */
    public final List<Tensor> takeAddedLosses() {
        if (addedLosses.isEmpty()) {
            return List.of();
        }
        List<Tensor> out = List.copyOf(addedLosses);
        addedLosses.clear();
        return out;
    }

    /**
     * Checks that this layer takes {@code count} inputs; one by default, merge layers two or
     * more, a model as many as it has inputs.
     *
     * @throws IllegalArgumentException naming the layer and the count expected
     */
    protected void requireInputCount(int count) {
        if (count != 1) {
            throw new IllegalArgumentException(label() + " takes one input, got " + count);
        }
    }

    /** Creates and {@link #addWeight registers} this layer's weights; the default has none. */
    protected void createWeights(int[] inputShape, Random random) {
    }

    /** Creates the weights for several inputs; by default the single-input {@link #createWeights(int[], Random)}. */
    protected void createWeights(List<int[]> inputShapes, Random random) {
        createWeights(inputShapes.get(0), random);
    }

    public final boolean isBuilt() {
        return inputShapes != null;
    }

    /** The input shape this layer was built for (batch excluded; the first input's for several), or {@code null} before build. */
    public final int[] inputShape() {
        return inputShapes == null ? null : inputShapes[0].clone();
    }

    /** The input shapes this layer was built for, one per input (batch excluded), or {@code null} before build. */
    public final List<int[]> inputShapes() {
        return inputShapes == null ? null : Arrays.stream(inputShapes).map(int[]::clone).toList();
    }

    /** The output shape (batch excluded) for inputs of {@code inputShape}; the default keeps it. */
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /**
     * The output shape for inputs of {@code inputShapes}; by default the single-input
     * {@link #outputShape(int[])}. Merge layers check here that their inputs fit together.
     *
     * @throws IllegalArgumentException naming the layer and the shapes when they do not fit
     */
    public int[] outputShape(List<int[]> inputShapes) {
        requireInputCount(inputShapes.size());
        return outputShape(inputShapes.get(0));
    }

    /**
     * Applies the layer to symbolic inputs, building a graph as Keras's functional API does:
     * {@code dense(64, "relu").apply(x)}, {@code add().apply(x, shortcut)}. Nothing is computed
     * or built yet; the output's shape is known and checked now.
     *
     * @throws IllegalArgumentException when the inputs do not fit the layer, naming both shapes
     */
    public final SymbolicTensor apply(SymbolicTensor... inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException(label() + ".apply: inputs must not be null");
        }
        return apply(Arrays.asList(inputs));
    }

    /** {@link #apply(SymbolicTensor...)} on a list of inputs. */
    public final SymbolicTensor apply(List<SymbolicTensor> inputs) {
        return LayerShapes.apply(this, inputs);
    }

    /**
     * Checks that {@code x} is {@code [batch, inputShape…]} and applies {@link #forward}.
     *
     * @throws IllegalStateException before {@link #build}
     * @throws IllegalArgumentException naming both shapes when {@code x} does not fit
     */
    public final Tensor call(Tensor x, Mode mode) {
        if (!isBuilt()) {
            buildOnFirstCall(List.of(x));
        }
        if (inputShapes.length != 1) {
            throw new IllegalArgumentException(label() + " takes " + inputShapes.length + " inputs, got one");
        }
        LayerShapes.require(label(), x, inputShapes[0]);
        return forward(x, mode);
    }

    /**
     * Checks each of {@code xs} against its input's shape and applies {@link #forward(List, Mode)}:
     * how a graph calls a layer of several inputs.
     */
    public final Tensor call(List<Tensor> xs, Mode mode) {
        if (!isBuilt()) {
            buildOnFirstCall(xs);
        }
        if (xs.size() != inputShapes.length) {
            throw new IllegalArgumentException(label() + " takes " + inputShapes.length + " inputs, got " + xs.size());
        }
        if (xs.size() == 1) {
            return call(xs.get(0), mode);
        }
        for (int i = 0; i < xs.size(); i++) {
            LayerShapes.require(label(), xs.get(i), inputShapes[i]);
        }
        return forward(xs, mode);
    }

    private void buildOnFirstCall(List<Tensor> xs) {
        Random random = BUILDING.get();
        if (random == null || name == null) {
            throw new IllegalStateException(label() + " is not built yet");
        }
        build(xs.stream().map(x -> Arrays.copyOfRange(x.shape(), 1, x.rank())).toList(), random);
    }

    /** The layer's math on a batch {@code x} of shape {@code [batch, inputShape…]}. */
    protected abstract Tensor forward(Tensor x, Mode mode);

    /** The layer's math on several inputs; by default the single-input {@link #forward(Tensor, Mode)}. */
    protected Tensor forward(List<Tensor> xs, Mode mode) {
        if (xs.size() != 1) {
            throw new IllegalArgumentException(label() + " takes one input, got " + xs.size());
        }
        return forward(xs.get(0), mode);
    }

    /** The weights in creation order (Keras: kernel, then bias), then the children's, each once. */
    public List<Parameter> parameters() {
        if (children.isEmpty()) {
            return Collections.unmodifiableList(parameters);
        }
        return LayerShapes.union(parameters, children);
    }

    /** The total number of weight values. */
    public final long countParams() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /**
     * The number of weight values {@link #build} would create for inputs of {@code inputShape},
     * computed without creating them, so that a model loader can bound memory before it builds
     * a network from an untrusted file. Every layer says it (0 for layers without weights), so
     * that a new layer cannot silently under-count.
     */
    public abstract long countParams(int[] inputShape);

    /**
     * State that training changes apart from the weights, such as a dropout layer's position
     * in its random stream, as JSON-friendly values; empty by default. Saved with the model so
     * that training resumed from a checkpoint continues exactly as it would have.
     */
    public Map<String, Object> state() {
        return Map.of();
    }

    /**
     * Restores what {@link #state()} returned; the layer must be built.
     *
     * @throws IllegalArgumentException when {@code state} does not fit this layer, naming the problem
     */
    public void loadState(Map<String, Object> state) {
        if (state == null || !state.isEmpty()) {
            throw new IllegalArgumentException(label() + " keeps no state, got " + state);
        }
    }

    /**
     * The regularization penalty of this layer's weights, or {@code null} when it has none; by
     * default the sum of its children's.
     */
    public Tensor regularizationLoss() {
        Tensor total = null;
        for (Layer child : children) {
            Tensor p = child.regularizationLoss();
            if (p != null) {
                total = total == null ? p : total.add(p);
            }
        }
        return total;
    }

    /**
     * The configuration that {@link Layers#fromConfig(Map)} turns back into an equal layer:
     * {@code type} and {@code name}, plus the settings from {@link #settings()}.
     */
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", typeName());
        if (name != null) {
            config.put("name", name);
        }
        config.putAll(settings());
        return config;
    }

    /** This layer's constructor settings as JSON-friendly values (numbers, strings, booleans, lists, maps). */
    protected Map<String, Object> settings() {
        return Map.of();
    }

    /** Creates and registers a weight named {@code "<layer path>/<shortName>"}. */
    protected final Parameter addWeight(String shortName, Tensor initial) {
        Parameter p = new Parameter(path() + "/" + shortName, initial);
        parameters.add(p);
        weightNames.add(shortName);
        return p;
    }

    protected final String label() {
        return (name == null ? "" : name + " ") + "(" + typeName() + ")";
    }

    /** A shape with the batch dimension written as {@code None}, as Keras prints it. */
    public static String batched(int[] shape) {
        StringBuilder sb = new StringBuilder("[None");
        for (int d : shape) {
            sb.append(", ").append(d);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return label();
    }
}
