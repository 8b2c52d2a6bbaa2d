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
 *       pass that writes the gradient and adds each row into the sums.</li>
 * </ul>
 * The fused passes are primitives of the backend ({@link Kernels#biasActivation},
 * {@link Kernels#activationGradColumnSums}).
 */
final class Fusions {

    private Fusions() {
    }

    static List<Trace.Step> fuse(List<Trace.Step> steps) {
        List<Trace.Step> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Trace.Step s = steps.get(i);
            Trace.Step next = i + 1 < steps.size() ? steps.get(i + 1) : null;
            Trace.Step fused = next == null ? null : fuse(s, next);
            if (fused != null) {
                out.add(fused);
                i++;
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static Trace.Step fuse(Trace.Step s, Trace.Step next) {
        if (s.fusible() instanceof Fusible.RowBias bias && next.fusible() instanceof Fusible.Activation act
                && act.x() == s.written()) {
            Storage z = s.written();
            Storage y = next.written();
            Kernels k = Backend.kernels();
            Runnable run = () -> k.biasActivation(bias.a().array, bias.bias().array, z.array, y.array, bias.cols(),
                    act.kernel(), act.alpha());
            return new Trace.Step("bias+" + next.op(), run, new Storage[] {bias.a(), bias.bias()}, y, true, null,
                    new Storage[] {z});
        }
        if (s.fusible() instanceof Fusible.ActivationGrad grad && next.fusible() instanceof Fusible.ColumnSum sum
                && sum.g() == s.written()) {
            Storage d = s.written();
            Storage db = next.written();
            Kernels k = Backend.kernels();
            Runnable run = () -> k.activationGradColumnSums(grad.g().array, grad.x().array, grad.y().array, d.array,
                    db.array, sum.cols(), grad.kernel(), grad.alpha());
            return new Trace.Step(s.op() + "+bias_grad", run, new Storage[] {grad.g(), grad.x(), grad.y()}, db, true,
                    null, new Storage[] {d});
        }
        return null;
    }
}
