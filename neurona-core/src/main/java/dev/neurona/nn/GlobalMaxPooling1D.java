package dev.neurona.nn;

import java.util.Map;

/**
 * The maximum of each channel over all positions, as Keras's {@code GlobalMaxPooling1D}:
 * {@code [batch, steps, features] → [batch, features]}, or with {@link #keepdims(boolean) keepdims} the pooled axes kept as size 1.
 */
public final class GlobalMaxPooling1D extends GlobalPooling {

    /** Pools to {@code [batch, channels]} (keepdims false, Keras's default). */
    public GlobalMaxPooling1D() {
        super(1, true);
    }

    /**
     * Keeps the pooled axes as size 1 when true (default false).
     *
     * @return this layer
     */
    public GlobalMaxPooling1D keepdims(boolean keepdims) {
        setKeepdims(keepdims);
        return this;
    }

    /** Whether the pooled axes stay as size 1. */
    public boolean keepdims() {
        return keepsDims();
    }

    /** Rebuilds the layer from its config: {@code keepdims} (default false), Keras's {@code data_format} (channels_last only). */
    public static GlobalMaxPooling1D fromConfig(Map<String, Object> config) {
        return configure(config, new GlobalMaxPooling1D());
    }
}
