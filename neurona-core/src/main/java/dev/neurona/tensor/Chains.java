package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Kernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The planner's elementwise chains: consecutive steps that each compute their output element
 * by element ({@link Fusible.Pointwise}, or an activation, its backward, a bias or a bias's
 * gradient), each reading the one before, over the same number of elements, run as one step
 * that takes the data tile by tile through the whole chain while the tile is in cache
 * (Normalization's {@code (x − mean) / std}; a dense layer's bias, activation and dropout; the
 * backward of those). Every element is computed by the same arithmetic as before, and column
 * sums still add their rows in order, so the bits do not change. Intermediates are still
 * written (a backward may read them); what the chain saves is their trips to memory.
 */
final class Chains {

    /** Floats per tile (rounded to whole rows): a few tiles of the chain's arrays stay in the L1 cache. */
    static final int TILE = 2048;

    private Chains() {
    }

    static List<Trace.Step> fuse(List<Trace.Step> steps) {
        List<Trace.Step> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); ) {
            Trace.Step first = steps.get(i);
            Fusible.Pointwise p = pointwise(first);
            if (p == null || !first.fresh() || p.reduces()) {
                out.add(first);
                i++;
                continue;
            }
            List<Trace.Step> members = new ArrayList<>();
            List<Fusible.Pointwise> ranges = new ArrayList<>();
            members.add(first);
            ranges.add(p);
            int align = p.align();
            Set<Storage> produced = Collections.newSetFromMap(new IdentityHashMap<>());
            addWrites(first, produced);
            int j = i + 1;
            for (; j < steps.size(); j++) {
                Trace.Step t = steps.get(j);
                Fusible.Pointwise q = pointwise(t);
                if (q == null || !t.fresh() || q.extent() != p.extent() || !readsAny(t, produced)
                        || lcm(align, q.align()) > TILE) {
                    break;
                }
                members.add(t);
                ranges.add(q);
                align = lcm(align, q.align());
                addWrites(t, produced);
                if (q.reduces()) {
                    j++;
                    break;   // its output is complete only after the last tile
                }
            }
            if (members.size() < 2) {
                out.add(first);
                i++;
                continue;
            }
            out.add(chain(members, ranges, p.extent(), align));
            i = j;
        }
        return out;
    }

    /** One step running {@code members} tile by tile. */
    private static Trace.Step chain(List<Trace.Step> members, List<Fusible.Pointwise> ranges, int extent, int align) {
        Set<Storage> produced = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Storage> reads = new ArrayList<>();
        List<Storage> alsoWritten = new ArrayList<>();
        StringBuilder op = new StringBuilder();
        for (Trace.Step m : members) {
            for (Storage r : m.reads()) {
                if (!produced.contains(r) && !reads.contains(r)) {
                    reads.add(r);
                }
            }
            addWrites(m, produced);
            op.append(op.length() == 0 ? "" : "+").append(m.op());
        }
        Trace.Step last = members.get(members.size() - 1);
        for (Trace.Step m : members) {
            if (m != last) {
                alsoWritten.add(m.written());
            }
            Collections.addAll(alsoWritten, m.alsoWritten());
        }
        Storage[] written = new Storage[members.size()];
        Fusible.Range[] run = new Fusible.Range[members.size()];
        Runnable[] prepare = new Runnable[members.size()];
        for (int k = 0; k < written.length; k++) {
            written[k] = members.get(k).written();
            run[k] = ranges.get(k).range();
            prepare[k] = ranges.get(k).prepare();
        }
        int tile = Math.max(1, TILE / align) * align;
        Runnable kernel = () -> {
            for (Runnable r : prepare) {
                if (r != null) {
                    r.run();
                }
            }
            for (int from = 0; from < extent; from += tile) {
                int to = Math.min(extent, from + tile);
                for (int k = 0; k < run.length; k++) {
                    run[k].run(written[k], from, to);
                }
            }
        };
        return new Trace.Step(op.toString(), kernel, reads.toArray(new Storage[0]), last.written(), true, null,
                alsoWritten.toArray(new Storage[0]));
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    private static void addWrites(Trace.Step s, Set<Storage> into) {
        into.add(s.written());
        Collections.addAll(into, s.alsoWritten());
    }

    private static boolean readsAny(Trace.Step s, Set<Storage> storages) {
        for (Storage r : s.reads()) {
            if (storages.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** What {@code s} computes as a range kernel, or {@code null} when it cannot run by tiles. */
    static Fusible.Pointwise pointwise(Trace.Step s) {
        Fusible f = s.fusible();
        if (f instanceof Fusible.Pointwise p) {
            return p;
        }
        int n = s.written() == null ? 0 : s.written().array.length;
        Kernels k = Backend.kernels();
        if (f instanceof Fusible.Activation act) {
            return Fusible.Pointwise.of((out, from, to) -> k.activation(act.kernel(), act.alpha(), act.x(), out,
                    from, to), n);
        }
        if (f instanceof Fusible.ActivationGrad g) {
            return Fusible.Pointwise.of((out, from, to) -> {
                System.arraycopy(g.g().array, from, out.array, from, to - from);
                k.activationBackward(g.kernel(), g.alpha(), g.x(), g.y(), out, from, to);
            }, n);
        }
        if (f instanceof Fusible.ChannelNormalize cn) {
            return new Fusible.Pointwise((out, from, to) -> k.channelNormalize(cn.x(), cn.center(), cn.scale(),
                    cn.shift(), out, cn.channels(), from, to), null, cn.channels(), n, false);
        }
        if (f instanceof Fusible.RowBias bias) {
            int cols = bias.cols();
            return new Fusible.Pointwise((into, from, to) -> {
                float[] out = into.array;
                float[] a = bias.a().array;
                float[] b = bias.bias().array;
                for (int o = from; o < to; o += cols) {
                    for (int c = 0; c < cols; c++) {
                        out[o + c] = a[o + c] + b[c];
                    }
                }
            }, null, cols, n, false);
        }
        if (f instanceof Fusible.ColumnSum sum) {
            int cols = sum.cols();
            return new Fusible.Pointwise((into, from, to) -> {
                float[] out = into.array;
                if (from == 0) {
                    java.util.Arrays.fill(out, 0f);
                }
                float[] g = sum.g().array;
                for (int o = from; o < to; o += cols) {
                    for (int c = 0; c < cols; c++) {
                        out[c] += g[o + c];
                    }
                }
            }, null, cols, sum.g().array.length, true);
        }
        return null;
    }
}
