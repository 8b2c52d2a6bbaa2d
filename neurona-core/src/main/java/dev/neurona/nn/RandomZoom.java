package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Zooms each training image about its centre by a random factor, as Keras's {@code RandomZoom}:
 * the zoom is {@code 1 + f} for {@code f} drawn from the height factor's range (a positive
 * {@code f} zooms out, showing more; a negative one zooms in), so {@code randomZoom(0.1)} zooms
 * by 0.9 to 1.1. Without a width factor the width zooms as the height does (the aspect ratio
 * kept). Uncovered parts are filled by the fill mode ({@code "reflect"} by default). The
 * identity in inference.
 */
public final class RandomZoom extends AffineImageLayer<RandomZoom> {

    private final double[] height;
    private final double[] width;   // null: as the height

    /** Zooms by {@code 1 + f}, {@code f} in {@code [−|heightFactor|, |heightFactor|]} (within [-1, 1]), the same for the width. */
    public RandomZoom(double heightFactor) {
        this(symmetric(heightFactor), null);
    }

    /** Separate zoom ranges for height and width ({@code [−|f|, |f|]} each). */
    public RandomZoom(double heightFactor, double widthFactor) {
        this(symmetric(heightFactor), symmetric(widthFactor));
    }

    /** Zoom ranges {@code [lower, upper]} for height and width ({@code widthFactor} null: as the height). */
    public RandomZoom(double[] heightFactor, double[] widthFactor) {
        this.height = checked("RandomZoom", "height_factor", heightFactor, 1);
        this.width = widthFactor == null ? null : checked("RandomZoom", "width_factor", widthFactor, 1);
    }

    @Override
    void coefficients(long stream, int image, int h, int w, float[] t) {
        float zy = 1f + draw(stream, 4L * image, height);
        float zx = width == null ? zy : 1f + draw(stream, 4L * image + 1, width);
        t[0] = zx;
        t[1] = 0;
        t[2] = (w - 1f) / 2f * (1f - zx);
        t[3] = 0;
        t[4] = zy;
        t[5] = (h - 1f) / 2f * (1f - zy);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("height_factor", factorConfig(height));
        if (width != null) {
            s.put("width_factor", factorConfig(width));
        }
        return withFill(s);
    }

    /** Rebuilds the layer from its config: {@code height_factor} (required), {@code width_factor}, the fill settings, {@code seed}. */
    public static RandomZoom fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only(keys("height_factor", "width_factor"));
        double[] width = c.has("width_factor") ? factor(c, "width_factor", 1) : null;
        return configure(c, new RandomZoom(factor(c, "height_factor", 1), width));
    }
}
