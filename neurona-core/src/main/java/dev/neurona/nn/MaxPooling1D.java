package dev.neurona.nn;

import java.util.Map;

/**
 * Keras's {@code MaxPooling1D}: the maximum of each window of {@code [batch, steps, channels]}
 * inputs (see {@link BasePooling}: pool size default 2, strides default the pool size, padding
 * {@code valid} or {@code same}).
 */
public final class MaxPooling1D extends BasePooling<MaxPooling1D> {

    /** Windows of 2. */
    public MaxPooling1D() {
        super(1, true, new int[] {2});
    }

    /** windows of {@code poolSize} steps, moved by the same. */
    public MaxPooling1D(int poolSize) {
        super(1, true, new int[] {poolSize});
    }

    /** Rebuilds the layer from {@link #config()}; every key optional. */
    public static MaxPooling1D fromConfig(Map<String, Object> config) {
        return fromConfig(config, 1, p -> new MaxPooling1D(p[0]));
    }
}
