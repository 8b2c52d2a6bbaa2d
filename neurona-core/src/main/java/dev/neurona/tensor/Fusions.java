package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * The planner's fusions: neighbouring steps of a trace that one pass over the data computes,
 * row by row, with the same arithmetic in the same order (so the bits do not change):
 * <ul>
 *   <li>a bias added to every row, then an activation: one pass that writes both the sum (the
 *       activation's backward reads it) and the activation;</li>
 *   <li>an activation's backward, then the column sums of its result (the bias's gradient): one
 *       pass that writes the gradient and adds each row into the sums;</li>
 *   <li>an L2 penalty's gradient {@code 2·g·x}, then its accumulation into the weight's gradient
 *       (when nothing else reads it): one pass adding it in place.</li>
 * </ul>
 * The fused passes are primitives of the backend ({@link Kernels#biasActivation},
 * {@link Kernels#activationGradColumnSums}).
 */
final class Fusions {

    private Fusions() {
    }

    static List<Trace.Step> fuse(List<Trace.Step> traced, java.util.Set<Storage> pinned) {
        List<Trace.Step> steps = Folds.convNormalize(traced, pinned);
        java.util.Map<Storage, Integer> readers = new java.util.IdentityHashMap<>();
        for (Trace.Step s : steps) {
            for (Storage r : s.reads()) {
                readers.merge(r, 1, Integer::sum);
            }
        }
        List<Trace.Step> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Trace.Step s = steps.get(i);
            Trace.Step next = i + 1 < steps.size() ? steps.get(i + 1) : null;
            Trace.Step fused = next == null ? null : fuse(s, next);
            if (fused == null && next != null && !pinned.contains(s.written())) {
                fused = fuseIntoGradient(s, next, readers);
            }
            if (fused != null) {
                out.add(fused);
                i++;
            } else {
                out.add(s);
            }
        }
        return Chains.fuse(out);
    }

    /**
     * A penalty's gradient {@code 2·g·x} that only an accumulation into a weight's gradient
     * reads: added straight into the gradient, without the intermediate.
     */
    private static Trace.Step fuseIntoGradient(Trace.Step s, Trace.Step next, java.util.Map<Storage, Integer> readers) {
        if (s.fusible() instanceof Fusible.SquaresGrad sq && next.op().equals("accumulate_grad")
                && next.reads().length == 2 && next.reads()[1] == s.written() && readers.get(s.written()) == 1) {
            Storage dst = next.written();
            Kernels k = Backend.kernels();
            Runnable run = () -> k.sumOfSquaresBackwardAdd(sq.g(), sq.x(), dst);
            return new Trace.Step(s.op() + "+accumulate_grad", run, new Storage[] {sq.g(), sq.x(), dst}, dst, false,
                    null);
        }
        return null;
    }

    private static Trace.Step fuse(Trace.Step s, Trace.Step next) {
        if (s.fusible() instanceof Fusible.RowBias bias && next.fusible() instanceof Fusible.Activation act
                && act.x() == s.written()) {
            Storage z = s.written();
            Storage y = next.written();
            Kernels k = Backend.kernels();
            Runnable run = () -> k.biasActivation(bias.a(), bias.bias(), z, y, bias.cols(),
                    act.kernel(), act.alpha(), 0, z.array.length);
            Fusible.Pointwise rows = new Fusible.Pointwise((out, from, to) -> k.biasActivation(bias.a(),
                    bias.bias(), z, out, bias.cols(), act.kernel(), act.alpha(), from, to), null, bias.cols(),
                    z.array.length, false);
            return new Trace.Step("bias+" + next.op(), run, new Storage[] {bias.a(), bias.bias()}, y, true, rows,
                    new Storage[] {z});
        }
        if (s.fusible() instanceof Fusible.ActivationGrad grad && next.fusible() instanceof Fusible.ColumnSum sum
                && sum.g() == s.written()) {
            Storage d = s.written();
            Storage db = next.written();
            Kernels k = Backend.kernels();
            Runnable run = () -> k.activationGradColumnSums(grad.g(), grad.x(), grad.y(), d,
                    db, sum.cols(), grad.kernel(), grad.alpha(), 0, d.array.length);
            Fusible.Pointwise rows = new Fusible.Pointwise((out, from, to) -> k.activationGradColumnSums(grad.g(),
                    grad.x(), grad.y(), d, out, sum.cols(), grad.kernel(), grad.alpha(), from, to), null,
                    sum.cols(), d.array.length, true);
            return new Trace.Step(s.op() + "+bias_grad", run, new Storage[] {grad.g(), grad.x(), grad.y()}, db, true,
                    rows, new Storage[] {d});
        }
        return null;
    }
}
