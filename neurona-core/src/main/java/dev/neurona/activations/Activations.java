package dev.neurona.activations;

import java.util.Map;

/** STUB: activations by Keras name and as objects; replaced by the activations work. */
public final class Activations {

    private Activations() {
    }

    /** The activation for a Keras name such as {@code "relu"}. */
    public static Activation get(String name) {
        throw new UnsupportedOperationException("not yet: " + name);
    }

    /** Rebuilds an activation from {@link Activation#config()}. */
    public static Activation fromConfig(Map<String, Object> config) {
        throw new UnsupportedOperationException("not yet");
    }
}
