package dev.neurona.optim;

import java.util.Map;

/** STUB: optimizers by Keras name and from configs; replaced by the optimizer issue. */
public final class Optimizers {

    private Optimizers() {
    }

    /** The optimizer with Keras 3 defaults for a name such as {@code "adam"}. */
    public static Optimizer get(String name) {
        throw new UnsupportedOperationException("not yet: " + name);
    }

    /** Rebuilds an optimizer from {@link Optimizer#config()}. */
    public static Optimizer fromConfig(Map<String, Object> config) {
        throw new UnsupportedOperationException("not yet");
    }
}
