package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the max and average pooling layers share (Keras's {@code BasePooling}): the pool size,
 * strides (default: the pool size) and padding ({@code valid}, the default, or {@code same}) of
 * channels-last inputs, {@code [batch, steps, channels]} in 1-D and {@code [batch, height,
 * width, channels]} in 2-D. No weights. Average pooling over {@code same} padding divides by
 * the cells inside the input only, as Keras.
 *
 * @param <L> the concrete layer
 */
public abstract class BasePooling<L extends BasePooling<L>> extends Layer {

    private final int rank;
    private final boolean max;
    private final int[] poolSize;
    private int[] strides;
    private String padding = "valid";

    BasePooling(int rank, boolean max, int[] poolSize) {
        this.rank = rank;
        this.max = max;
        this.poolSize = Windows.tuple(typeName(), "pool_size", rank, 1, poolSize);
        this.strides = this.poolSize.clone();
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    /** The strides, one value or one per spatial axis (default: the pool size). */
    public L strides(int... values) {
        this.strides = Windows.tuple(label(), "strides", rank, 1, values);
        return self();
    }

    /** {@code "valid"} (the default) or {@code "same"} (output size {@code ceil(input / stride)}). */
    public L padding(String value) {
        this.padding = Windows.padding(label(), value, false);
        return self();
    }

    /** The pool size per spatial axis. */
    public int[] poolSize() {
        return poolSize.clone();
    }

    /** {before, after} per axis, and the output sizes, for a sample. */
    private int[][] geometry(int[] sample) {
        Windows.rank(label(), sample, rank + 1);
        int[][] out = new int[rank + 1][];
        out[rank] = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = Windows.pad(padding, sample[a], poolSize[a], strides[a], 1);
            out[rank][a] = Windows.outSize(label(), sample, a, poolSize[a], strides[a], 1, out[a]);
        }
        return out;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] sizes = geometry(inputShape)[rank];
        int[] out = java.util.Arrays.copyOf(sizes, rank + 1);
        out[rank] = inputShape[rank];
        return out;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    @Override
    protected void createWeights(int[] inputShape, java.util.Random random) {
        outputShape(inputShape);
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        int[] shape = x.shape();
        int[][] g = geometry(java.util.Arrays.copyOfRange(shape, 1, shape.length));
        if (rank == 1) {
            return max ? x.maxPool1d(poolSize[0], strides[0], g[0][0], g[0][1])
                    : x.avgPool1d(poolSize[0], strides[0], g[0][0], g[0][1]);
        }
        int[] pad = {g[0][0], g[0][1], g[1][0], g[1][1]};
        return max ? x.maxPool2d(poolSize, strides, pad) : x.avgPool2d(poolSize, strides, pad);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pool_size", Windows.list(poolSize));
        s.put("strides", Windows.list(strides));
        s.put("padding", padding);
        s.put("data_format", "channels_last");
        return s;
    }

    /** Reads a pooling layer's config into the layer {@code make} builds from the pool size (default 2). */
    static <L extends BasePooling<L>> L fromConfig(Map<String, Object> config, int rank,
                                                   java.util.function.Function<int[], L> make) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "pool_size", "strides", "padding", "data_format");
        Windows.dataFormat(c);
        int[] pool = c.has("pool_size") ? Windows.tuple(c, "pool_size", rank, 1) : Windows.filled(rank, 2);
        L layer = LayerConfigs.built("pool_size", () -> make.apply(pool));
        if (c.has("strides")) {
            int[] s = Windows.tuple(c, "strides", rank, 1);
            LayerConfigs.built("strides", () -> layer.strides(s));
        }
        if (c.has("padding")) {
            String p = c.string("padding");
            LayerConfigs.built("padding", () -> layer.padding(p));
        }
        return layer;
    }
}
