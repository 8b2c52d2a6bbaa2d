package dev.neurona.metrics;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Metrics by name and as objects (the static factories).
 *
 * <pre>{@code
 * Metric acc = Metrics.get("accuracy", Losses.sparseCategoricalCrossentropy(), new int[] {32});
 * acc.update(yTrue, yPred);
 * double value = acc.result();
 * }</pre>
 *
 * <p>Names are matched ignoring case and underscores. Where {@link #get(String, Loss, int[])}
 * knows the loss, {@code "accuracy"} resolves as Keras does and keeps the name
 * {@code "accuracy"}: binary for {@code binary_crossentropy} or a single target column,
 * sparse categorical for {@code sparse_categorical_crossentropy}, categorical otherwise. The
 * decision threshold of binary metrics is 0.5, or 0 when predictions are not probabilities
 * (binary cross-entropy from logits; the −1/+1 scores of hinge, squared hinge and
 * perceptron losses) — an improvement over Keras, which always thresholds at 0.5.
 *
 * <p>Every name resolves through {@link Registry}, where this class registers the built-in
 * metrics (one line each) and users register their own, which then work by name in
 * {@code compile} and in model files.
 */
public final class Metrics {

    private static final Set<String> SCORE_LOSSES = Set.of("hinge", "squared_hinge", "perceptron");

    static {
        register("accuracy", Accuracy.class, (n, c) -> new Accuracy(), "acc");
        register("binary_accuracy", BinaryAccuracy.class, (n, c) -> new BinaryAccuracy(n, threshold(c)));
        register("categorical_accuracy", CategoricalAccuracy.class, (n, c) -> new CategoricalAccuracy(n));
        register("sparse_categorical_accuracy", SparseCategoricalAccuracy.class, (n, c) -> new SparseCategoricalAccuracy(n));
        register("top_k_categorical_accuracy", TopKCategoricalAccuracy.class,
                (n, c) -> new TopKCategoricalAccuracy((int) c.integer("k", 5, 1, Integer.MAX_VALUE), false));
        register("sparse_top_k_categorical_accuracy", TopKCategoricalAccuracy.class,
                (n, c) -> new TopKCategoricalAccuracy((int) c.integer("k", 5, 1, Integer.MAX_VALUE), true));
        register("precision", Precision.class, (n, c) -> new Precision(threshold(c)));
        register("recall", Recall.class, (n, c) -> new Recall(threshold(c)));
        register("f1_score", F1Score.class, (n, c) -> new F1Score(threshold(c)), "f1");
        register("auc", Auc.class, (n, c) -> new Auc(), "roc_auc");
        register("mae", MeanAbsoluteError.class, (n, c) -> new MeanAbsoluteError(), "mean_absolute_error");
        register("mse", MeanSquaredError.class, (n, c) -> new MeanSquaredError(), "mean_squared_error");
        register("rmse", RootMeanSquaredError.class, (n, c) -> new RootMeanSquaredError(), "root_mean_squared_error");
        register("r2_score", R2Score.class, (n, c) -> new R2Score(aggregation(c.get("class_aggregation"))), "r2");
        register("confusion_matrix", ConfusionMatrix.class, (n, c) -> {
            if (!c.has("num_classes")) {
                throw new IllegalArgumentException("confusion_matrix needs 'num_classes' (or use Metrics.confusionMatrix(k))");
            }
            return new ConfusionMatrix((int) c.integer("num_classes", 1, Integer.MAX_VALUE));
        });
    }

    private Metrics() {
    }

    /**
     * Registers a built-in metric: {@code build} gets the name to show (the config's {@code name},
     * else the canonical one) and the config's keys (the metric checks them after).
     */
    @SuppressWarnings("unchecked")
    private static void register(String name, Class<? extends Metric> type, BiFunction<String, ConfigKeys, Metric> build,
            String... aliases) {
        Registry.register(name, (Class<Metric>) type, config -> {
            ConfigKeys c = ConfigKeys.of(config);
            return build.apply(c.string("name", name), c);
        }, aliases);
    }

    /** The canonical name of a metric's spelling, or the Names-style error listing the known ones. */
    private static String canonical(String name) {
        return Registry.canonical(Metric.class, name).orElseThrow(() -> Registry.unknown(Metric.class, name));
    }

    // ---------------------------------------------------------------- factories

    /** {@code "accuracy"}, choosing binary/categorical/sparse from each batch's shapes (see {@link Accuracy}). */
    public static Metric accuracy() {
        return new Accuracy();
    }

    /** Binary accuracy with threshold 0.5. */
    public static Metric binaryAccuracy() {
        return new BinaryAccuracy();
    }

    /** Binary accuracy with the given threshold ({@code ŷ > threshold} is class 1). */
    public static Metric binaryAccuracy(double threshold) {
        return new BinaryAccuracy("binary_accuracy", threshold);
    }

    /** Categorical accuracy (one-hot targets). */
    public static Metric categoricalAccuracy() {
        return new CategoricalAccuracy();
    }

    /** Sparse categorical accuracy (integer class ids). */
    public static Metric sparseCategoricalAccuracy() {
        return new SparseCategoricalAccuracy();
    }

    /** Top-k accuracy with one-hot targets. */
    public static Metric topKCategoricalAccuracy(int k) {
        return new TopKCategoricalAccuracy(k, false);
    }

    /** Top-k accuracy with integer class ids. */
    public static Metric sparseTopKCategoricalAccuracy(int k) {
        return new TopKCategoricalAccuracy(k, true);
    }

    /** Precision of class 1, threshold 0.5. */
    public static Metric precision() {
        return new Precision();
    }

    /** Recall of class 1, threshold 0.5. */
    public static Metric recall() {
        return new Recall();
    }

    /** F1 score of class 1, threshold 0.5. */
    public static Metric f1Score() {
        return new F1Score();
    }

    /** Exact ROC AUC. */
    public static Metric auc() {
        return new Auc();
    }

    /** Mean absolute error. */
    public static Metric mae() {
        return new MeanAbsoluteError();
    }

    /** Mean squared error. */
    public static Metric mse() {
        return new MeanSquaredError();
    }

    /** Root mean squared error (over all elements). */
    public static Metric rmse() {
        return new RootMeanSquaredError();
    }

    /** R², averaged uniformly over output columns. */
    public static Metric r2Score() {
        return new R2Score();
    }

    /** The confusion matrix of {@code numClasses} classes. */
    public static ConfusionMatrix confusionMatrix(int numClasses) {
        return new ConfusionMatrix(numClasses);
    }

    // ---------------------------------------------------------------- lookup

    /** The metric for a name with default parameters and no loss to resolve against. */
    public static Metric get(String name) {
        return get(name, null, null);
    }

    /**
     * The metric for a name. {@code "accuracy"} (and {@code "acc"}) resolve, as in Keras, from
     * the loss and the target shape to binary, categorical or sparse categorical accuracy,
     * still named {@code "accuracy"}; binary metrics take their threshold from the loss (see the
     * class comment). {@code "confusion_matrix"} takes its number of classes from the target's
     * last axis (2 for a single column).
     *
     * @param loss the compiled loss, or {@code null} if unknown
     * @param targetShape the shape of {@code y_true} including the batch axis (as {@code y.shape()}),
     *        or {@code null} if unknown
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric get(String name, Loss loss, int[] targetShape) {
        String canonical = canonical(name);
        double threshold = threshold(loss);
        String lossName = loss == null ? "" : loss.name();
        switch (canonical) {
            case "accuracy" -> {
                if (loss == null && targetShape == null) {
                    return new Accuracy();
                }
                boolean oneColumn = targetShape != null
                        && (targetShape.length <= 1 || targetShape[targetShape.length - 1] == 1);
                if (lossName.equals("binary_crossentropy") || SCORE_LOSSES.contains(lossName)) {
                    return new BinaryAccuracy("accuracy", threshold);
                }
                if (lossName.equals("sparse_categorical_crossentropy")) {
                    return new SparseCategoricalAccuracy("accuracy");
                }
                return oneColumn ? new BinaryAccuracy("accuracy", threshold) : new CategoricalAccuracy("accuracy");
            }
            case "precision" -> {
                return new Precision(threshold);
            }
            case "recall" -> {
                return new Recall(threshold);
            }
            case "f1_score" -> {
                return new F1Score(threshold);
            }
            case "confusion_matrix" -> {
                int last = targetShape == null || targetShape.length == 0 ? 1 : targetShape[targetShape.length - 1];
                if (last > 1) {
                    return new ConfusionMatrix(last);
                }
                if (lossName.equals("sparse_categorical_crossentropy") || targetShape == null) {
                    throw new IllegalArgumentException("confusion_matrix: the number of classes cannot be told from "
                            + "class-id targets; use Metrics.confusionMatrix(numClasses)");
                }
                return new ConfusionMatrix(2);
            }
            default -> {
                return Registry.create(Metric.class, canonical, Map.of("name", canonical));
            }
        }
    }

    /**
     * Checks a metric as {@code compile} receives it (a name or a {@link Metric}) against the
     * loss, so that mistakes fail at {@code compile} rather than in the middle of {@code fit}: an
     * unknown name (listing the known ones, with the closest as a suggestion), or
     * {@code "accuracy"} under a regression loss (see {@link Losses#isRegression}), where it
     * would count rounded quantities as classes.
     *
     * @throws IllegalArgumentException naming the metric, the loss and what to use instead
     */
    public static void check(Object metric, Loss loss) {
        boolean accuracy;
        if (metric instanceof String name) {
            accuracy = canonical(name).equals("accuracy");
        } else if (metric instanceof Metric m) {
            accuracy = m instanceof Accuracy;
        } else {
            throw new IllegalArgumentException("compile: a metric is a name or a Metric, got " + metric);
        }
        if (accuracy && Losses.isRegression(loss)) {
            throw new IllegalArgumentException("metric '" + (metric instanceof String n ? n : "accuracy")
                    + "' needs class labels, but loss '" + loss.name() + "' is a regression loss; use mae, mse, rmse "
                    + "or r2 for regression (or a classification loss such as binary_crossentropy or "
                    + "categorical_crossentropy for class labels)");
        }
    }

    /**
     * {@code metric} bound to the loss: an unresolved {@link #accuracy()} becomes the accuracy
     * that {@link #get(String, Loss, int[])} would choose; any other metric is returned as is.
     */
    public static Metric resolve(Metric metric, Loss loss, int[] targetShape) {
        return metric instanceof Accuracy ? get("accuracy", loss, targetShape) : metric;
    }

    /**
     * Rebuilds a metric from {@link Metric#config()}: {@code name}, an optional {@code class}
     * (for an accuracy shown as {@code "accuracy"}) and parameters ({@code threshold}, {@code k},
     * {@code num_classes}, {@code class_aggregation}); keys the metric does not have are refused.
     *
     * @throws dev.neurona.names.ConfigException naming a missing, bad or unknown key
     */
    public static Metric fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config);
        String raw = c.string("name", null);
        String kind = c.string("class", raw);
        if (kind == null) {
            throw new ConfigException("", "missing \"name\"");
        }
        String canonical = Registry.canonical(Metric.class, kind).orElse(kind);
        Map<String, Object> named = config;
        if (raw == null) {   // only a class: the metric shows its canonical name
            named = new java.util.LinkedHashMap<>(config);
            named.put("name", canonical);
        }
        Metric metric = Registry.fromConfig(Metric.class, c.has("class") ? "class" : "name", kind, named);
        java.util.Set<String> known = new java.util.HashSet<>(metric.config().keySet());
        known.add("class");
        c.only(known);
        if (raw != null && c.has("class") && !raw.equals(metric.name())) {   // a name the metric cannot carry is not dropped
            throw new ConfigException("name", "the metric " + canonical + " is always named '" + metric.name()
                    + "', got '" + raw + "'");
        }
        return metric;
    }

    /** The canonical metric names, built-in and {@link Registry#register registered}, sorted. */
    public static java.util.SortedSet<String> names() {
        return Registry.names(Metric.class);
    }

    /** 0.5 for probabilities; 0 for logits and for the −1/+1 scores of hinge-type losses. */
    private static double threshold(Loss loss) {
        if (loss == null) {
            return 0.5;
        }
        boolean logits = loss.name().equals("binary_crossentropy") && Boolean.TRUE.equals(loss.config().get("from_logits"));
        return logits || SCORE_LOSSES.contains(loss.name()) ? 0.0 : 0.5;
    }

    private static double threshold(ConfigKeys c) {
        return c.number("threshold", 0.5, -Float.MAX_VALUE, Float.MAX_VALUE);
    }

    private static R2Score.Aggregation aggregation(Object v) {
        if (v == null) {
            return R2Score.Aggregation.UNIFORM_AVERAGE;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "uniform_average" -> R2Score.Aggregation.UNIFORM_AVERAGE;
            case "variance_weighted", "variance_weighted_average" -> R2Score.Aggregation.VARIANCE_WEIGHTED;
            default -> throw new ConfigException("class_aggregation", "must be uniform_average or variance_weighted, got "
                    + ConfigKeys.describe(v));
        };
    }
}
