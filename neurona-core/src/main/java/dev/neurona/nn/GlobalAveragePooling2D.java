package dev.neurona.nn;

import java.util.Map;

/**
 * The mean of each channel over all positions, as Keras's {@code GlobalAveragePooling2D}:
 * {@code [batch, height, width, channels] → [batch, channels]}, or with {@link #keepdims(boolean) keepdims} the pooled axes kept as size 1.
 */
public final class GlobalAveragePooling2D extends GlobalPooling {

    /** Pools to {@code [batch, channels]} (keepdims false, Keras's default). */
    public GlobalAveragePooling2D() {
        super(2, false);
    }

    /**
     * Keeps the pooled axes as size 1 when true (default false).
     *
     * @return this layer
     */
    public GlobalAveragePooling2D keepdims(boolean keepdims) {
        setKeepdims(keepdims);
        return this;
    }

    /** Whether the pooled axes stay as size 1. */
    public boolean keepdims() {
        return keepsDims();
    }

    /** Rebuilds the layer from its config: {@code keepdims} (default false), Keras's {@code data_format} (channels_last only). */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
        return configure(config, new GlobalAveragePooling2D());
    }
}
