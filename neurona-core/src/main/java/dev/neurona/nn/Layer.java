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
    private int[] inputShape;
    private final List<Parameter> parameters = new ArrayList<>();

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
        int[] declared = declaredInputShape();
        if (declared != null && !Arrays.equals(declared, inputShape)) {
            throw new IllegalArgumentException(label() + " expects input of shape " + batched(declared)
                    + ", got " + batched(inputShape));
        }
        if (isBuilt()) {
            if (!Arrays.equals(this.inputShape, inputShape)) {
                throw new IllegalArgumentException(label() + " was built for input of shape " + batched(this.inputShape)
                        + ", got " + batched(inputShape));
            }
            return;
        }
        if (name == null) {
            throw new IllegalStateException("layer " + typeName() + " needs a name before it is built");
        }
        createWeights(inputShape.clone(), random);
        this.inputShape = inputShape.clone();
    }

    /** Creates and {@link #addWeight registers} this layer's weights; the default has none. */
    protected void createWeights(int[] inputShape, Random random) {
    }

    /** Whether {@link #build} has run. */
    public final boolean isBuilt() {
        return inputShape != null;
    }

    /** The input shape this layer was built for (batch excluded), or {@code null} before build. */
    public final int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The output shape (batch excluded) for inputs of {@code inputShape}; the default keeps it. */
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /**
     * Checks that {@code x} is {@code [batch, inputShape…]} and applies {@link #forward}.
     *
     * @throws IllegalStateException before {@link #build}
     * @throws IllegalArgumentException naming both shapes when {@code x} does not fit
     */
    public final Tensor call(Tensor x, Mode mode) {
        if (!isBuilt()) {
            throw new IllegalStateException(label() + " is not built yet");
        }
        int[] s = x.shape();
        if (s.length != inputShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), inputShape)) {
            throw new IllegalArgumentException(label() + " expects input of shape " + batched(inputShape)
                    + ", got " + Shape.toString(s));
        }
        return forward(x, mode);
    }

    /** The layer's math on a batch {@code x} of shape {@code [batch, inputShape…]}. */
    protected abstract Tensor forward(Tensor x, Mode mode);

    /** The weights in creation order (Keras order: kernel, then bias). */
    public final List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The total number of weight values. */
    public final long countParams() {
        long n = 0;
        for (Parameter p : parameters) {
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

    /** The regularization penalty of this layer's weights, or {@code null} when it has none. */
    public Tensor regularizationLoss() {
        return null;
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

    /** Creates and registers a weight named {@code "<layer name>/<shortName>"}. */
    protected final Parameter addWeight(String shortName, Tensor initial) {
        Parameter p = new Parameter(name + "/" + shortName, initial);
        parameters.add(p);
        return p;
    }

    /** {@code "dense_1 (Dense)"}, for messages. */
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
