package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shifts each training image by a random fraction of its height and width, as Keras's
 * {@code RandomTranslation}: {@code randomTranslation(0.1, 0.1)} moves each image by up to 10 %
 * of its size in each direction (a positive shift moves the content down and right), filling
 * the uncovered part by the fill mode ({@code "reflect"} by default). The identity in inference.
 */
public final class RandomTranslation extends AffineImageLayer<RandomTranslation> {

    private final double[] height;
    private final double[] width;

    /** Shifts of up to {@code heightFactor} of the height and {@code widthFactor} of the width each way (each in [-1, 1]). */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this(symmetric(heightFactor), symmetric(widthFactor));
    }

    /** Shifts drawn from {@code [lower, upper]} fractions of the height and of the width (each within [-1, 1]). */
    public RandomTranslation(double[] heightFactor, double[] widthFactor) {
        this.height = checked("RandomTranslation", "height_factor", heightFactor, 1);
        this.width = checked("RandomTranslation", "width_factor", widthFactor, 1);
    }

    @Override
    void coefficients(long stream, int image, int h, int w, float[] t) {
        float dy = draw(stream, 4L * image, height) * h;
        float dx = draw(stream, 4L * image + 1, width) * w;
        t[0] = 1;
        t[1] = 0;
        t[2] = -dx;
        t[3] = 0;
        t[4] = 1;
        t[5] = -dy;
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("height_factor", factorConfig(height));
        s.put("width_factor", factorConfig(width));
        return withFill(s);
    }

    /** Rebuilds the layer from its config: {@code height_factor}, {@code width_factor} (required), the fill settings, {@code seed}. */
    public static RandomTranslation fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only(keys("height_factor", "width_factor"));
        return configure(c, new RandomTranslation(factor(c, "height_factor", 1), factor(c, "width_factor", 1)));
    }
}
