package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Negative cosine similarity per row: {@code L_b = −Σ_k ŷ'_k·y'_k} with {@code v' = v / ‖v‖}
 * along the last axis ({@code ‖v‖²} floored at 1e-12, as Keras's {@code l2_normalize}). −1
 * for predictions pointing the same way as the targets, +1 for opposite ones. Keras
 * {@code "cosine_similarity"}.
 */
public final class CosineSimilarity extends RowwiseLoss {

    private static final float MIN_SQUARED_NORM = 1e-12f;

    @Override
    protected Tensor row(Tensor yTrue, Tensor yPred) {
        return normalize(yTrue).mul(normalize(yPred)).sum(-1).neg();
    }

    private static Tensor normalize(Tensor v) {
        return v.div(v.square().sum(-1, true).maximum(MIN_SQUARED_NORM).sqrt());
    }

    @Override
    public String name() {
        return "cosine_similarity";
    }
}
