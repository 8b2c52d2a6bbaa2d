package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Kullback-Leibler divergence of the predicted distribution from the true one, per row:
 * {@code L_b = Σ_k y_k·(log y_k − log ŷ_k)}, with both clipped to {@code [1e-7, 1]} as in
 * Keras (so that {@code y_k = 0} contributes nothing). Keras {@code "kl_divergence"} (alias
 * {@code "kld"}); PyTorch's {@code KLDivLoss(reduction="batchmean")} on {@code log ŷ}.
 */
public final class KLDivergence extends RowwiseLoss {

    @Override
    protected Tensor row(Tensor yTrue, Tensor yPred) {
        Tensor y = yTrue.clamp(BinaryCrossentropy.EPSILON, 1f);
        Tensor p = yPred.clamp(BinaryCrossentropy.EPSILON, 1f);
        return y.mul(y.log().sub(p.log())).sum(-1);
    }

    @Override
    public String name() {
        return "kl_divergence";
    }
}
