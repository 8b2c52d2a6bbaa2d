package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four global pooling layers: the mean or the maximum of each channel over every spatial
 * axis ({@code [batch, steps, features] → [batch, features]}, {@code [batch, h, w, c] →
 * [batch, c]}), the pooled axes kept as size 1 with {@code keepdims} (Keras's default false).
 */
abstract class GlobalPooling extends Layer {

    private final int spatialAxes;
    private final boolean max;
    private boolean keepdims;

    GlobalPooling(int spatialAxes, boolean max) {
        this.spatialAxes = spatialAxes;
        this.max = max;
    }

    /** Whether the pooled axes stay, as size 1 (default false). */
    final boolean keepsDims() {
        return keepdims;
    }

    final void setKeepdims(boolean keepdims) {
        if (isBuilt()) {
            throw new IllegalStateException(label() + ": set keepdims before the layer is built");
        }
        this.keepdims = keepdims;
    }

    @Override
    protected void createWeights(int[] inputShape, java.util.Random random) {
        outputShape(inputShape);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        ImageShapes.requireRank(label(), inputShape, spatialAxes + 1,
                spatialAxes == 1 ? ImageShapes.SEQUENCES : ImageShapes.IMAGES);
        int channels = inputShape[spatialAxes];
        if (!keepdims) {
            return new int[] {channels};
        }
        int[] out = new int[spatialAxes + 1];
        java.util.Arrays.fill(out, 1);
        out[spatialAxes] = channels;
        return out;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        int b = x.dim(0);
        int c = x.dim(-1);
        Tensor pooled;
        if (max) {
            Tensor rows = spatialAxes == 1 ? x : x.reshape(b, -1, c);   // [b, positions, c]
            pooled = rows.max(1);
        } else {
            pooled = spatialAxes == 1 ? x.mean(1) : x.mean(new int[] {1, 2}, false);
        }
        if (!keepdims) {
            return pooled;
        }
        return spatialAxes == 1 ? pooled.reshape(b, 1, c) : pooled.reshape(b, 1, 1, c);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("keepdims", keepdims);
        return s;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Reads {@code keepdims} (and Keras's {@code data_format}, channels_last only) into {@code layer}. */
    static <L extends GlobalPooling> L configure(Map<String, Object> config, L layer) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "keepdims", "data_format");
        ImageShapes.channelsLast(c);
        layer.setKeepdims(c.bool("keepdims", false));
        return layer;
    }
}
