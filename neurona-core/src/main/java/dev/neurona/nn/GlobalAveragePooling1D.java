package dev.neurona.nn;

import java.util.Map;

/**
 * The mean of each channel over all positions, as Keras's {@code GlobalAveragePooling1D}:
 * {@code [batch, steps, features] → [batch, features]}, or with {@link #keepdims(boolean) keepdims} the pooled axes kept as size 1.
 */
public final class GlobalAveragePooling1D extends GlobalPooling {

    /** Pools to {@code [batch, channels]} (keepdims false, Keras's default). */
    public GlobalAveragePooling1D() {
        super(1, false);
    }

    /**
     * Keeps the pooled axes as size 1 when true (default false).
     *
     * @return this layer
     */
    public GlobalAveragePooling1D keepdims(boolean keepdims) {
        setKeepdims(keepdims);
        return this;
    }

    /** Whether the pooled axes stay as size 1. */
    public boolean keepdims() {
        return keepsDims();
    }

    /** Rebuilds the layer from its config: {@code keepdims} (default false), Keras's {@code data_format} (channels_last only). */
    public static GlobalAveragePooling1D fromConfig(Map<String, Object> config) {
        return configure(config, new GlobalAveragePooling1D());
    }
}
