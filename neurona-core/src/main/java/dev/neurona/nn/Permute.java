package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reorders the axes of each sample (Keras's {@code Permute(dims)}): {@code dims} is a permutation
 * of {@code 1…rank}, counted from 1 as the batch (axis 0) stays in place, and output axis
 * {@code i} is input axis {@code dims[i−1]}: {@code permute(2, 3, 1)} turns channels-first
 * {@code [batch, channels, height, width]} into channels-last {@code [batch, height, width,
 * channels]}. No weights; the gradient is permuted back.
 */
public final class Permute extends Layer {

    private final int[] dims;

    /** A layer that reorders sample axes as {@code dims} says (a permutation of 1…n). */
    public Permute(int... dims) {
        this.dims = checked(dims);
    }

    private static int[] checked(int[] dims) {
        if (dims == null || dims.length == 0) {
            throw new IllegalArgumentException("Permute: dims must be a permutation of 1..n (the batch, axis 0, stays), "
                    + "got " + (dims == null ? "null" : "[]"));
        }
        boolean[] seen = new boolean[dims.length + 1];
        for (int d : dims) {
            if (d < 1 || d > dims.length || seen[d]) {
                throw new IllegalArgumentException("Permute: dims must be a permutation of 1.." + dims.length
                        + " (each sample axis once, counted from 1; the batch stays first), got " + Arrays.toString(dims));
            }
            seen[d] = true;
        }
        return dims.clone();
    }

    /** The permutation of the sample axes, counted from 1. */
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != dims.length) {
            throw new IllegalArgumentException(label() + ": dims " + Arrays.toString(dims) + " permute samples of rank "
                    + dims.length + " (" + (dims.length + 1) + " with the batch), got " + Layer.batched(inputShape));
        }
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = inputShape[dims[i] - 1];
        }
        return out;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        int[] axes = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) {
            axes[i + 1] = dims[i];
        }
        return x.permute(axes);
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dims", Arrays.stream(dims).boxed().toList());
        return s;
    }

    /** Rebuilds the layer from {@link #config()}: {@code dims} required. */
    public static Permute fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "dims");
        List<Object> list = c.list("dims");
        int[] dims = new int[list.size()];
        for (int i = 0; i < dims.length; i++) {
            try {
                dims[i] = (int) ConfigKeys.integerValue(list.get(i), 1, Integer.MAX_VALUE);
            } catch (ConfigException e) {
                throw new ConfigException("dims[" + i + "]", e.problem());
            }
        }
        return LayerConfigs.built("dims", () -> new Permute(dims));
    }
}
