package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Mean absolute percentage error: {@code l = 100·|y − ŷ| / max(|y|, ε)}, {@code ε = 1e-7}
 * (as Keras), averaged over the last axis. Keras {@code "mape"}.
 */
public final class MeanAbsolutePercentageError extends ElementwiseLoss {

    private static final float EPSILON = 1e-7f;

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return yTrue.sub(yPred).abs().div(yTrue.abs().maximum(EPSILON)).mul(100f);
    }

    @Override
    public String name() {
        return "mape";
    }
}
