package dev.neurona.nn.init;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
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

    private static final double ANY = Double.MAX_VALUE;

    static {
        // one line per type: its name and how a config builds it; a config of the name alone takes Keras's
        // defaults (what get(name) passes), one with parameters must give them all
        plain("zeros", Initializers::zeros);
        plain("ones", Initializers::ones);
        builtin("constant", c -> constant(c.only("name", "value").number("value", -ANY, ANY)));
        builtin("random_normal", c -> nameOnly(c) ? randomNormal(0.0, 0.05)
                : randomNormal(c.only("name", "mean", "stddev").number("mean", -ANY, ANY), c.number("stddev", Double.MIN_VALUE, ANY)));
        builtin("random_uniform", c -> nameOnly(c) ? randomUniform(-0.05, 0.05)
                : randomUniform(c.only("name", "minval", "maxval").number("minval", -ANY, ANY), c.number("maxval", -ANY, ANY)));
        builtin("truncated_normal", c -> nameOnly(c) ? truncatedNormal(0.0, 0.05)
                : truncatedNormal(c.only("name", "mean", "stddev").number("mean", -ANY, ANY), c.number("stddev", Double.MIN_VALUE, ANY)));
        plain("glorot_normal", Initializers::glorotNormal);
        plain("glorot_uniform", Initializers::glorotUniform);
        plain("he_normal", Initializers::heNormal);
        plain("he_uniform", Initializers::heUniform);
        plain("lecun_normal", Initializers::lecunNormal);
        plain("lecun_uniform", Initializers::lecunUniform);
        builtin("orthogonal", c -> nameOnly(c) ? orthogonal(1.0) : orthogonal(c.only("name", "gain").number("gain", -ANY, ANY)));
    }

    private Initializers() {
    }

    /** Registers a built-in initializer (all are one class): {@code build} gets the config's keys. */
    private static void builtin(String name, Function<ConfigKeys, Initializer> build) {
        Registry.register(name, Simple.class, config -> (Simple) build.apply(ConfigKeys.of(config)));
    }

    /** Registers a built-in initializer without parameters: its config holds only the name. */
    private static void plain(String name, Supplier<Initializer> make) {
        builtin(name, c -> {
            c.only("name");
            return make.get();
        });
    }

    /** Whether a config holds nothing but the name (a parameterless initializer refuses anything else). */
    private static boolean nameOnly(ConfigKeys c) {
        return c.map().size() == 1 && c.has("name");
    }

    /**
     * The initializer with Keras defaults for a name such as {@code "he_normal"}: built-in or
     * {@link Registry#register registered}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones, or for
     *         {@code "constant"}, which needs its value
     */
    public static Initializer get(String name) {
        if (name == null) {
            throw Registry.unknown(Initializer.class, null);
        }
        if (Registry.canonical(Initializer.class, name).filter("constant"::equals).isPresent()) {
            throw new IllegalArgumentException("initializer 'constant' needs its value: use Initializers.constant(value) "
                    + "or {\"name\": \"constant\", \"value\": 0.1}");
        }
        return Registry.create(Initializer.class, name, Map.of("name", name));
    }

    /**
     * Rebuilds an initializer from {@link Initializer#config()}: {@code name} plus, for the
     * parametrized ones, their parameters ({@code value}; {@code mean} and {@code stddev};
     * {@code minval} and {@code maxval}; {@code gain}), each a finite number.
     *
     * @throws ConfigException naming a missing, bad or unknown key, or an unknown name
     */
    public static Initializer fromConfig(Map<String, Object> config) {
        return Registry.fromConfig(Initializer.class, "name", ConfigKeys.of(config).string("name"), config);
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
        int cols = Initializer.columns(shape);
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

    /**
     * The names {@link #get(String)} accepts (every registered one but {@code constant}, which needs
     * its value), built-ins first in Keras's order, for error messages and documentation.
     */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(Registry.namesInOrder(Initializer.class));
        names.remove("constant");
        return names;
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
