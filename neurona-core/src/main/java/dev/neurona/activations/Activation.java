package dev.neurona.activations;

import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * An activation function applied elementwise (or, for softmax, along the last axis) to a
 * layer's pre-activation. Implementations are immutable and stateless; their gradients come
 * from the tensor primitives they call.
 */
@Registry.Kind(noun = "activation", plural = "activations", builtins = Activations.class)
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

    /**
     * Checks that the function applies to inputs of {@code rank} dimensions (batch included),
     * so that a layer fails when it is built rather than at its first {@code predict}: a
     * softmax's axis must lie in {@code [-rank, rank)}. Elementwise functions fit any rank.
     *
     * @throws dev.neurona.names.ConfigException naming the parameter when it does not fit
     */
    default void checkInputRank(int rank) {
    }
}
