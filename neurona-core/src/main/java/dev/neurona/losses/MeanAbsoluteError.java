package dev.neurona.losses;

import dev.neurona.tensor.Tensor;

/** Mean absolute error: {@code l = |ŷ − y|}, averaged over the last axis. Keras {@code "mae"}. */
public final class MeanAbsoluteError extends ElementwiseLoss {

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).abs();
    }

    @Override
    public String name() {
        return "mae";
    }
}
