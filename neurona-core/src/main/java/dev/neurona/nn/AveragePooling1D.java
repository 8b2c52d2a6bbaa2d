package dev.neurona.nn;

import java.util.Map;

/**
 * Keras's {@code AveragePooling1D}: the mean of each window of {@code [batch, steps, channels]}
 * inputs (see {@link BasePooling}: pool size default 2, strides default the pool size, padding
 * {@code valid} or {@code same}).
 */
public final class AveragePooling1D extends BasePooling<AveragePooling1D> {

    /** Windows of 2. */
    public AveragePooling1D() {
        super(1, false, new int[] {2});
    }

    /** windows of {@code poolSize} steps, moved by the same. */
    public AveragePooling1D(int poolSize) {
        super(1, false, new int[] {poolSize});
    }

    /** Rebuilds the layer from {@link #config()}; every key optional. */
    public static AveragePooling1D fromConfig(Map<String, Object> config) {
        return fromConfig(config, 1, p -> new AveragePooling1D(p[0]));
    }
}
