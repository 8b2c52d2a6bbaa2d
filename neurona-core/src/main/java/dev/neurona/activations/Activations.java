package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Activations by Keras name ({@link #get(String)}) and as objects (the static factories).
 *
 * <pre>{@code
 * Activation a = Activations.get("relu");           // case-insensitive; null means linear
 * Activation b = Activations.leakyRelu(0.1);
 * Activation c = Activations.fromConfig(b.config());  // equals b
 * }</pre>
 *
 * <p>Defaults follow Keras 3: {@code leaky_relu} slope 0.2, {@code elu} alpha 1, exact
 * {@code gelu}, {@code softmax} and {@code log_softmax} over the last axis.
 */
public final class Activations {

    private static final Activation LINEAR = new SimpleActivation("linear", x -> x);
    private static final Activation SIGN = new SimpleActivation("sign", Tensor::sign);
    private static final Activation SIGMOID = new SimpleActivation("sigmoid", Tensor::sigmoid);
    private static final Activation TANH = new SimpleActivation("tanh", Tensor::tanh);
    private static final Activation RELU = new SimpleActivation("relu", Tensor::relu);
    private static final Activation RELU6 = new SimpleActivation("relu6", x -> x.relu().minimum(6f));
    private static final Activation SELU = new SimpleActivation("selu", Tensor::selu);
    private static final Activation SOFTPLUS = new SimpleActivation("softplus", Tensor::softplus);
    private static final Activation SOFTSIGN = new SimpleActivation("softsign", Tensor::softsign);
    private static final Activation SILU = new SimpleActivation("silu", Tensor::silu);
    private static final Activation HARD_SIGMOID = new SimpleActivation("hard_sigmoid", Tensor::hardSigmoid);
    private static final Activation HARD_SILU = new SimpleActivation("hard_silu", x -> x.mul(x.hardSigmoid()));
    private static final Activation EXPONENTIAL = new SimpleActivation("exponential", Tensor::exp);

    /** Canonical name → builder from a config (parameters absent from the config take their defaults). */
    private static final Map<String, Function<Map<String, Object>, Activation>> BY_NAME = new LinkedHashMap<>();
    /** Alternative spellings → canonical name. */
    private static final Map<String, String> ALIASES = Map.of(
            "identity", "linear",
            "swish", "silu",
            "hard_swish", "hard_silu",
            "leakyrelu", "leaky_relu",
            "logsoftmax", "log_softmax",
            "hardsigmoid", "hard_sigmoid");

    static {
        for (Activation a : new Activation[] {LINEAR, SIGN, SIGMOID, TANH, RELU, RELU6, SELU, SOFTPLUS, SOFTSIGN,
                SILU, HARD_SIGMOID, HARD_SILU, EXPONENTIAL}) {
            BY_NAME.put(a.name(), c -> a);
        }
        BY_NAME.put("leaky_relu", c -> leakyRelu(number(c, "leaky_relu", LeakyRelu.DEFAULT_ALPHA, "alpha", "negative_slope")));
        BY_NAME.put("elu", c -> elu(number(c, "elu", 1.0, "alpha")));
        BY_NAME.put("gelu", c -> gelu(flag(c.get("approximate"))));
        BY_NAME.put("softmax", c -> new Softmax((int) number(c, "softmax", -1, "axis")));
        BY_NAME.put("log_softmax", c -> new LogSoftmax((int) number(c, "log_softmax", -1, "axis")));
    }

    private Activations() {
    }

    // ---------------------------------------------------------------- factories

    /** {@code f(x) = x}. */
    public static Activation linear() {
        return LINEAR;
    }

    /**
     * The Rosenblatt perceptron's step: −1, 0 or +1. Its gradient is zero everywhere, so a
     * network that uses it cannot learn by backpropagation; use it for the perceptron rule or
     * at inference, and a smooth activation (tanh) for training.
     */
    public static Activation sign() {
        return SIGN;
    }

    /** {@code 1 / (1 + e^−x)}. */
    public static Activation sigmoid() {
        return SIGMOID;
    }

    /** {@code tanh(x)}. */
    public static Activation tanh() {
        return TANH;
    }

    /** {@code max(x, 0)}. */
    public static Activation relu() {
        return RELU;
    }

    /** {@code min(max(x, 0), 6)}. */
    public static Activation relu6() {
        return RELU6;
    }

    /** Leaky ReLU with Keras 3's default slope 0.2. */
    public static Activation leakyRelu() {
        return new LeakyRelu(LeakyRelu.DEFAULT_ALPHA);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha·x}. */
    public static Activation leakyRelu(double alpha) {
        return new LeakyRelu(alpha);
    }

    /** ELU with {@code alpha = 1}. */
    public static Activation elu() {
        return new Elu(1.0);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha·(e^x − 1)}. */
    public static Activation elu(double alpha) {
        return new Elu(alpha);
    }

    /** {@code scale·elu(x, alpha)} with the self-normalizing constants of Klambauer et al. (2017). */
    public static Activation selu() {
        return SELU;
    }

    /** Exact GELU, {@code x·Φ(x)}. */
    public static Activation gelu() {
        return new Gelu(false);
    }

    /** GELU, exact or with the tanh approximation. */
    public static Activation gelu(boolean approximate) {
        return new Gelu(approximate);
    }

    /** {@code log(1 + e^x)}. */
    public static Activation softplus() {
        return SOFTPLUS;
    }

    /** {@code x / (1 + |x|)}. */
    public static Activation softsign() {
        return SOFTSIGN;
    }

    /** {@code x·sigmoid(x)}, also called swish. */
    public static Activation silu() {
        return SILU;
    }

    /** The same as {@link #silu()}. */
    public static Activation swish() {
        return SILU;
    }

    /** {@code clip(x/6 + 1/2, 0, 1)} (the Keras 3 and PyTorch form). */
    public static Activation hardSigmoid() {
        return HARD_SIGMOID;
    }

    /** {@code x·hard_sigmoid(x)}, also called hard swish. */
    public static Activation hardSilu() {
        return HARD_SILU;
    }

    /** {@code e^x}. */
    public static Activation exponential() {
        return EXPONENTIAL;
    }

    /** Softmax over the last axis. */
    public static Activation softmax() {
        return new Softmax(-1);
    }

    /** Softmax over {@code axis}. */
    public static Activation softmax(int axis) {
        return new Softmax(axis);
    }

    /** Log-softmax over the last axis. */
    public static Activation logSoftmax() {
        return new LogSoftmax(-1);
    }

    // ---------------------------------------------------------------- lookup

    /**
     * The activation for a Keras name with default parameters. Case-insensitive; {@code null},
     * {@code "linear"} and {@code "identity"} mean linear, {@code "swish"} means silu.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Activation get(String name) {
        return fromConfig(name == null ? Map.of() : Map.of("name", name));
    }

    /**
     * Rebuilds an activation from {@link Activation#config()}: {@code name} plus parameters
     * ({@code alpha}, {@code approximate}, {@code axis}); a missing parameter takes its default.
     *
     * @throws IllegalArgumentException for an unknown name or a parameter of the wrong type
     */
    public static Activation fromConfig(Map<String, Object> config) {
        Object raw = config == null ? null : config.get("name");
        if (raw == null) {
            return LINEAR;
        }
        String key = raw.toString().trim().toLowerCase(Locale.ROOT);
        key = ALIASES.getOrDefault(key, key);
        Function<Map<String, Object>, Activation> builder = BY_NAME.get(key);
        if (builder == null) {
            String guess = dev.neurona.names.Names.closest(key, names());
            throw new IllegalArgumentException("unknown activation '" + raw + "'"
                    + (guess == null ? "" : " (did you mean '" + guess + "'?)") + "; known activations: " + names());
        }
        return builder.apply(config);
    }

    /** The canonical names and aliases that {@link #get(String)} accepts, sorted. */
    public static java.util.SortedSet<String> names() {
        TreeSet<String> all = new TreeSet<>(BY_NAME.keySet());
        all.addAll(ALIASES.keySet());
        return all;
    }

    private static double number(Map<String, Object> config, String name, double fallback, String... keys) {
        for (String key : keys) {
            Object v = config.get(key);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v != null) {
                throw new IllegalArgumentException(name + ": parameter '" + key + "' must be a number, got " + v);
            }
        }
        return fallback;
    }

    /** Accepts a boolean, or PyTorch's {@code "tanh"}/{@code "none"} spelling for gelu. */
    private static boolean flag(Object v) {
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("tanh")) {
            return true;
        }
        if (s.equals("false") || s.equals("none")) {
            return false;
        }
        throw new IllegalArgumentException("gelu: parameter 'approximate' must be true/false (or \"tanh\"/\"none\"), got " + v);
    }
}
