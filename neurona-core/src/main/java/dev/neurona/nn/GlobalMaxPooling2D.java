package dev.neurona.nn;

import java.util.Map;

/**
 * The maximum of each channel over all positions, as Keras's {@code GlobalMaxPooling2D}:
 * {@code [batch, height, width, channels] → [batch, channels]}, or with {@link #keepdims(boolean) keepdims} the pooled axes kept as size 1.
 */
public final class GlobalMaxPooling2D extends GlobalPooling {

    /** Pools to {@code [batch, channels]} (keepdims false, Keras's default). */
    public GlobalMaxPooling2D() {
        super(2, true);
    }

    /**
     * Keeps the pooled axes as size 1 when true (default false).
     *
     * @return this layer
     */
    public GlobalMaxPooling2D keepdims(boolean keepdims) {
        setKeepdims(keepdims);
        return this;
    }

    /** Whether the pooled axes stay as size 1. */
    public boolean keepdims() {
        return keepsDims();
    }

    /** Rebuilds the layer from its config: {@code keepdims} (default false), Keras's {@code data_format} (channels_last only). */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> config) {
        return configure(config, new GlobalMaxPooling2D());
    }
}
