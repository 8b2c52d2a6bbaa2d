package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 2-D convolution layer (Keras's {@code Conv2D}): {@code y = activation(conv(x, W) + b)} on
 * channels-last inputs {@code [batch, height, width, channels]}, with the kernel {@code W} of
 * shape {@code [kh, kw, channels/groups, filters]} (Keras layout) and the bias {@code [filters]}.
 * Output {@code [batch, oh, ow, filters]}: {@code valid} padding (the default) gives
 * {@code oh = (height − dilation·(kh − 1) − 1) / stride + 1}, {@code same} gives
 * {@code ceil(height / stride)}.
 *
 * <pre>{@code
 * new Sequential(input(28, 28, 1), conv2d(32, 3, "relu"), maxPooling2d(2), conv2d(64, 3).strides(2).padding("same"));
 * }</pre>
 */
public final class Conv2D extends BaseConv<Conv2D> {

    private final int filters;

    /** {@code filters} output channels from a kernel of {@code kernelSize} (one value, or height and width). */
    public Conv2D(int filters, int... kernelSize) {
        super(2, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("Conv2D: filters must be positive, got " + filters);
        }
        this.filters = filters;
    }

    /** Independent channel groups (default 1); both the input's channels and the filters must divide by it. */
    public Conv2D groups(int count) {
        unbuilt();
        if (count <= 0 || filters % count != 0) {
            throw new IllegalArgumentException(label() + ": groups must be at least 1 and divide the " + filters
                    + " filters, got " + count);
        }
        this.groups = count;
        return this;
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    @Override
    int outChannels(int channels) {
        return filters;
    }

    @Override
    int[] kernelShape(int channels) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(label() + ": the input's " + channels + " channels do not divide into "
                    + groups + " groups");
        }
        return new int[] {kernelSize[0], kernelSize[1], channels / groups, filters};
    }

    @Override
    Tensor convolve(Tensor x) {
        return x.conv2d(kernel, spec);
    }

    @Override
    void head(Map<String, Object> s) {
        s.put("filters", filters);
    }

    @Override
    void middle(Map<String, Object> s) {
        s.put("groups", groups);
    }

    /** Rebuilds the layer from {@link #config()}: {@code filters} and {@code kernel_size} required, the rest Keras's defaults. */
    public static Conv2D fromConfig(Map<String, Object> config) {
        List<String> keys = new ArrayList<>(commonKeys("kernel"));
        keys.addAll(List.of("filters", "groups"));
        ConfigKeys c = ConfigKeys.of(config).only(keys);
        int filters = (int) c.integer("filters", 1, Integer.MAX_VALUE);
        int[] size = Windows.tuple(c, "kernel_size", 2, 1);
        Conv2D layer = LayerConfigs.built("kernel_size", () -> new Conv2D(filters, size));
        if (c.has("groups")) {
            int g = (int) c.integer("groups", 1, Integer.MAX_VALUE);
            LayerConfigs.built("groups", () -> layer.groups(g));
        }
        return configure(layer, c);
    }
}
