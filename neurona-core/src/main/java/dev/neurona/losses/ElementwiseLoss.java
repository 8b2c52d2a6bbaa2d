package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * A loss defined by an elementwise function {@code l(y, ŷ)}: the per-sample loss is its mean
 * over the last axis, {@code L_b = (1/K) Σ_k l(y_bk, ŷ_bk)} (for {@code [B]} inputs, {@code l}
 * itself). {@code y_true} and {@code y_pred} must have equal shapes ({@code [B]} and
 * {@code [B, 1]} are interchangeable). Subclasses write only {@link #elementwise}.
 */
public abstract class ElementwiseLoss extends Loss {

    /** {@code l(y, ŷ)} for every element, of {@code yPred}'s shape; {@code yTrue} already has that shape. */
    protected abstract Tensor elementwise(Tensor yTrue, Tensor yPred);

    /** Checks the target values of a whole data set (see {@link #checkTargetData}); the default accepts any. */
    protected void checkTargetValues(String where, Tensor yTrue) {
    }

    /** Targets of the output's shape ({@code [n]} and {@code [n, 1]} alike), then {@link #checkTargetValues}. */
    @Override
    public final void checkTargetData(String where, Tensor yTrue, int[] outputShape) {
        LossChecks.fitsOutput(name(), where, yTrue, outputShape, "");
        checkTargetValues(where, yTrue);
    }

    @Override
    public final Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor y = LossChecks.sameShape(name(), yTrue, yPred);
        Tensor l = elementwise(y, yPred);
        return l.rank() <= 1 ? l : LossChecks.perSample(l.mean(-1));
    }
}
