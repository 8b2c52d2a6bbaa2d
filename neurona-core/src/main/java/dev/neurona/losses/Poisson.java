package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Poisson loss: {@code l = ŷ − y·log(ŷ + ε)}, {@code ε = 1e-7} (Keras's constant), averaged
 * over the last axis: the negative log-likelihood of counts {@code y} under a Poisson rate
 * {@code ŷ > 0}, up to a term in {@code y} alone. Keras {@code "poisson"}.
 */
public final class Poisson extends ElementwiseLoss {

    private static final float EPSILON = 1e-7f;

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue.mul(yPred.add(EPSILON).log()));
    }

    /** Counts: no negative target. */
    @Override
    protected void checkTargetValues(String where, Tensor yTrue) {
        LossChecks.nonNegative(name(), where, yTrue, "non-negative targets (counts or rates)");
    }

    @Override
    public String name() {
        return "poisson";
    }
}
