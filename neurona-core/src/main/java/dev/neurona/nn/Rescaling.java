package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code y = x · scale + offset}, as Keras's {@code Rescaling}: pixel values to {@code [0, 1]}
 * with {@code rescaling(1.0 / 255)}, or to {@code [−1, 1]} with {@code rescaling(1.0 / 127.5, -1)},
 * inside the model so that a saved model takes raw pixels.
 */
public final class Rescaling extends Layer {

    private final float scale;
    private final float offset;

    /** Multiplies by {@code scale}, offset 0. */
    public Rescaling(double scale) {
        this(scale, 0);
    }

    /** Multiplies by {@code scale}, then adds {@code offset}. */
    public Rescaling(double scale, double offset) {
        if (!Float.isFinite((float) scale) || !Float.isFinite((float) offset)) {
            throw new IllegalArgumentException("Rescaling: scale and offset must be finite, got scale " + scale
                    + ", offset " + offset);
        }
        this.scale = (float) scale;
        this.offset = (float) offset;
    }

    /** The factor. */
    public float scale() {
        return scale;
    }

    /** The amount added after scaling. */
    public float offset() {
        return offset;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        Tensor y = x.mul(scale);
        return offset == 0f ? y : y.add(offset);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("scale", (double) scale);
        s.put("offset", (double) offset);
        return s;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Rebuilds the layer from its config: {@code scale} (required) and {@code offset} (default 0). */
    public static Rescaling fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "scale", "offset");
        double scale = c.number("scale", -Double.MAX_VALUE, Double.MAX_VALUE);
        double offset = c.number("offset", 0, -Double.MAX_VALUE, Double.MAX_VALUE);
        return new Rescaling(scale, offset);
    }
}
