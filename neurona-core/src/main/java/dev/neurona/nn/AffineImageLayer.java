package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The augmentation layers that move pixels by a random affine map per image
 * ({@link RandomTranslation}, {@link RandomRotation}, {@link RandomZoom}): active only in
 * training (the identity in inference), with Keras's {@code fill_mode} ({@code "reflect"} by
 * default, {@code "constant"}, {@code "nearest"}, {@code "wrap"}), {@code interpolation}
 * ({@code "bilinear"} by default, or {@code "nearest"}) and {@code fill_value} (0). The images
 * are computed from the input inside one op ({@link Tensor#generate(String, Tensor,
 * dev.neurona.tensor.HostAccess.Pair, int...)}) that draws its parameters at every run, so a
 * compiled step augments each batch anew; no gradient flows back through it (such layers
 * come first, on the data).
 *
 * @param <L> the layer's own type, which the fluent setters return
 */
abstract class AffineImageLayer<L extends AffineImageLayer<L>> extends RandomLayer {

    private int fillMode;   // index into ImageSampler.FILL_MODES: reflect
    private boolean bilinear = true;
    private float fillValue;
    private final float[] coefficients = new float[6];   // one image's map, reused (no per-step allocation)

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    /**
     * How points outside the image are filled: {@code "reflect"} (default; d c b a | a b c d |
     * d c b a), {@code "constant"} ({@link #fillValue(double)}), {@code "nearest"} (the edge
     * pixel repeated), {@code "wrap"}.
     *
     * @return this layer
     */
    public L fillMode(String mode) {
        int i = ImageSampler.FILL_MODES.indexOf(mode);
        if (i < 0) {
            throw new IllegalArgumentException(typeName() + ": fill_mode must be one of " + ImageSampler.FILL_MODES
                    + ", got " + (mode == null ? "null" : "\"" + mode + "\""));
        }
        fillMode = i;
        return self();
    }

    /**
     * {@code "bilinear"} (default) or {@code "nearest"}.
     *
     * @return this layer
     */
    public L interpolation(String interpolation) {
        if (!ImageSampler.INTERPOLATIONS.contains(interpolation)) {
            throw new IllegalArgumentException(typeName() + ": interpolation must be one of " + ImageSampler.INTERPOLATIONS
                    + ", got " + (interpolation == null ? "null" : "\"" + interpolation + "\""));
        }
        bilinear = interpolation.equals("bilinear");
        return self();
    }

    /**
     * The value of points outside the image under {@code fill_mode "constant"} (default 0).
     *
     * @return this layer
     */
    public L fillValue(double value) {
        if (!Float.isFinite((float) value)) {
            throw new IllegalArgumentException(typeName() + ": fill_value must be a finite float, got " + value);
        }
        fillValue = (float) value;
        return self();
    }

    /**
     * The layer's own seed (Keras's {@code seed}), instead of one from the model's seed.
     *
     * @return this layer
     */
    public L seed(long seed) {
        setSeed(seed);
        return self();
    }

    /** The fill mode's name. */
    public String fillMode() {
        return ImageSampler.FILL_MODES.get(fillMode);
    }

    /** The interpolation's name. */
    public String interpolation() {
        return bilinear ? "bilinear" : "nearest";
    }

    /** The fill value of {@code "constant"}. */
    public float fillValue() {
        return fillValue;
    }

    /**
     * Writes image {@code image}'s map {@code {a0, a1, a2, b0, b1, b2}} (output {@code (x, y)} reads
     * input {@code (a0·x + a1·y + a2, b0·x + b1·y + b2)}), drawing from {@code stream} at indices
     * {@code 4·image … 4·image + 3}.
     */
    abstract void coefficients(long stream, int image, int height, int width, float[] t);

    @Override
    void checkInput(int[] inputShape) {
        ImageShapes.requireImages(label(), inputShape);
    }

    @Override
    public final int[] outputShape(int[] inputShape) {
        ImageShapes.requireImages(label(), inputShape);
        return inputShape.clone();
    }

    @Override
    protected final Tensor forward(Tensor x, Mode mode) {
        if (mode != Mode.TRAINING) {
            return x;
        }
        int batch = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        int c = x.dim(3);
        return Tensor.generate(snakeCase(typeName()), x, (in, out) -> {
            long stream = nextStream();   // new parameters at every run, also at each replay
            for (int image = 0; image < batch; image++) {
                coefficients(stream, image, h, w, coefficients);
                ImageSampler.transform(in, out, image, h, w, c, coefficients, fillMode, bilinear, fillValue);
            }
        }, x.shape());
    }

    @Override
    public final long countParams(int[] inputShape) {
        return 0;
    }

    /** The fill settings and seed, after the layer's own {@code settings}. */
    final Map<String, Object> withFill(Map<String, Object> settings) {
        settings.put("fill_mode", fillMode());
        settings.put("interpolation", interpolation());
        settings.put("fill_value", (double) fillValue);
        return withSeed(settings);
    }

    /** The keys such a layer's config may hold: its own and the common ones. */
    static List<String> keys(String... own) {
        List<String> k = new java.util.ArrayList<>(List.of("type", "name", "fill_mode", "interpolation", "fill_value", "seed",
                "data_format"));
        k.addAll(List.of(own));
        return k;
    }

    /** Reads the fill settings, seed and {@code data_format} of {@code c} into {@code layer}. */
    static <L extends AffineImageLayer<L>> L configure(ConfigKeys c, L layer) {
        ImageShapes.channelsLast(c);
        if (c.has("fill_mode")) {
            String m = c.string("fill_mode");
            LayerConfigs.built("fill_mode", () -> layer.fillMode(m));
        }
        if (c.has("interpolation")) {
            String i = c.string("interpolation");
            LayerConfigs.built("interpolation", () -> layer.interpolation(i));
        }
        if (c.has("fill_value")) {
            double v = c.number("fill_value", -Float.MAX_VALUE, Float.MAX_VALUE);
            layer.fillValue(v);
        }
        return seeded(c, layer);
    }

    /**
     * A factor as Keras gives it: one number {@code f} for {@code [−|f|, |f|]} or a pair of bounds
     * (sorted), each within {@code [-max, max]}.
     */
    static double[] factor(ConfigKeys c, String key, double max) {
        Object v = c.required(key);
        try {
            if (v instanceof List<?> list && list.size() == 2) {
                return range(ConfigKeys.numberValue(list.get(0), -max, max), ConfigKeys.numberValue(list.get(1), -max, max));
            }
            if (v instanceof Number) {
                return symmetric(ConfigKeys.numberValue(v, -max, max));
            }
        } catch (ConfigException e) {
            throw e.within(key);
        }
        throw new ConfigException(key, "must be a number or a pair [lower, upper], got " + ConfigKeys.describe(v));
    }

    /** {@code [−|f|, |f|]}, as Keras reads one number. */
    static double[] symmetric(double f) {
        return new double[] {-Math.abs(f), Math.abs(f)};
    }

    /** Two bounds in order, as Keras sorts them. */
    static double[] range(double a, double b) {
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    /** Checks a factor's bounds against {@code [-max, max]}, naming the layer and {@code what}. */
    static double[] checked(String layer, String what, double[] range, double max) {
        if (range == null || range.length != 2 || !(range[0] >= -max && range[1] <= max && range[0] <= range[1])) {
            throw new IllegalArgumentException(layer + ": " + what + " must be a number f (for [-|f|, |f|]) or a range "
                    + "[lower, upper] within [" + -max + ", " + max + "], got "
                    + (range == null ? "null" : java.util.Arrays.toString(range)));
        }
        return range.clone();
    }

    /** A uniform draw in {@code range} from the stream's value at {@code index}. */
    static float draw(long stream, long index, double[] range) {
        float u = dev.neurona.tensor.Seeds.uniform(stream, index);
        return (float) range[0] + u * (float) (range[1] - range[0]);
    }

    /** A factor's config form: one number when symmetric, otherwise the pair. */
    static Object factorConfig(double[] range) {
        return range[0] == -range[1] ? (Object) range[1] : List.of(range[0], range[1]);
    }
}
