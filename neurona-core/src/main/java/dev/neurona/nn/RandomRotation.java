package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rotates each training image about its centre by a random angle, as Keras's
 * {@code RandomRotation}: the factor is a fraction of a full turn, so {@code randomRotation(0.1)}
 * draws angles in {@code [−36°, 36°]} (positive is counter-clockwise), filling the corners by the
 * fill mode ({@code "reflect"} by default). The identity in inference.
 */
public final class RandomRotation extends AffineImageLayer<RandomRotation> {

    private final double[] factor;

    /** Angles up to {@code factor} of a full turn each way. */
    public RandomRotation(double factor) {
        this(symmetric(factor));
    }

    /** Angles drawn from {@code [lower, upper]} fractions of a full turn. */
    public RandomRotation(double[] factor) {
        this.factor = checked("RandomRotation", "factor", factor, 1e6);
    }

    @Override
    void coefficients(long stream, int image, int h, int w, float[] t) {
        float angle = draw(stream, 4L * image, factor) * (float) (2 * Math.PI);
        float cos = (float) Math.cos(angle);
        float sin = (float) Math.sin(angle);
        float xOffset = ((w - 1) - (cos * (w - 1) - sin * (h - 1))) / 2f;
        float yOffset = ((h - 1) - (sin * (w - 1) + cos * (h - 1))) / 2f;
        t[0] = cos;
        t[1] = -sin;
        t[2] = xOffset;
        t[3] = sin;
        t[4] = cos;
        t[5] = yOffset;
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("factor", factorConfig(factor));
        return withFill(s);
    }

    /** Rebuilds the layer from its config: {@code factor} (required), the fill settings, {@code seed}. */
    public static RandomRotation fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only(keys("factor"));
        return configure(c, new RandomRotation(factor(c, "factor", 1e6)));
    }
}
