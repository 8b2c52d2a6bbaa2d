package dev.neurona.losses;

import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.Tensor;

/**
 * A loss over the last (class) axis: {@code y_true} and {@code y_pred} of equal shape
 * {@code [B, K]} (or {@code [B, …, K]}, averaged over the middle axes), one value per row.
 * Subclasses write only {@link #row}.
 */
public abstract class RowwiseLoss extends Loss {

    /** The loss of each row, the last axis reduced away: {@code [B, K] → [B]}. */
    protected abstract Tensor row(Tensor yTrue, Tensor yPred);

    /** Checks {@code yTrue} beyond its shape (e.g. one-hot); the default accepts anything. */
    protected void checkTargets(Tensor yTrue, Tensor yPred) {
    }

    /** Targets of the output's shape (see {@link #checkTargetData}); subclasses add their domain. */
    @Override
    public void checkTargetData(String where, Tensor yTrue, int[] outputShape) {
        LossChecks.fitsOutput(name(), where, yTrue, outputShape, "");
    }

    @Override
    public final Tensor perSample(Tensor yTrue, Tensor yPred) {
        LossChecks.hasClassAxis(name(), yPred);
        Compiled.host(name() + " targets", targetCheck(yTrue, yPred));   // every batch, also when compiled
        Tensor y = LossChecks.sameShape(name(), yTrue, yPred);
        return LossChecks.perSample(row(y, yPred));
    }

    /**
     * The check that {@link Compiled#host} runs at every batch: {@link #checkTargets} by
     * default. It is made once per trace and replayed, so a loss that reads the targets'
     * values returns an object that is also its {@link dev.neurona.tensor.HostAccess}, which
     * then allocates nothing per batch.
     */
    Runnable targetCheck(Tensor yTrue, Tensor yPred) {
        return () -> checkTargets(yTrue, yPred);
    }
}
