package dev.neurona.nn;

import java.util.Map;

/**
 * Keras's {@code MaxPooling2D}: the maximum of each window of {@code [batch, height, width, channels]}
 * inputs (see {@link BasePooling}: pool size default 2, strides default the pool size, padding
 * {@code valid} or {@code same}).
 */
public final class MaxPooling2D extends BasePooling<MaxPooling2D> {

    /** Windows of 2. */
    public MaxPooling2D() {
        super(2, true, new int[] {2, 2});
    }

    /** a window of {@code poolSize} (one value, or height and width), moved by the same. */
    public MaxPooling2D(int... poolSize) {
        super(2, true, poolSize);
    }

    /** Rebuilds the layer from {@link #config()}; every key optional. */
    public static MaxPooling2D fromConfig(Map<String, Object> config) {
        return fromConfig(config, 2, p -> new MaxPooling2D(p));
    }
}
