package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * The perceptron criterion: {@code l = max(−y·ŷ, 0)}, averaged over the last axis, for labels
 * −1/+1 (0/1 converted as for hinge). Zero for a correctly classified sample, {@code |ŷ|} for
 * a misclassified one; gradient descent on it with a linear model and batch size 1 is
 * Rosenblatt's rule {@code w ← w + η·y·x} on each mistake. (Unlike hinge it has no margin,
 * so it is satisfied by any separating line.) Name {@code "perceptron"}.
 */
public final class PerceptronLoss extends ElementwiseLoss {

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor y = LossChecks.signedLabels(name(), yTrue);
        return y.mul(yPred).neg().relu();
    }

    /** −1/+1 or 0/1 labels, not both 0 and −1. */
    @Override
    protected void checkTargetValues(String where, Tensor yTrue) {
        LossChecks.signedLabelData(name(), where, yTrue);
    }

    @Override
    public String name() {
        return "perceptron";
    }
}
