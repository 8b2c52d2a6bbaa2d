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
        int n = mask.length;
        long[] stream = new long[1];   // this run's stream, drawn once per run (before the first tile)
        Runnable draw = () -> stream[0] = streams.getAsLong();
        Fusible.Range apply = (into, from, to) -> {
            float[] ys = into.array;
            float[] xs = x.array();
            long st = stream[0];
            int i = from;   // from is even (tiles are), so pairs line up with a whole-tensor pass
            for (; i + 1 < to; i += 2) {
                long z = Seeds.pair(st, i >>> 1);
                mask[i] = (int) (z >>> 40) < threshold ? scale : 0f;
                mask[i + 1] = (int) ((z >>> 8) & 0xFFFFFF) < threshold ? scale : 0f;
                ys[i] = xs[i] * mask[i];
                ys[i + 1] = xs[i + 1] * mask[i + 1];
            }
            if (i < to) {
                mask[i] = Seeds.bits24(st, i) < threshold ? scale : 0f;
                ys[i] = xs[i] * mask[i];
            }
        };
        Tensor out = Graph.op("dropout", x.shape.clone(), o -> {
            draw.run();
            apply.run(o.storage, 0, n);
        }, null, new Fusible.Pointwise(apply, draw, 2, n, false), x);
        return Graph.record(out, "dropout", g -> {
            Fusible.Range times = (into, from, to) -> {
                float[] d = into.array;
                float[] gs = g.array();
                for (int i = from; i < to; i++) {
                    d[i] = gs[i] * mask[i];
                }
            };
            return new Tensor[] {Graph.op("dropout_backward", x.shape.clone(), dx -> times.run(dx.storage, 0, n), null,
                    Fusible.Pointwise.of(times, n), g)};
        }, x);
    }
}
