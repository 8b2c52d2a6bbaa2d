package dev.neurona.nn;

import dev.neurona.tensor.Tensor;

/** The element-wise mean of its inputs, Keras's {@code Average}: the sum divided by the input count. */
public final class Average extends Merge {

    @Override
    protected Tensor combine(Tensor a, Tensor b) {
        return a.add(b);
    }

    @Override
    protected Tensor finish(Tensor combined, int inputCount) {
        return combined.div(inputCount);
    }
}
