package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Mean squared logarithmic error: {@code l = (log(max(ŷ, ε) + 1) − log(max(y, ε) + 1))²},
 * {@code ε = 1e-7} (as Keras), averaged over the last axis. Keras {@code "msle"}.
 */
public final class MeanSquaredLogarithmicError extends ElementwiseLoss {

    private static final float EPSILON = 1e-7f;

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor logPred = yPred.maximum(EPSILON).add(1f).log();
        Tensor logTrue = yTrue.maximum(EPSILON).add(1f).log();
        return logPred.sub(logTrue).square();
    }

    @Override
    public String name() {
        return "msle";
    }
}
