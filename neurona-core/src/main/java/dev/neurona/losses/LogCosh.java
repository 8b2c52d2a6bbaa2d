package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/**
 * Log-cosh: {@code l = log(cosh(d))}, {@code d = ŷ − y}, averaged over the last axis; about
 * {@code d²/2} for small errors and {@code |d| − log 2} for large ones. Computed, as Keras
 * does, as {@code d + softplus(−2d) − log 2}, which never overflows; its gradient is
 * {@code tanh(d)}. Keras {@code "log_cosh"}.
 */
public final class LogCosh extends ElementwiseLoss {

    private static final float LOG_2 = (float) Math.log(2.0);

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor d = yPred.sub(yTrue);
        return d.add(d.mul(-2f).softplus()).sub(LOG_2);
    }

    @Override
    public String name() {
        return "log_cosh";
    }
}
