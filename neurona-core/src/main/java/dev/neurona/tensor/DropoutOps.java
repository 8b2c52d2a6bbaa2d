package dev.neurona.tensor;

import java.util.function.LongSupplier;

/**
 * Inverted dropout as one primitive: the mask is drawn and applied in the same pass (and kept
 * for the backward, {@code g · mask}), instead of a mask tensor filled in one pass and multiplied
 * in another. The mask's values come from {@link Seeds#pair} over the stream that
 * {@code streams} gives at each run, so a compiled step draws a fresh mask at every replay.
 */
final class DropoutOps {

    private DropoutOps() {
    }

    static Tensor dropout(Tensor x, float rate, LongSupplier streams) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
        float keep = 1f - rate;
        float scale = 1f / keep;
        int threshold = Seeds.threshold24(keep);   // uniform < keep, tested on the 24 bits
        float[] mask = new float[Shape.allocatable(x.shape)];   // filled by the forward, read by the backward
        Tensor out = Graph.op("dropout", x.shape.clone(), o -> {
            long stream = streams.getAsLong();
            float[] xs = x.array();
            float[] ys = o.array();
            int n = ys.length;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                long z = Seeds.pair(stream, i >>> 1);
                mask[i] = (int) (z >>> 40) < threshold ? scale : 0f;
                mask[i + 1] = (int) ((z >>> 8) & 0xFFFFFF) < threshold ? scale : 0f;
                ys[i] = xs[i] * mask[i];
                ys[i + 1] = xs[i + 1] * mask[i + 1];
            }
            if (i < n) {
                mask[i] = Seeds.bits24(stream, i) < threshold ? scale : 0f;
                ys[i] = xs[i] * mask[i];
            }
        }, null, x);
        return Graph.record(out, "dropout", g -> new Tensor[] {Graph.op("dropout_backward", x.shape.clone(), dx -> {
            float[] gs = g.array();
            float[] d = dx.array();
            for (int i = 0; i < d.length; i++) {
                d[i] = gs[i] * mask[i];
            }
        }, null, g)}, x);
    }
}
