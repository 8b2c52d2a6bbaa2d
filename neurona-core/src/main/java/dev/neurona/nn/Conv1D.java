package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 1-D convolution layer (Keras's {@code Conv1D}) over sequences {@code [batch, steps,
 * channels]}, with the kernel {@code [kernel_size, channels/groups, filters]} and the bias
 * {@code [filters]}: output {@code [batch, out steps, filters]}. Padding {@code valid} (the
 * default), {@code same}, or {@code causal} (zeros only before the sequence, so that step
 * {@code t} sees no later step). Runs as a 2-D convolution of height 1.
 */
public final class Conv1D extends BaseConv<Conv1D> {

    private final int filters;

    /** {@code filters} output channels from a kernel of {@code kernelSize} steps. */
    public Conv1D(int filters, int kernelSize) {
        super(1, new int[] {kernelSize});
        if (filters <= 0) {
            throw new IllegalArgumentException("Conv1D: filters must be positive, got " + filters);
        }
        this.filters = filters;
    }

    /** Independent channel groups (default 1); both the input's channels and the filters must divide by it. */
    public Conv1D groups(int count) {
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
    boolean allowsCausal() {
        return true;
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
        return new int[] {kernelSize[0], channels / groups, filters};
    }

    @Override
    Tensor convolve(Tensor x) {
        return x.conv1d(kernel, spec);
    }

    @Override
    void head(Map<String, Object> s) {
        s.put("filters", filters);
    }

    @Override
    void middle(Map<String, Object> s) {
        s.put("groups", groups);
    }

    /** Rebuilds the layer from {@link #config()}: {@code filters} and {@code kernel_size} required. */
    public static Conv1D fromConfig(Map<String, Object> config) {
        List<String> keys = new ArrayList<>(commonKeys("kernel"));
        keys.addAll(List.of("filters", "groups"));
        ConfigKeys c = ConfigKeys.of(config).only(keys);
        int filters = (int) c.integer("filters", 1, Integer.MAX_VALUE);
        int[] size = Windows.tuple(c, "kernel_size", 1, 1);
        Conv1D layer = LayerConfigs.built("kernel_size", () -> new Conv1D(filters, size[0]));
        if (c.has("groups")) {
            int g = (int) c.integer("groups", 1, Integer.MAX_VALUE);
            LayerConfigs.built("groups", () -> layer.groups(g));
        }
        return configure(layer, c);
    }
}
