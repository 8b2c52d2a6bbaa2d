package dev.neurona.cli;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.nn.Regularizer;
import dev.neurona.nn.init.Initializer;
import dev.neurona.nn.init.Initializers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The values inside a layer of a {@code --model} spec, in Neurona's spelling
 * ({@code "he_normal"}, {@code {"name": "leaky_relu", "alpha": 0.1}}, {@code {"l2": 0.01}})
 * and in Keras's ({@code {"class_name": "HeNormal", "config": {"seed": null}}},
 * {@code {"class_name": "L2", "config": {"l2": 0.01}}}): activations, initializers,
 * regularizers and shapes. Keras settings Neurona cannot honour are errors, never dropped.
 */
final class SpecValues {

    /** Keras initializer classes (lower case, no underscores) → reader of their config. */
    private static final Map<String, Function<SpecNode, Initializer>> KERAS_INITIALIZERS = new LinkedHashMap<>();
    /** The Keras class names of {@link #KERAS_INITIALIZERS}, for messages. */
    private static final List<String> KERAS_INITIALIZER_NAMES = List.of("Zeros", "Ones", "Constant", "RandomNormal",
            "RandomUniform", "TruncatedNormal", "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal",
            "LecunUniform", "LecunNormal", "Orthogonal", "VarianceScaling");

    static {
        KERAS_INITIALIZERS.put("zeros", c -> Initializers.zeros());
        KERAS_INITIALIZERS.put("ones", c -> Initializers.ones());
        KERAS_INITIALIZERS.put("constant", c -> Initializers.constant(c.get("value").number("a number", 0.0)));
        KERAS_INITIALIZERS.put("randomnormal", c -> checked(c, () -> Initializers.randomNormal(
                c.get("mean").number("a number", 0.0), c.get("stddev").number("a number", 0.05))));
        KERAS_INITIALIZERS.put("randomuniform", c -> checked(c, () -> Initializers.randomUniform(
                c.get("minval").number("a number", -0.05), c.get("maxval").number("a number", 0.05))));
        KERAS_INITIALIZERS.put("truncatednormal", c -> checked(c, () -> Initializers.truncatedNormal(
                c.get("mean").number("a number", 0.0), c.get("stddev").number("a number", 0.05))));
        KERAS_INITIALIZERS.put("glorotuniform", c -> Initializers.glorotUniform());
        KERAS_INITIALIZERS.put("glorotnormal", c -> Initializers.glorotNormal());
        KERAS_INITIALIZERS.put("heuniform", c -> Initializers.heUniform());
        KERAS_INITIALIZERS.put("henormal", c -> Initializers.heNormal());
        KERAS_INITIALIZERS.put("lecununiform", c -> Initializers.lecunUniform());
        KERAS_INITIALIZERS.put("lecunnormal", c -> Initializers.lecunNormal());
        KERAS_INITIALIZERS.put("orthogonal", c -> Initializers.orthogonal(c.get("gain").number("a number", 1.0)));
        KERAS_INITIALIZERS.put("orthogonalinitializer", KERAS_INITIALIZERS.get("orthogonal"));
        KERAS_INITIALIZERS.put("variancescaling", SpecValues::varianceScaling);
    }

    /** The parameters each Keras initializer reads (besides {@code seed}, which must be null). */
    private static final Map<String, Set<String>> INITIALIZER_KEYS = Map.of(
            "constant", Set.of("value"),
            "randomnormal", Set.of("mean", "stddev"),
            "randomuniform", Set.of("minval", "maxval"),
            "truncatednormal", Set.of("mean", "stddev"),
            "orthogonal", Set.of("gain"),
            "orthogonalinitializer", Set.of("gain"),
            "variancescaling", Set.of("scale", "mode", "distribution"));

    private SpecValues() {
    }

    // ---------------------------------------------------------------- activations

    /**
     * An activation: a name ({@code "relu"}), Neurona's object ({@code {"name": "elu",
     * "alpha": 0.5}}) or Keras 3's serialized function ({@code {"class_name": "function",
     * "config": "relu"}}); absent means linear, as in Keras.
     *
     * @param keras2 whether the spec comes from Keras 2, whose {@code hard_sigmoid} differs
     */
    static Activation activation(SpecNode n, boolean keras2) {
        if (n.absent()) {
            return Activations.linear();
        }
        if (n.isText()) {
            return activationNamed(n, n.text("an activation name"), keras2);
        }
        if (n.isObject() && n.has("class_name")) {
            SpecNode config = n.get("config");
            if (config.isText()) {
                return activationNamed(config, config.text("an activation name"), keras2);
            }
            throw n.error("an activation given as a Keras object is only read when it names a built-in function, "
                    + "such as \"relu\"; got " + n.show());
        }
        if (n.isObject() && n.has("name")) {
            String name = n.get("name").text("an activation name such as \"relu\"");
            activationNamed(n.get("name"), name, keras2);
            List<String> keys = List.of("name", "alpha", "negative_slope", "approximate", "axis");
            for (String k : n.keys("an activation object")) {
                if (!keys.contains(k)) {
                    throw n.get(k).error("an activation has no setting '" + k + "'; it reads " + String.join(", ", keys)
                            + SpecNode.didYouMean(k, keys));
                }
            }
            try {
                return Activations.fromConfig(plain(n));
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        throw n.error("expected an activation name such as \"relu\", or an object such as "
                + "{\"name\": \"leaky_relu\", \"alpha\": 0.1}; got " + n.show());
    }

    private static Activation activationNamed(SpecNode at, String name, boolean keras2) {
        if (keras2 && name.equalsIgnoreCase("hard_sigmoid")) {
            throw at.error("Keras 2's hard_sigmoid, clip(0.2·x + 0.5, 0, 1), differs from Neurona's (Keras 3's) "
                    + "clip(x/6 + 0.5, 0, 1); write \"hard_sigmoid\" in a Keras 3 or Neurona spec if that one is meant");
        }
        try {
            return Activations.get(name);
        } catch (IllegalArgumentException e) {
            throw at.error("unknown activation '" + name + "'; known: " + String.join(", ", Activations.names())
                    + SpecNode.didYouMean(name, Activations.names()));
        }
    }

    // ---------------------------------------------------------------- initializers

    /**
     * An initializer: a name ({@code "he_normal"}, {@code "HeNormal"}), Neurona's object
     * ({@code {"name": "random_normal", "mean": 0, "stddev": 0.1}}) or Keras's
     * ({@code {"class_name": "RandomNormal", "config": {"mean": 0.0, "stddev": 0.1, "seed": null}}}).
     *
     * @return the initializer, or {@code fallback} when absent
     */
    static Initializer initializer(SpecNode n, Initializer fallback) {
        if (n.absent()) {
            return fallback;
        }
        if (n.isText()) {
            return kerasInitializer(n, n.text("an initializer name"), null);
        }
        if (n.isObject() && n.has("class_name")) {
            String cls = n.get("class_name").text("an initializer class such as \"GlorotUniform\"");
            SpecNode config = n.get("config");
            if (!config.absent()) {
                config.keys("the initializer's settings as an object");
            }
            return kerasInitializer(n.get("class_name"), cls, config);
        }
        if (n.isObject() && n.has("name")) {
            // Neurona's config(): the name beside the same parameters as Keras's config
            return kerasInitializer(n.get("name"), n.get("name").text("an initializer name such as \"he_normal\""), n);
        }
        throw n.error("expected an initializer name such as \"he_normal\", or an object such as "
                + "{\"class_name\": \"HeNormal\", \"config\": {\"seed\": null}}; got " + n.show());
    }

    private static Initializer kerasInitializer(SpecNode at, String cls, SpecNode config) {
        String key = squash(cls);
        Function<SpecNode, Initializer> reader = KERAS_INITIALIZERS.get(key);
        if (reader == null) {
            // suggest in the spelling the user wrote: HeNormal or he_normal
            boolean kerasStyle = !cls.equals(cls.toLowerCase(Locale.ROOT));
            List<String> known = new ArrayList<>(kerasStyle ? KERAS_INITIALIZER_NAMES : Initializers.names());
            known.addAll(kerasStyle ? Initializers.names() : KERAS_INITIALIZER_NAMES);
            throw at.error("unknown initializer '" + cls + "'; Neurona has " + String.join(", ", KERAS_INITIALIZER_NAMES)
                    + " (also in snake_case, such as \"he_normal\")" + SpecNode.didYouMean(cls, known));
        }
        SpecNode c = config == null ? at.get("config") : config;
        if (config != null && !config.absent()) {
            Set<String> reads = INITIALIZER_KEYS.getOrDefault(key, Set.of());
            for (String k : config.keys("the initializer's settings as an object")) {
                SpecNode v = config.get(k);
                if (k.equals("name") && config.get("name").isText()) {
                    continue;
                } else if (k.equals("seed")) {
                    if (!v.absent()) {
                        throw v.error("initializer seeds are not supported: every weight is drawn from the model's "
                                + "seed (train --seed N); set it to null");
                    }
                } else if (!reads.contains(k) && !v.absent()) {
                    throw v.error("Neurona's " + cls + " cannot honour '" + k + "'"
                            + (reads.isEmpty() ? "; it takes no settings" : "; it reads " + String.join(", ", reads)));
                }
            }
        }
        return reader.apply(c);
    }

    /** Keras's VarianceScaling, for the cases that are Glorot, He or LeCun (as Keras 2.2 wrote them). */
    private static Initializer varianceScaling(SpecNode c) {
        double scale = c.get("scale").number("a positive number", 1.0);
        String mode = c.get("mode").absent() ? "fan_in" : c.get("mode").text("fan_in, fan_out or fan_avg");
        String distribution = c.get("distribution").absent() ? "truncated_normal"
                : c.get("distribution").text("truncated_normal, normal or uniform").toLowerCase(Locale.ROOT);
        boolean uniform = distribution.equals("uniform");
        if (!uniform && !distribution.equals("truncated_normal") && !distribution.equals("normal")) {
            throw c.get("distribution").error("Neurona's variance-scaling initializers draw from a uniform or a "
                    + "truncated normal distribution, not '" + distribution + "'");
        }
        if (mode.equals("fan_avg") && scale == 1.0) {
            return uniform ? Initializers.glorotUniform() : Initializers.glorotNormal();
        }
        if (mode.equals("fan_in") && scale == 2.0) {
            return uniform ? Initializers.heUniform() : Initializers.heNormal();
        }
        if (mode.equals("fan_in") && scale == 1.0) {
            return uniform ? Initializers.lecunUniform() : Initializers.lecunNormal();
        }
        throw c.error("VarianceScaling with scale " + scale + " and mode " + mode + " is not one of Neurona's: "
                + "scale 1 with fan_avg (Glorot), scale 2 with fan_in (He) or scale 1 with fan_in (LeCun)");
    }

    // ---------------------------------------------------------------- regularizers

    /**
     * A weight penalty: Neurona's {@code {"l1": 0, "l2": 0.01}}, Keras's
     * {@code {"class_name": "L2", "config": {"l2": 0.01}}} (L1, L2, L1L2), or a name
     * ({@code "l2"}, Keras's factor 0.01); absent means none.
     */
    static Regularizer regularizer(SpecNode n) {
        if (n.absent()) {
            return null;
        }
        if (n.isText()) {
            String name = squash(n.text("a regularizer"));
            return switch (name) {
                case "l1" -> Regularizer.l1(0.01);
                case "l2" -> Regularizer.l2(0.01);
                case "l1l2" -> Regularizer.l1l2(0.01, 0.01);
                default -> throw n.error("unknown regularizer '" + n.text("") + "'; Neurona has l1, l2 and l1_l2");
            };
        }
        if (n.isObject() && n.has("class_name")) {
            String cls = n.get("class_name").text("a regularizer class such as \"L2\"");
            SpecNode c = n.get("config");
            double[] defaults = switch (squash(cls)) {
                case "l1" -> new double[] {0.01, 0};
                case "l2" -> new double[] {0, 0.01};
                case "l1l2" -> new double[] {0, 0};
                default -> throw n.get("class_name").error("unknown regularizer '" + cls
                        + "'; Neurona has L1, L2 and L1L2");
            };
            return factors(c, defaults, cls);
        }
        if (n.isObject()) {
            return factors(n, new double[] {0, 0}, "a regularizer");
        }
        throw n.error("expected a regularizer such as {\"l2\": 0.01} or {\"class_name\": \"L2\", \"config\": "
                + "{\"l2\": 0.01}}; got " + n.show());
    }

    private static Regularizer factors(SpecNode c, double[] defaults, String what) {
        if (!c.absent()) {
            for (String k : c.keys("the regularizer's factors as an object")) {
                if (!k.equals("l1") && !k.equals("l2") && !c.get(k).absent()) {
                    throw c.get(k).error(what + " reads only l1 and l2" + SpecNode.didYouMean(k, List.of("l1", "l2")));
                }
            }
        }
        double l1 = c.get("l1").number("a number of at least 0", defaults[0]);
        double l2 = c.get("l2").number("a number of at least 0", defaults[1]);
        if (!(l1 >= 0)) {
            throw c.get("l1").error("expected a number of at least 0, got " + c.get("l1").show());
        }
        if (!(l2 >= 0)) {
            throw c.get("l2").error("expected a number of at least 0, got " + c.get("l2").show());
        }
        return Regularizer.l1l2(l1, l2);
    }

    // ---------------------------------------------------------------- shapes

    /** A list of positive dimensions, such as {@code [28, 28]}. */
    static int[] dims(SpecNode n) {
        List<SpecNode> items = n.elements("a list of positive integers such as [4] or [28, 28]");
        if (items.isEmpty()) {
            throw n.error("expected a list of positive integers such as [4] or [28, 28], got []");
        }
        return items.stream().mapToInt(SpecNode::positiveInt).toArray();
    }

    /**
     * Keras's batch shape ({@code [null, 4]}, also as {@code {"class_name": "TensorShape",
     * "items": [...]}}), returned without the batch dimension, which must be null.
     */
    static int[] batchShape(SpecNode n) {
        SpecNode list = n.isObject() && n.has("items") ? n.get("items") : n;
        List<SpecNode> items = list.elements("a batch shape such as [null, 4]");
        if (items.size() < 2) {
            throw n.error("expected a batch shape such as [null, 4] (the batch, then each sample's shape), got "
                    + n.show());
        }
        if (!items.get(0).absent()) {
            throw items.get(0).error("a fixed batch size is not supported; write null (train --batch-size sets it)");
        }
        int[] shape = new int[items.size() - 1];
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).absent()) {
                throw items.get(i).error("every dimension of a sample must be fixed, got null");
            }
            shape[i - 1] = items.get(i).positiveInt();
        }
        return shape;
    }

    private static Map<String, Object> plain(SpecNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : n.keys("an object")) {
            SpecNode v = n.get(k);
            if (v.absent()) {
                continue;
            }
            if (v.isText()) {
                m.put(k, v.text(""));
            } else if (v.isObject() || v.isArray()) {
                throw v.error("expected a number, a string or true/false, got " + v.show());
            } else {
                m.put(k, v.rawScalar());
            }
        }
        return m;
    }

    private static Initializer checked(SpecNode at, java.util.function.Supplier<Initializer> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }

    static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "");
    }
}
