package dev.neurona.nn.init;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The weight initializers of Keras, by name and as objects:
 * zeros, ones, constant, random normal/uniform, truncated normal, Glorot (Xavier) normal and
 * uniform, He normal and uniform, LeCun normal and uniform, and orthogonal.
 *
 * <p>Variance-scaling initializers draw with variance {@code scale / fan}, where {@code fan}
 * is fan-in (He, LeCun) or the mean of fan-in and fan-out (Glorot); the normal forms use a
 * normal truncated at two standard deviations, rescaled by 0.8796 as Keras does.
 */
public final class Initializers {

    private static final double TRUNCATED_STDDEV_CORRECTION = 0.87962566103423978;

    private static final Map<String, Supplier<Initializer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("zeros", Initializers::zeros);
        BY_NAME.put("ones", Initializers::ones);
        BY_NAME.put("random_normal", () -> randomNormal(0.0, 0.05));
        BY_NAME.put("random_uniform", () -> randomUniform(-0.05, 0.05));
        BY_NAME.put("truncated_normal", () -> truncatedNormal(0.0, 0.05));
        BY_NAME.put("glorot_normal", Initializers::glorotNormal);
        BY_NAME.put("glorot_uniform", Initializers::glorotUniform);
        BY_NAME.put("he_normal", Initializers::heNormal);
        BY_NAME.put("he_uniform", Initializers::heUniform);
        BY_NAME.put("lecun_normal", Initializers::lecunNormal);
        BY_NAME.put("lecun_uniform", Initializers::lecunUniform);
        BY_NAME.put("orthogonal", () -> orthogonal(1.0));
    }

    private Initializers() {
    }

    /** The initializer with Keras defaults for a name such as {@code "he_normal"}. */
    public static Initializer get(String name) {
        Supplier<Initializer> s = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("unknown initializer '" + name + "'; known initializers: "
                    + String.join(", ", BY_NAME.keySet()) + ", constant");
        }
        return s.get();
    }

    /**
     * Rebuilds an initializer from {@link Initializer#config()}: {@code name} plus, for the
     * parametrized ones, their parameters ({@code value}; {@code mean} and {@code stddev};
     * {@code minval} and {@code maxval}; {@code gain}), each a finite number.
     *
     * @throws ConfigException naming a missing, bad or unknown key, or an unknown name
     */
    public static Initializer fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config);
        String name = c.string("name");
        double any = Double.MAX_VALUE;
        try {
            return switch (name) {
                case "constant" -> constant(c.only("name", "value").number("value", -any, any));
                case "random_normal" -> randomNormal(c.only("name", "mean", "stddev").number("mean", -any, any),
                        c.number("stddev", Double.MIN_VALUE, any));
                case "random_uniform" -> randomUniform(c.only("name", "minval", "maxval").number("minval", -any, any),
                        c.number("maxval", -any, any));
                case "truncated_normal" -> truncatedNormal(c.only("name", "mean", "stddev").number("mean", -any, any),
                        c.number("stddev", Double.MIN_VALUE, any));
                case "orthogonal" -> orthogonal(c.only("name", "gain").number("gain", -any, any));
                default -> {
                    c.only("name");
                    try {
                        yield get(name);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException("name", e.getMessage(), e);
                    }
                }
            };
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {   // a parameter the factory refused, such as stddev ≤ 0
            throw new ConfigException("", e.getMessage(), e);
        }
    }

    /** All zeros (the Dense bias default). */
    public static Initializer zeros() {
        return constant("zeros", 0.0);
    }

    /** All ones. */
    public static Initializer ones() {
        return constant("ones", 1.0);
    }

    /** Every weight equal to {@code value}. */
    public static Initializer constant(double value) {
        return new Simple("constant", Map.of("name", "constant", "value", value),
                (shape, random) -> Tensor.full((float) value, shape));
    }

    private static Initializer constant(String name, double value) {
        return new Simple(name, Map.of("name", name), (shape, random) -> Tensor.full((float) value, shape));
    }

    /** Normal with the given mean and standard deviation. */
    public static Initializer randomNormal(double mean, double stddev) {
        positive("random_normal", "stddev", stddev);
        return new Simple("random_normal", Map.of("name", "random_normal", "mean", mean, "stddev", stddev),
                (shape, random) -> fill(shape, () -> mean + stddev * random.nextGaussian()));
    }

    /** Uniform on {@code [minval, maxval)}. */
    public static Initializer randomUniform(double minval, double maxval) {
        if (!(minval < maxval)) {
            throw new IllegalArgumentException("random_uniform: need minval < maxval, got " + minval + " and " + maxval);
        }
        return new Simple("random_uniform", Map.of("name", "random_uniform", "minval", minval, "maxval", maxval),
                (shape, random) -> fill(shape, () -> minval + (maxval - minval) * random.nextDouble()));
    }

    /** Normal with the given mean and deviation, redrawn outside two standard deviations. */
    public static Initializer truncatedNormal(double mean, double stddev) {
        positive("truncated_normal", "stddev", stddev);
        return new Simple("truncated_normal", Map.of("name", "truncated_normal", "mean", mean, "stddev", stddev),
                (shape, random) -> fill(shape, () -> mean + stddev * truncated(random)));
    }

    /** Glorot (Xavier) normal: truncated normal with variance {@code 2 / (fanIn + fanOut)}. */
    public static Initializer glorotNormal() {
        return scaled("glorot_normal", 1.0, Fan.AVG, false);
    }

    /** Glorot (Xavier) uniform: the Dense kernel default, limit {@code sqrt(6 / (fanIn + fanOut))}. */
    public static Initializer glorotUniform() {
        return scaled("glorot_uniform", 1.0, Fan.AVG, true);
    }

    /** He normal: truncated normal with variance {@code 2 / fanIn}, for ReLU networks. */
    public static Initializer heNormal() {
        return scaled("he_normal", 2.0, Fan.IN, false);
    }

    /** He uniform: limit {@code sqrt(6 / fanIn)}. */
    public static Initializer heUniform() {
        return scaled("he_uniform", 2.0, Fan.IN, true);
    }

    /** LeCun normal: truncated normal with variance {@code 1 / fanIn}, for SELU networks. */
    public static Initializer lecunNormal() {
        return scaled("lecun_normal", 1.0, Fan.IN, false);
    }

    /** LeCun uniform: limit {@code sqrt(3 / fanIn)}. */
    public static Initializer lecunUniform() {
        return scaled("lecun_uniform", 1.0, Fan.IN, true);
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}: the rows or columns of the 2-D shape
     * (all but the last dimension flattened) are orthonormal, from Gram-Schmidt on a normal draw.
     */
    public static Initializer orthogonal(double gain) {
        return new Simple("orthogonal", Map.of("name", "orthogonal", "gain", gain),
                (shape, random) -> orthogonalMatrix(shape, gain, random));
    }

    private enum Fan { IN, AVG }

    private static Initializer scaled(String name, double scale, Fan mode, boolean uniform) {
        return new Simple(name, Map.of("name", name), (shape, random) -> {
            double fan = mode == Fan.IN ? Initializer.fanIn(shape)
                    : (Initializer.fanIn(shape) + Initializer.fanOut(shape)) / 2.0;
            double variance = scale / Math.max(1.0, fan);
            if (uniform) {
                double limit = Math.sqrt(3.0 * variance);
                return fill(shape, () -> -limit + 2 * limit * random.nextDouble());
            }
            double stddev = Math.sqrt(variance) / TRUNCATED_STDDEV_CORRECTION;
            return fill(shape, () -> stddev * truncated(random));
        });
    }

    private static double truncated(Random random) {
        double v;
        do {
            v = random.nextGaussian();
        } while (Math.abs(v) > 2.0);
        return v;
    }

    private static Tensor fill(int[] shape, java.util.function.DoubleSupplier draw) {
        Tensor t = Tensor.zeros(shape);
        float[] d = new float[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) draw.getAsDouble();
        }
        return t.assign(d);
    }

    private static Tensor orthogonalMatrix(int[] shape, double gain, Random random) {
        int cols = Initializer.fanOut(shape);
        int rows = Math.max(1, Tensor.zeros(shape).size() / cols);
        // orthonormalize the shorter side's vectors
        boolean byRows = rows <= cols;
        int count = byRows ? rows : cols;
        int length = byRows ? cols : rows;
        double[][] v = new double[count][length];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < length; j++) {
                v[i][j] = random.nextGaussian();
            }
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < length; j++) {
                    dot += v[i][j] * v[p][j];
                }
                for (int j = 0; j < length; j++) {
                    v[i][j] -= dot * v[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < length; j++) {
                norm += v[i][j] * v[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < length; j++) {
                v[i][j] /= norm;
            }
        }
        Tensor t = Tensor.zeros(shape);
        float[] d = new float[t.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                d[r * cols + c] = (float) (gain * (byRows ? v[r][c] : v[c][r]));
            }
        }
        return t.assign(d);
    }

    private static void positive(String name, String what, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + ": " + what + " must be positive, got " + value);
        }
    }

    /** The known names, for error messages and documentation. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private record Simple(String name, Map<String, Object> config, Draw draw) implements Initializer {
        @Override
        public Tensor create(int[] shape, Random random) {
            return draw.create(shape, random);
        }
    }

    @FunctionalInterface
    private interface Draw {
        Tensor create(int[] shape, Random random);
    }
}
