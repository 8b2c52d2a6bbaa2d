package dev.neurona.nn;

import dev.neurona.tensor.Tensor;

/** The first input minus the second, Keras's {@code Subtract}; it takes exactly two inputs. */
public final class Subtract extends Merge {

    @Override
    protected Tensor combine(Tensor a, Tensor b) {
        return a.sub(b);
    }

    @Override
    protected int maxInputs() {
        return 2;
    }
}
