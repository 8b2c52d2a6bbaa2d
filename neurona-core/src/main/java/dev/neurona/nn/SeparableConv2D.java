package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.nn.init.Initializer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.ConvSpec;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A depthwise-separable 2-D convolution (Keras's {@code SeparableConv2D}): a depthwise
 * convolution ({@code depthwise_kernel [kh, kw, channels, depth_multiplier]}, with the strides,
 * padding and dilation) followed by a pointwise 1×1 one ({@code pointwise_kernel [1, 1,
 * channels·depth_multiplier, filters]}), then the bias {@code [filters]} and the activation:
 * far fewer weights than a {@link Conv2D} of the same size.
 */
public final class SeparableConv2D extends BaseConv<SeparableConv2D> {

    private final int filters;
    private int depthMultiplier = 1;
    private Initializer pointwiseInitializer = Initializers.glorotUniform();
    private Regularizer pointwiseRegularizer;
    private Constraint pointwiseConstraint;
    private Parameter pointwise;

    /** {@code filters} output channels, the depthwise step with a kernel of {@code kernelSize}. */
    public SeparableConv2D(int filters, int... kernelSize) {
        super(2, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("SeparableConv2D: filters must be positive, got " + filters);
        }
        this.filters = filters;
    }

    /** Depthwise filters per input channel (default 1). */
    public SeparableConv2D depthMultiplier(int multiplier) {
        unbuilt();
        if (multiplier <= 0) {
            throw new IllegalArgumentException(label() + ": depth_multiplier must be positive, got " + multiplier);
        }
        this.depthMultiplier = multiplier;
        return this;
    }

    /** The depthwise kernel's initializer (Keras's name for {@link #kernelInitializer}). */
    public SeparableConv2D depthwiseInitializer(Initializer initializer) {
        return kernelInitializer(initializer);
    }

    /** A penalty on the depthwise kernel. */
    public SeparableConv2D depthwiseRegularizer(Regularizer regularizer) {
        return kernelRegularizer(regularizer);
    }

    /** A projection of the depthwise kernel. */
    public SeparableConv2D depthwiseConstraint(Constraint constraint) {
        return kernelConstraint(constraint);
    }

    /** The pointwise kernel's initializer (default Glorot uniform). */
    public SeparableConv2D pointwiseInitializer(Initializer initializer) {
        unbuilt();
        this.pointwiseInitializer = nonNull(initializer, "pointwise initializer");
        return this;
    }

    /** A penalty on the pointwise kernel, or {@code null}. */
    public SeparableConv2D pointwiseRegularizer(Regularizer regularizer) {
        this.pointwiseRegularizer = regularizer;
        Compiled.structureChanged();
        return this;
    }

    /** A projection of the pointwise kernel after each update, or {@code null}. */
    public SeparableConv2D pointwiseConstraint(Constraint constraint) {
        this.pointwiseConstraint = constraint;
        bind(pointwise, constraint);
        return this;
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    /** The pointwise kernel {@code [1, 1, channels·depth_multiplier, filters]}, or {@code null} before build. */
    public Parameter pointwiseKernel() {
        return pointwise;
    }

    @Override
    String kernelName() {
        return "depthwise_kernel";
    }

    @Override
    int outChannels(int channels) {
        return filters;
    }

    @Override
    int[] kernelShape(int channels) {
        return new int[] {kernelSize[0], kernelSize[1], channels, depthMultiplier};
    }

    @Override
    void createMoreWeights(int channels, Random random) {
        pointwise = addWeight("pointwise_kernel", pointwiseInitializer.create(
                new int[] {1, 1, channels * depthMultiplier, filters}, random));
        bind(pointwise, pointwiseConstraint);
    }

    @Override
    long moreParams(int channels) {
        return (long) channels * depthMultiplier * filters;
    }

    @Override
    Tensor morePenalties() {
        return pointwiseRegularizer == null ? null : pointwiseRegularizer.penalty(pointwise);
    }

    @Override
    int[] spatial(int[] sample) {
        groups = sample[2];
        return super.spatial(sample);
    }

    @Override
    Tensor convolve(Tensor x) {
        return DepthwiseConv2D.depthwise(x, kernel, kernelSize, spec.groups(), depthMultiplier, spec)
                .conv2d(pointwise, ConvSpec.DEFAULT);
    }

    @Override
    void head(Map<String, Object> s) {
        s.put("filters", filters);
    }

    @Override
    void middle(Map<String, Object> s) {
        s.put("depth_multiplier", depthMultiplier);
    }

    @Override
    void moreInitializers(Map<String, Object> s) {
        s.put("pointwise_initializer", pointwiseInitializer.config());
        putIf(s, "pointwise_regularizer", pointwiseRegularizer == null ? null : pointwiseRegularizer.config());
        putIf(s, "pointwise_constraint", pointwiseConstraint == null ? null : pointwiseConstraint.config());
    }

    /** Rebuilds the layer from {@link #config()}: {@code filters} and {@code kernel_size} required. */
    public static SeparableConv2D fromConfig(Map<String, Object> config) {
        List<String> keys = new ArrayList<>(commonKeys("depthwise"));
        keys.addAll(List.of("filters", "depth_multiplier", "pointwise_initializer", "pointwise_regularizer",
                "pointwise_constraint"));
        ConfigKeys c = ConfigKeys.of(config).only(keys);
        int filters = (int) c.integer("filters", 1, Integer.MAX_VALUE);
        int[] size = Windows.tuple(c, "kernel_size", 2, 1);
        SeparableConv2D layer = LayerConfigs.built("kernel_size", () -> new SeparableConv2D(filters, size));
        if (c.has("depth_multiplier")) {
            layer.depthMultiplier((int) c.integer("depth_multiplier", 1, Integer.MAX_VALUE));
        }
        if (c.has("pointwise_initializer")) {
            layer.pointwiseInitializer(LayerConfigs.initializer(c, "pointwise_initializer"));
        }
        if (c.has("pointwise_regularizer")) {
            layer.pointwiseRegularizer(LayerConfigs.regularizer(c, "pointwise_regularizer"));
        }
        if (c.has("pointwise_constraint")) {
            layer.pointwiseConstraint(LayerConfigs.constraint(c, "pointwise_constraint"));
        }
        return configure(layer, c);
    }
}
