package dev.neurona.nn;

import dev.neurona.activations.Activations;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Applies an activation function as a layer of its own (Keras's {@code Activation} layer);
 * the function itself is a {@link dev.neurona.activations.Activation}.
 */
public final class Activation extends Layer {

    private final dev.neurona.activations.Activation function;

    /** A layer applying {@code function}. */
    public Activation(dev.neurona.activations.Activation function) {
        if (function == null) {
            throw new IllegalArgumentException("Activation layer: the activation must not be null");
        }
        this.function = function;
    }

    /** A layer applying the activation named {@code name}, such as {@code "relu"}. */
    public Activation(String name) {
        this(Activations.get(name));
    }

    /** The function this layer applies. */
    public dev.neurona.activations.Activation function() {
        return function;
    }

    @Override
    protected void createWeights(int[] inputShape, java.util.Random random) {
        Dense.checkActivation(function, label(), inputShape.length + 1);
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        return function.apply(x);
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("activation", function.config());
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }
}
