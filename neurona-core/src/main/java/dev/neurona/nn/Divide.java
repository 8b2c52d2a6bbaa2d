package dev.neurona.nn;

import dev.neurona.tensor.Tensor;

/**
 * The first input divided by the second, element by element; it takes exactly two inputs.
 * Keras has no such merge layer ({@code keras.ops.divide} in a Lambda is its spelling); Neurona has
 * one so that a graph dividing two computed values (an ONNX {@code Div}, a ratio of two branches)
 * is a layer that saves and loads like the others.
 */
public final class Divide extends Merge {

    @Override
    protected Tensor combine(Tensor a, Tensor b) {
        return a.div(b);
    }

    @Override
    protected int maxInputs() {
        return 2;
    }
}
