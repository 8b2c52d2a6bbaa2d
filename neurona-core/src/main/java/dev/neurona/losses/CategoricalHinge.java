package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Categorical hinge for one-hot targets: {@code L_b = max(neg − pos + 1, 0)} with
 * {@code pos = Σ_k y_k·ŷ_k} (the true class's score) and {@code neg = max_k (1 − y_k)·ŷ_k}
 * (the best other score): zero once the true class wins by a margin of 1. Keras
 * {@code "categorical_hinge"}.
 */
public final class CategoricalHinge extends RowwiseLoss {

    @Override
    protected Tensor row(Tensor yTrue, Tensor yPred) {
        Tensor pos = yTrue.mul(yPred).sum(-1);
        Tensor neg = yTrue.neg().add(1f).mul(yPred).max(-1);
        return neg.sub(pos).add(1f).relu();
    }

    @Override
    public String name() {
        return "categorical_hinge";
    }
}
