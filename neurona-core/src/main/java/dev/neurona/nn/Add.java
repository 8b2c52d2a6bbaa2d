package dev.neurona.nn;

import dev.neurona.tensor.Tensor;

/** The element-wise sum of its inputs, Keras's {@code Add}: a residual connection's {@code x + f(x)}. */
public final class Add extends Merge {

    @Override
    protected Tensor combine(Tensor a, Tensor b) {
        return a.add(b);
    }
}
