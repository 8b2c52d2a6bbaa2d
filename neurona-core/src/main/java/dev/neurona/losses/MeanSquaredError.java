package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/** Mean squared error: {@code l = (ŷ − y)²}, averaged over the last axis. Keras {@code "mse"}. */
public final class MeanSquaredError extends ElementwiseLoss {

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).square();
    }

    @Override
    public String name() {
        return "mse";
    }
}
