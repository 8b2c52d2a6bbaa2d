package dev.neurona.tensor;

/**
 * Tensor's batch normalization over the last axis (channels-last, as Keras's default
 * {@code axis=-1}), as fused primitives ({@link NormOps}). Package-private: its methods are
 * {@link Tensor}'s.
 */
sealed interface NormMethods permits Tensor {

    /**
     * Batch normalization in training, as PyTorch's {@code F.batch_norm(training=True)}: each
     * channel of this {@code [batch, …, channels]} tensor normalized by the batch's mean and
     * biased variance over every other axis, {@code y = γ·(x − μ)/sqrt(σ² + ε) + β}, and the
     * moving statistics (when given) updated in place,
     * {@code moving = moving·momentum + batch·(1 − momentum)} (Keras's momentum: PyTorch's is
     * {@code 1 −} this). Differentiable in this tensor, γ and β; no gradient reaches the
     * moving statistics.
     *
     * @param gamma          the scale γ ({@code channels} values), or {@code null} for none
     * @param beta           the offset β ({@code channels} values), or {@code null} for none
     * @param movingMean     updated with the batch mean, or {@code null}
     * @param movingVariance updated with the batch variance, or {@code null}
     * @throws IllegalArgumentException for a rank below 2, vectors of the wrong size, a momentum
     *         outside {@code [0, 1]} or an epsilon that is not positive
     */
    default Tensor batchNorm(Tensor gamma, Tensor beta, Parameter movingMean, Parameter movingVariance,
                             float momentum, float epsilon) {
        return NormOps.batchNorm((Tensor) this, gamma, beta, movingMean, movingVariance, momentum, epsilon);
    }

    /**
     * {@code y = (x − center)·scale + shift} per channel of the last axis: batch normalization in
     * inference with {@code center} the moving mean, {@code scale = γ/sqrt(moving variance + ε)}
     * and {@code shift = β}. Differentiable in all four. A compiled inference plan folds it into
     * a convolution whose output only it reads.
     *
     * @param shift {@code channels} values, or {@code null} for none
     */
    default Tensor normalizeChannels(Tensor center, Tensor scale, Tensor shift) {
        return NormOps.normalizeChannels((Tensor) this, center, scale, shift);
    }
}
