package dev.neurona.activations;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
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
 * <p>Every name resolves through {@link Registry}, where this class registers the built-in
 * activations (one line each) and users register their own
 * ({@code Registry.register("my_act", MyAct.class, c -> new MyAct())}), which then work by name
 * everywhere: {@code dense(4, "my_act")}, model files.
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

    static {
        // one line per type: its name, its class and how a config builds it (missing parameters take defaults)
        simple(LINEAR, "identity");
        simple(SIGN);
        simple(SIGMOID);
        simple(TANH);
        simple(RELU);
        simple(RELU6);
        simple(SOFTPLUS);
        simple(SOFTSIGN);
        simple(SILU, "swish");
        simple(HARD_SIGMOID, "hardsigmoid");
        simple(HARD_SILU, "hard_swish");
        simple(EXPONENTIAL);
        builtin("selu", SimpleActivation.class, c -> {
            // PyTorch and golden files spell out selu's constants; they are fixed
            c.only("name", "alpha", "scale");
            fixed(c, "alpha", 1.6732632423543772);
            fixed(c, "scale", 1.0507009873554805);
            return SELU;
        });
        builtin("softplus", SimpleActivation.class, c -> {
            // PyTorch's form: beta must be 1; above its threshold (≥ 20) the exact value rounds to x in float32 anyway
            c.only("name", "beta", "threshold");
            fixed(c, "beta", 1.0);
            c.number("threshold", 20, 20, Double.MAX_VALUE);
            return SOFTPLUS;
        });
        builtin("leaky_relu", LeakyRelu.class, c -> {
            c.only("name", "alpha", "negative_slope");
            if (c.has("alpha") && c.has("negative_slope")) {
                throw new ConfigException("negative_slope", "give 'alpha' or its other name 'negative_slope', not both");
            }
            String key = c.has("negative_slope") ? "negative_slope" : "alpha";
            return leakyRelu(c.number(key, LeakyRelu.DEFAULT_ALPHA, -Float.MAX_VALUE, Float.MAX_VALUE));
        }, "leakyrelu");
        builtin("elu", Elu.class, c -> elu(c.only("name", "alpha").number("alpha", 1.0, -Float.MAX_VALUE, Float.MAX_VALUE)));
        builtin("gelu", Gelu.class, c -> gelu(flag(c.only("name", "approximate").get("approximate"))));
        builtin("softmax", Softmax.class,
                c -> new Softmax((int) c.only("name", "axis").integer("axis", -1, Integer.MIN_VALUE, Integer.MAX_VALUE)));
        builtin("log_softmax", LogSoftmax.class,
                c -> new LogSoftmax((int) c.only("name", "axis").integer("axis", -1, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                "logsoftmax");
    }

    /** Registers a built-in activation: {@code build} gets the config's keys. */
    @SuppressWarnings("unchecked")
    private static void builtin(String name, Class<? extends Activation> type, Function<ConfigKeys, Activation> build,
            String... aliases) {
        Registry.register(name, (Class<Activation>) type, config -> build.apply(ConfigKeys.of(config)), aliases);
    }

    /** Registers a parameterless activation under its name: its config holds only the name. */
    private static void simple(Activation a, String... aliases) {
        builtin(a.name(), SimpleActivation.class, c -> {
            c.only("name");
            return a;
        }, aliases);
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
        if (name == null) {
            return LINEAR;
        }
        try {
            return fromConfig(Map.of("name", name));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.problem(), e);   // the name is the value itself, not a key
        }
    }

    /**
     * Rebuilds an activation from {@link Activation#config()}: {@code name} plus parameters
     * ({@code alpha}, {@code approximate}, {@code axis}); a missing parameter takes its default,
     * a {@code null} config means linear (Keras's {@code None}).
     *
     * @throws ConfigException naming the key for a missing {@code name}, an unknown name or key,
     *         or a parameter of the wrong type or out of range
     */
    public static Activation fromConfig(Map<String, Object> config) {
        if (config == null) {
            return LINEAR;
        }
        return Registry.fromConfig(Activation.class, "name", ConfigKeys.of(config).string("name"), config);
    }

    /**
     * Checks a softmax-like {@code axis} against inputs of {@code rank} dimensions (batch
     * included), as Keras: it must lie in {@code [-rank, rank)}.
     *
     * @throws ConfigException naming {@code axis} otherwise
     */
    static void checkAxis(String name, int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new ConfigException("axis", name + " over axis " + axis + " of inputs of rank " + rank
                    + " (batch included): the axis must be in [" + (-rank) + ", " + (rank - 1) + "]");
        }
    }

    /**
     * The canonical names and aliases that {@link #get(String)} accepts, sorted: the built-in ones
     * and those registered with {@link Registry#register}.
     */
    public static java.util.SortedSet<String> names() {
        TreeSet<String> all = new TreeSet<>(Registry.names(Activation.class));
        all.addAll(Registry.aliases(Activation.class));
        return all;
    }

    /** A parameter whose value is fixed: it may be given, but only with that value. */
    private static void fixed(ConfigKeys c, String key, double value) {
        if (c.has(key) && Math.abs(c.number(key, -Double.MAX_VALUE, Double.MAX_VALUE) - value) > 1e-7 * Math.abs(value)) {
            throw new ConfigException(key, "must be " + value + " (fixed for this activation), got " + c.get(key));
        }
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
        throw new ConfigException("approximate", "must be true or false (or \"tanh\" or \"none\"), got "
                + ConfigKeys.describe(v));
    }
}
