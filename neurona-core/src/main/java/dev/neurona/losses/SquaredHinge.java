package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Squared hinge loss: {@code l = max(1 − y·ŷ, 0)²}, averaged over the last axis, for labels
 * −1/+1 (0/1 converted as Keras does). Keras {@code "squared_hinge"}.
 */
public final class SquaredHinge extends ElementwiseLoss {

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor y = LossChecks.signedLabels(name(), yTrue);
        return y.mul(yPred).neg().add(1f).relu().square();
    }

    /** −1/+1 or 0/1 labels, not both 0 and −1. */
    @Override
    protected void checkTargetValues(String where, Tensor yTrue) {
        LossChecks.signedLabelData(name(), where, yTrue);
    }

    @Override
    public String name() {
        return "squared_hinge";
    }
}
