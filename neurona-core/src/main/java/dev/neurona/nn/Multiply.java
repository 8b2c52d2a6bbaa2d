package dev.neurona.nn;

import dev.neurona.tensor.Tensor;

/** The element-wise product of its inputs, Keras's {@code Multiply}: a gate applied to a signal. */
public final class Multiply extends Merge {

    @Override
    protected Tensor combine(Tensor a, Tensor b) {
        return a.mul(b);
    }
}
