package dev.neurona.losses;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import java.util.Map;
import java.util.function.Function;

/**
 * Losses by Keras name ({@link #get(String)}) and as objects (the static factories).
 *
 * <pre>{@code
 * Loss a = Losses.get("mean_squared_error");          // the same as Losses.mse()
 * Loss b = Losses.categoricalCrossentropy(true, 0.1); // logits in, label smoothing 0.1
 * Loss c = Losses.fromConfig(b.config());             // rebuilds b
 * Tensor value = b.call(yTrue, logits);                // scalar: mean over the batch
 * }</pre>
 *
 * <p>Names are matched ignoring case and underscores, so Keras's function names
 * ({@code "binary_crossentropy"}), short names ({@code "mse"}) and class names
 * ({@code "BinaryCrossentropy"}) all work. Every name resolves through {@link Registry}, where
 * this class registers the built-in losses (one line each) and users register their own, which
 * then work by name in {@code compile} and in model files.
 */
public final class Losses {

    static {
        // one line per type: its name, its class, how a config builds it, its aliases
        register("mse", MeanSquaredError.class, c -> mse(), "mean_squared_error");
        register("mae", MeanAbsoluteError.class, c -> mae(), "mean_absolute_error");
        register("mape", MeanAbsolutePercentageError.class, c -> mape(), "mean_absolute_percentage_error");
        register("msle", MeanSquaredLogarithmicError.class, c -> msle(), "mean_squared_logarithmic_error");
        register("huber", Huber.class, c -> huber(c.number("delta", 1.0, Float.MIN_VALUE, Float.MAX_VALUE)), "huber_loss");
        register("log_cosh", LogCosh.class, c -> logCosh(), "logcosh");
        register("hinge", Hinge.class, c -> hinge());
        register("squared_hinge", SquaredHinge.class, c -> squaredHinge());
        register("categorical_hinge", CategoricalHinge.class, c -> categoricalHinge());
        register("perceptron", PerceptronLoss.class, c -> perceptron(), "perceptron_loss");
        register("binary_crossentropy", BinaryCrossentropy.class, c -> binaryCrossentropy(c.bool("from_logits", false),
                c.number("label_smoothing", 0.0, 0, 1)), "bce");
        register("categorical_crossentropy", CategoricalCrossentropy.class, c -> categoricalCrossentropy(
                c.bool("from_logits", false), c.number("label_smoothing", 0.0, 0, 1)), "cce");
        register("sparse_categorical_crossentropy", SparseCategoricalCrossentropy.class,
                c -> sparseCategoricalCrossentropy(c.bool("from_logits", false)));
        register("kl_divergence", KLDivergence.class, c -> klDivergence(), "kld", "kullback_leibler_divergence", "kl_div");
        register("poisson", Poisson.class, c -> poisson());
        register("cosine_similarity", CosineSimilarity.class, c -> cosineSimilarity());
    }

    private static final java.util.Set<String> REGRESSION =
            java.util.Set.of("mse", "mae", "mape", "msle", "huber", "log_cosh", "poisson", "cosine_similarity");

    private Losses() {
    }

    /** Registers a built-in loss: {@code build} gets the config's keys (the loss checks them after). */
    @SuppressWarnings("unchecked")
    private static void register(String name, Class<? extends Loss> type, Function<ConfigKeys, Loss> build,
            String... aliases) {
        Registry.register(name, (Class<Loss>) type, config -> build.apply(ConfigKeys.of(config)), aliases);
    }

    // ---------------------------------------------------------------- factories

    /** Mean squared error. */
    public static Loss mse() {
        return new MeanSquaredError();
    }

    /** Mean absolute error. */
    public static Loss mae() {
        return new MeanAbsoluteError();
    }

    /** Mean absolute percentage error. */
    public static Loss mape() {
        return new MeanAbsolutePercentageError();
    }

    /** Mean squared logarithmic error. */
    public static Loss msle() {
        return new MeanSquaredLogarithmicError();
    }

    /** Huber loss with {@code δ = 1}. */
    public static Loss huber() {
        return new Huber();
    }

    /** Huber loss with the given {@code δ}. */
    public static Loss huber(double delta) {
        return new Huber(delta);
    }

    /** Log-cosh. */
    public static Loss logCosh() {
        return new LogCosh();
    }

    /** Hinge, for −1/+1 (or 0/1) labels. */
    public static Loss hinge() {
        return new Hinge();
    }

    /** Squared hinge, for −1/+1 (or 0/1) labels. */
    public static Loss squaredHinge() {
        return new SquaredHinge();
    }

    /** Categorical hinge, for one-hot targets. */
    public static Loss categoricalHinge() {
        return new CategoricalHinge();
    }

    /** The perceptron criterion {@code max(−y·ŷ, 0)}, for −1/+1 (or 0/1) labels. */
    public static Loss perceptron() {
        return new PerceptronLoss();
    }

    /** Binary cross-entropy on probabilities. */
    public static Loss binaryCrossentropy() {
        return new BinaryCrossentropy();
    }

    /** Binary cross-entropy on probabilities or, with {@code fromLogits}, on logits. */
    public static Loss binaryCrossentropy(boolean fromLogits) {
        return new BinaryCrossentropy(fromLogits, 0.0);
    }

    /** Binary cross-entropy with label smoothing. */
    public static Loss binaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        return new BinaryCrossentropy(fromLogits, labelSmoothing);
    }

    /** Categorical cross-entropy on probabilities. */
    public static Loss categoricalCrossentropy() {
        return new CategoricalCrossentropy();
    }

    /** Categorical cross-entropy on probabilities or, with {@code fromLogits}, on logits. */
    public static Loss categoricalCrossentropy(boolean fromLogits) {
        return new CategoricalCrossentropy(fromLogits, 0.0);
    }

    /** Categorical cross-entropy with label smoothing. */
    public static Loss categoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        return new CategoricalCrossentropy(fromLogits, labelSmoothing);
    }

    /** Sparse categorical cross-entropy (integer class ids) on probabilities. */
    public static Loss sparseCategoricalCrossentropy() {
        return new SparseCategoricalCrossentropy();
    }

    /** Sparse categorical cross-entropy on probabilities or, with {@code fromLogits}, on logits. */
    public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return new SparseCategoricalCrossentropy(fromLogits);
    }

    /** Kullback-Leibler divergence. */
    public static Loss klDivergence() {
        return new KLDivergence();
    }

    /** Poisson loss. */
    public static Loss poisson() {
        return new Poisson();
    }

    /** Negative cosine similarity. */
    public static Loss cosineSimilarity() {
        return new CosineSimilarity();
    }

    // ---------------------------------------------------------------- lookup

    /**
     * The loss for a Keras name, with default parameters.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Loss get(String name) {
        if (name == null) {
            throw new IllegalArgumentException("loss name must not be null; known losses: " + names());
        }
        return Registry.create(Loss.class, name, Map.of("name", name));
    }

    /**
     * Rebuilds a loss from {@link Loss#config()}: {@code name} plus parameters
     * ({@code from_logits}, {@code label_smoothing} in [0, 1], {@code delta} &gt; 0); missing
     * ones take defaults, keys the loss does not have are refused.
     *
     * @throws ConfigException naming the key for a missing or unknown name, an unknown key or
     *         a parameter of the wrong type or out of range
     */
    public static Loss fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config);
        Loss loss = Registry.fromConfig(Loss.class, "name", c.string("name"), config);
        java.util.Set<String> known = new java.util.HashSet<>(loss.config().keySet());
        if (!known.contains("from_logits") && c.has("from_logits")) {
            // a loss on values, not logits, may say so (as configs written for every loss at once do), never the opposite
            if (c.bool("from_logits")) {
                throw new ConfigException("from_logits", "loss '" + loss.name() + "' does not take logits");
            }
            known.add("from_logits");
        }
        c.only(known);
        return loss;
    }

    /**
     * Whether {@code loss} is one of the built-in regression losses (mse, mae, mape, msle,
     * huber, log_cosh, poisson, cosine_similarity): its targets are quantities, not class
     * labels, so class metrics such as {@code "accuracy"} mean nothing under it. A loss of
     * one's own is never taken for one.
     */
    public static boolean isRegression(Loss loss) {
        return loss != null && REGRESSION.contains(loss.name());
    }

    /** The canonical loss names, built-in and {@link Registry#register registered}, sorted. */
    public static java.util.SortedSet<String> names() {
        return Registry.names(Loss.class);
    }
}
