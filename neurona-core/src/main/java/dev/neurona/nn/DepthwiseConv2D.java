package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.nn.init.Initializer;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A depthwise 2-D convolution (Keras's {@code DepthwiseConv2D}): each input channel convolved
 * with its own {@code depth_multiplier} filters, {@code [batch, height, width, channels] →
 * [batch, oh, ow, channels·depth_multiplier]}, output channel {@code c·multiplier + m} from
 * channel {@code c}. The kernel {@code depthwise_kernel} is {@code [kh, kw, channels,
 * depth_multiplier]} (Keras layout); it runs as a convolution of {@code channels} groups.
 */
public final class DepthwiseConv2D extends BaseConv<DepthwiseConv2D> {

    private int depthMultiplier = 1;

    /** A depthwise convolution with a kernel of {@code kernelSize} (one value, or height and width). */
    public DepthwiseConv2D(int... kernelSize) {
        super(2, kernelSize);
    }

    /** Filters per input channel (default 1). */
    public DepthwiseConv2D depthMultiplier(int multiplier) {
        unbuilt();
        if (multiplier <= 0) {
            throw new IllegalArgumentException(label() + ": depth_multiplier must be positive, got " + multiplier);
        }
        this.depthMultiplier = multiplier;
        return this;
    }

    /** The depthwise kernel's initializer (Keras's name for {@link #kernelInitializer}). */
    public DepthwiseConv2D depthwiseInitializer(Initializer initializer) {
        return kernelInitializer(initializer);
    }

    /** A penalty on the depthwise kernel (Keras's name for {@link #kernelRegularizer}). */
    public DepthwiseConv2D depthwiseRegularizer(Regularizer regularizer) {
        return kernelRegularizer(regularizer);
    }

    /** A projection of the depthwise kernel (Keras's name for {@link #kernelConstraint}). */
    public DepthwiseConv2D depthwiseConstraint(Constraint constraint) {
        return kernelConstraint(constraint);
    }

    /** Filters per input channel. */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    @Override
    String kernelName() {
        return "depthwise_kernel";
    }

    @Override
    int outChannels(int channels) {
        return channels * depthMultiplier;
    }

    @Override
    int[] kernelShape(int channels) {
        return new int[] {kernelSize[0], kernelSize[1], channels, depthMultiplier};
    }

    @Override
    int[] spatial(int[] sample) {
        groups = sample[2];
        return super.spatial(sample);
    }

    @Override
    Tensor convolve(Tensor x) {
        return depthwise(x, kernel, kernelSize, spec.groups(), depthMultiplier, spec);
    }

    /** {@code x} convolved channel by channel: the Keras kernel {@code [kh, kw, c, m]} seen as {@code [kh, kw, 1, c·m]}, {@code c} groups. */
    static Tensor depthwise(Tensor x, Tensor kernel, int[] size, int channels, int multiplier,
                            dev.neurona.tensor.ConvSpec spec) {
        return x.conv2d(kernel.reshape(size[0], size[1], 1, channels * multiplier), spec);
    }

    @Override
    void middle(Map<String, Object> s) {
        s.put("depth_multiplier", depthMultiplier);
    }

    /** Rebuilds the layer from {@link #config()}: {@code kernel_size} required. */
    public static DepthwiseConv2D fromConfig(Map<String, Object> config) {
        List<String> keys = new ArrayList<>(commonKeys("depthwise"));
        keys.add("depth_multiplier");
        ConfigKeys c = ConfigKeys.of(config).only(keys);
        int[] size = Windows.tuple(c, "kernel_size", 2, 1);
        DepthwiseConv2D layer = LayerConfigs.built("kernel_size", () -> new DepthwiseConv2D(size));
        if (c.has("depth_multiplier")) {
            layer.depthMultiplier((int) c.integer("depth_multiplier", 1, Integer.MAX_VALUE));
        }
        return configure(layer, c);
    }
}
