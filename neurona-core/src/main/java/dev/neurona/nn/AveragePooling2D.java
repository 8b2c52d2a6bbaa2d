package dev.neurona.nn;

import java.util.Map;

/**
 * Keras's {@code AveragePooling2D}: the mean of each window of {@code [batch, height, width, channels]}
 * inputs (see {@link BasePooling}: pool size default 2, strides default the pool size, padding
 * {@code valid} or {@code same}).
 */
public final class AveragePooling2D extends BasePooling<AveragePooling2D> {

    /** Windows of 2. */
    public AveragePooling2D() {
        super(2, false, new int[] {2, 2});
    }

    /** a window of {@code poolSize} (one value, or height and width), moved by the same. */
    public AveragePooling2D(int... poolSize) {
        super(2, false, poolSize);
    }

    /** Rebuilds the layer from {@link #config()}; every key optional. */
    public static AveragePooling2D fromConfig(Map<String, Object> config) {
        return fromConfig(config, 2, p -> new AveragePooling2D(p));
    }
}
