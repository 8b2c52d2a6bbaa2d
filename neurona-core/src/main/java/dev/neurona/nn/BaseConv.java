package dev.neurona.nn;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.names.ConfigKeys;
import dev.neurona.nn.init.Initializer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.ConvSpec;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * What the convolution layers share (Keras's {@code BaseConv}): kernel size, strides, padding
 * ({@code valid} or {@code same}), dilation, activation, bias, and the kernel's and bias's
 * initializers, regularizers and constraints, with Keras's defaults (Glorot-uniform kernel,
 * zero bias, linear activation). Inputs are channels-last. The fluent setters return the
 * concrete layer: {@code conv2d(32, 3).strides(2).padding("same")}.
 *
 * @param <L> the concrete layer
 */
public abstract class BaseConv<L extends BaseConv<L>> extends Layer {

    /** Spatial axes: 1 or 2. */
    final int rank;
    final int[] kernelSize;
    int[] strides;
    int[] dilation;
    String padding = "valid";
    int groups = 1;
    private Activation activation = Activations.get("linear");
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    Parameter kernel;
    private Parameter bias;
    /** The spec of the input last seen (its padding depends on the input's size), set by {@link #spatial}. */
    ConvSpec spec;

    BaseConv(int rank, int[] kernelSize) {
        this.rank = rank;
        this.kernelSize = Windows.tuple(typeName(), "kernel_size", rank, 1, kernelSize);
        this.strides = Windows.filled(rank, 1);
        this.dilation = Windows.filled(rank, 1);
    }

    @SuppressWarnings("unchecked")
    final L self() {
        return (L) this;
    }

    /** The strides, one value or one per spatial axis (default 1). */
    public L strides(int... values) {
        unbuilt();
        this.strides = Windows.tuple(label(), "strides", rank, 1, values);
        return self();
    }

    /** {@code "valid"} (no padding, the default) or {@code "same"} (output size {@code ceil(input / stride)}). */
    public L padding(String value) {
        unbuilt();
        this.padding = Windows.padding(label(), value, allowsCausal());
        return self();
    }

    /** The dilation rate, one value or one per spatial axis (default 1). */
    public L dilationRate(int... values) {
        unbuilt();
        this.dilation = Windows.tuple(label(), "dilation_rate", rank, 1, values);
        return self();
    }

    /** Sets the activation. */
    public L activation(Activation function) {
        this.activation = nonNull(function, "activation");
        Compiled.structureChanged();
        return self();
    }

    /** Sets the activation by Keras name, such as {@code "relu"}. */
    public L activation(String name) {
        return activation(Activations.get(name));
    }

    /** Whether the layer adds a bias (default true). */
    public L useBias(boolean value) {
        unbuilt();
        this.useBias = value;
        return self();
    }

    /** The (main) kernel's initializer (default Glorot uniform). */
    public L kernelInitializer(Initializer initializer) {
        unbuilt();
        this.kernelInitializer = nonNull(initializer, "kernel initializer");
        return self();
    }

    /** A penalty on the (main) kernel added to the loss, or {@code null} for none. */
    public L kernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        Compiled.structureChanged();
        return self();
    }

    /** A projection of the (main) kernel after each optimizer update, or {@code null} for none. */
    public L kernelConstraint(Constraint constraint) {
        this.kernelConstraint = constraint;
        bind(kernel, constraint);
        return self();
    }

    /** The bias's initializer (default zeros). */
    public L biasInitializer(Initializer initializer) {
        unbuilt();
        this.biasInitializer = nonNull(initializer, "bias initializer");
        return self();
    }

    /** A penalty on the bias added to the loss, or {@code null} for none. */
    public L biasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        Compiled.structureChanged();
        return self();
    }

    /** A projection of the bias after each optimizer update, or {@code null} for none. */
    public L biasConstraint(Constraint constraint) {
        this.biasConstraint = constraint;
        bind(bias, constraint);
        return self();
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The kernel size per spatial axis. */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** The main kernel (Keras layout), or {@code null} before build. */
    public Parameter kernel() {
        return kernel;
    }

    /** The bias, or {@code null} before build or without bias. */
    public Parameter bias() {
        return bias;
    }

    /** Whether {@code padding("causal")} is allowed (Conv1D). */
    boolean allowsCausal() {
        return false;
    }

    /** The channels of the output for inputs of {@code channels}. */
    abstract int outChannels(int channels);

    /** The main kernel's shape for inputs of {@code channels} (checking that they fit the groups). */
    abstract int[] kernelShape(int channels);

    /** The main kernel's weight name, {@code kernel} or {@code depthwise_kernel}. */
    String kernelName() {
        return "kernel";
    }

    /** The spatial output sizes for a sample, setting {@link #spec}. */
    int[] spatial(int[] sample) {
        int[] before = new int[rank];
        int[] after = new int[rank];
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            int[] pad = Windows.pad(padding, sample[a], kernelSize[a], strides[a], dilation[a]);
            out[a] = Windows.outSize(label(), sample, a, kernelSize[a], strides[a], dilation[a], pad);
            before[a] = pad[0];
            after[a] = pad[1];
        }
        spec = rank == 1 ? ConvSpec.of1d(strides[0], before[0], after[0], dilation[0], groups)
                : new ConvSpec(strides[0], strides[1], before[0], after[0], before[1], after[1], dilation[0], dilation[1],
                groups);
        return out;
    }

    /** The convolution of {@code x} with the built weights, before bias and activation. */
    abstract Tensor convolve(Tensor x);

    /** More weights after the main kernel (SeparableConv2D's pointwise kernel). */
    void createMoreWeights(int channels, Random random) {
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        Windows.rank(label(), inputShape, rank + 1);
        int channels = inputShape[rank];
        kernelShape(channels);
        int[] spatial = spatial(inputShape);
        int[] out = java.util.Arrays.copyOf(spatial, rank + 1);
        out[rank] = outChannels(channels);
        return out;
    }

    @Override
    protected void createWeights(int[] inputShape, Random random) {
        outputShape(inputShape);
        Dense.checkActivation(activation, label(), rank + 2);
        int channels = inputShape[rank];
        kernel = addWeight(kernelName(), kernelInitializer.create(kernelShape(channels), random));
        bind(kernel, kernelConstraint);
        createMoreWeights(channels, random);
        if (useBias) {
            bias = addWeight("bias", biasInitializer.create(new int[] {outChannels(channels)}, random));
            bind(bias, biasConstraint);
        }
    }

    @Override
    public long countParams(int[] inputShape) {
        Windows.rank(label(), inputShape, rank + 1);
        int channels = inputShape[rank];
        long n = 1;
        for (int d : kernelShape(channels)) {
            n *= d;
        }
        return n + moreParams(channels) + (useBias ? outChannels(channels) : 0);
    }

    /** The values of the weights of {@link #createMoreWeights}. */
    long moreParams(int channels) {
        return 0;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        int[] shape = x.shape();
        spatial(java.util.Arrays.copyOfRange(shape, 1, shape.length));   // the spec for this input (outputShape may have seen others)
        Tensor z = convolve(x);
        if (useBias) {
            z = z.add(bias);
        }
        return activation.apply(z);
    }

    @Override
    public Tensor regularizationLoss() {
        Tensor penalty = kernelRegularizer == null ? null : kernelRegularizer.penalty(kernel);
        penalty = plus(penalty, morePenalties());
        if (biasRegularizer != null && bias != null) {
            penalty = plus(penalty, biasRegularizer.penalty(bias));
        }
        return penalty;
    }

    /** The penalties of the weights of {@link #createMoreWeights}, or {@code null}. */
    Tensor morePenalties() {
        return null;
    }

    static Tensor plus(Tensor a, Tensor b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** The common settings, in Keras's order: {@code kernel_size} to {@code activation} and the weights' options. */
    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        head(s);
        s.put("kernel_size", Windows.list(kernelSize));
        s.put("strides", Windows.list(strides));
        s.put("padding", padding);
        s.put("data_format", "channels_last");
        s.put("dilation_rate", Windows.list(dilation));
        middle(s);
        s.put("activation", activation.config());
        s.put("use_bias", useBias);
        String k = kernelName().equals("kernel") ? "kernel" : "depthwise";
        s.put(k + "_initializer", kernelInitializer.config());
        moreInitializers(s);
        s.put("bias_initializer", biasInitializer.config());
        putIf(s, k + "_regularizer", kernelRegularizer == null ? null : kernelRegularizer.config());
        putIf(s, "bias_regularizer", biasRegularizer == null ? null : biasRegularizer.config());
        putIf(s, k + "_constraint", kernelConstraint == null ? null : kernelConstraint.config());
        putIf(s, "bias_constraint", biasConstraint == null ? null : biasConstraint.config());
        return s;
    }

    /** Settings before {@code kernel_size} ({@code filters}). */
    void head(Map<String, Object> s) {
    }

    /** Settings after {@code dilation_rate} ({@code groups}, {@code depth_multiplier}, {@code output_padding}). */
    void middle(Map<String, Object> s) {
    }

    /** Initializers of further weights, after the main kernel's. */
    void moreInitializers(Map<String, Object> s) {
    }

    static void putIf(Map<String, Object> s, String key, Object value) {
        if (value != null) {
            s.put(key, value);
        }
    }

    /** Reads the common keys of a config into {@code layer} (the caller has checked the key set). */
    static <L extends BaseConv<L>> L configure(L layer, ConfigKeys c) {
        Windows.dataFormat(c);
        if (c.has("strides")) {
            int[] s = Windows.tuple(c, "strides", layer.rank, 1);
            LayerConfigs.built("strides", () -> layer.strides(s));
        }
        if (c.has("padding")) {
            String p = c.string("padding");
            LayerConfigs.built("padding", () -> layer.padding(p));
        }
        if (c.has("dilation_rate")) {
            int[] d = Windows.tuple(c, "dilation_rate", layer.rank, 1);
            LayerConfigs.built("dilation_rate", () -> layer.dilationRate(d));
        }
        if (c.has("activation")) {
            layer.activation(LayerConfigs.function(c.get("activation")));
        }
        layer.useBias(c.bool("use_bias", true));
        String k = layer.kernelName().equals("kernel") ? "kernel" : "depthwise";
        if (c.has(k + "_initializer")) {
            layer.kernelInitializer(LayerConfigs.initializer(c, k + "_initializer"));
        }
        if (c.has("bias_initializer")) {
            layer.biasInitializer(LayerConfigs.initializer(c, "bias_initializer"));
        }
        if (c.has(k + "_regularizer")) {
            layer.kernelRegularizer(LayerConfigs.regularizer(c, k + "_regularizer"));
        }
        if (c.has("bias_regularizer")) {
            layer.biasRegularizer(LayerConfigs.regularizer(c, "bias_regularizer"));
        }
        if (c.has(k + "_constraint")) {
            layer.kernelConstraint(LayerConfigs.constraint(c, k + "_constraint"));
        }
        if (c.has("bias_constraint")) {
            layer.biasConstraint(LayerConfigs.constraint(c, "bias_constraint"));
        }
        return layer;
    }

    /** The config keys every convolution layer reads; {@code k} is the main kernel's prefix. */
    static java.util.List<String> commonKeys(String k) {
        return java.util.List.of("type", "name", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                "activation", "use_bias", k + "_initializer", "bias_initializer", k + "_regularizer", "bias_regularizer",
                k + "_constraint", "bias_constraint");
    }

    /** {@link Constraints#bind} for this layer's weights. */
    final void bind(Parameter p, Constraint c) {
        Constraints.bind(label(), p, c);
    }

    final void unbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(label() + ": weights already exist; configure the layer before it is built");
        }
    }

    final <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(label() + ": " + what + " must not be null");
        }
        return value;
    }
}
