package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Hinge loss: {@code l = max(1 − y·ŷ, 0)}, averaged over the last axis, for labels
 * {@code y ∈ {−1, +1}} (0/1 labels are converted to −1/+1, as Keras does). The margin loss of
 * a linear SVM. Keras {@code "hinge"}.
 */
public final class Hinge extends ElementwiseLoss {

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor y = LossChecks.signedLabels(name(), yTrue);
        return y.mul(yPred).neg().add(1f).relu();
    }

    /** −1/+1 or 0/1 labels, not both 0 and −1. */
    @Override
    protected void checkTargetValues(String where, Tensor yTrue) {
        LossChecks.signedLabelData(name(), where, yTrue);
    }

    @Override
    public String name() {
        return "hinge";
    }
}
