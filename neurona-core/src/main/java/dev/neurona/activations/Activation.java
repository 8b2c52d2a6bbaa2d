package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * An activation function applied elementwise (or, for softmax, along the last axis) to a
 * layer's pre-activation. Implementations are immutable and stateless; their gradients come
 * from the tensor primitives they call.
 */
public interface Activation {

    /** Applies the function, recording the graph when grad mode is on. */
    Tensor apply(Tensor x);

    /** The Keras identifier, such as {@code "relu"} or {@code "leaky_relu"}. */
    String name();

    /**
     * The configuration that {@link Activations#fromConfig(Map)} turns back into an equal
     * activation: {@code name} plus any parameters (such as {@code alpha}).
     */
    default Map<String, Object> config() {
        return Map.of("name", name());
    }
}
