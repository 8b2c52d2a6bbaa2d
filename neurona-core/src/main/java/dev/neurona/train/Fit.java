package dev.neurona.train;

import dev.neurona.data.Dataset;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of one {@code fit} call, Keras's keyword arguments as a fluent builder:
 *
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(10).batchSize(64).validationSplit(0.1).callbacks(new EarlyStopping()));
 * }</pre>
 *
 * Defaults as Keras: batch size 32, shuffling on, verbose 1, no validation. Each setter
 * changes only its own option. The lecture's gradient-descent variants are batch sizes:
 * full-batch GD is {@code batchSize(n)}, stochastic GD {@code batchSize(1)}, mini-batch GD
 * anything between.
 */
public final class Fit {

    private int epochs;
    private int batchSize = 32;
    private boolean shuffle = true;
    private Long seed;
    private double validationSplit;
    private Dataset validationData;
    private final List<Callback> callbacks = new ArrayList<>();
    private int verbose = 1;
    private Map<Integer, Double> classWeight;
    private Tensor sampleWeight;
    private int initialEpoch;

    private Fit(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("Fit: epochs must be positive, got " + epochs);
        }
        this.epochs = epochs;
    }

    /** Starts the options with the number of passes over the training data. */
    public static Fit epochs(int epochs) {
        return new Fit(epochs);
    }

    /** Samples per gradient step (default 32). */
    public Fit batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("Fit: batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Whether to reshuffle the training samples before each epoch (default true). */
    public Fit shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** The seed of the shuffling order; by default it derives from the model's seed. */
    public Fit seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Holds out the last {@code fraction} of the samples (taken before shuffling, as Keras)
     * for validation.
     */
    public Fit validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Fit: validation split must be in (0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Validates on these samples after each epoch (instead of a split). */
    public Fit validationData(Tensor x, Tensor y) {
        return validationData(Dataset.of(x, y));
    }

    /** Validates on this dataset after each epoch (instead of a split). */
    public Fit validationData(Dataset data) {
        this.validationData = data;
        return this;
    }

    /** Callbacks, called in the order given. */
    public Fit callbacks(Callback... callbacks) {
        Collections.addAll(this.callbacks, callbacks);
        return this;
    }

    /** 0 silent, 1 a progress bar, 2 one line per epoch. */
    public Fit verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("Fit: verbose must be 0, 1 or 2, got " + verbose);
        }
        this.verbose = verbose;
        return this;
    }

    /** Weights of the loss per class index (for imbalanced data); every class present in the targets needs one. */
    public Fit classWeight(Map<Integer, Double> classWeight) {
        this.classWeight = classWeight == null ? null : Collections.unmodifiableMap(new TreeMap<>(classWeight));
        return this;
    }

    /**
     * Weights of the loss per training sample {@code [n]} (Keras's {@code sample_weight}), in the
     * order of the training data; multiplied with the class weights when both are given. A
     * validation split takes the last rows' weights along with them.
     */
    public Fit sampleWeight(Tensor weights) {
        this.sampleWeight = weights;
        return this;
    }

    /** The per-sample weights, or {@code null}. */
    public Tensor sampleWeight() {
        return sampleWeight;
    }

    /**
     * A copy of these options with other validation data (a model reorders named validation
     * data this way, leaving the caller's options as they were).
     */
    public Fit withValidationData(Dataset data) {
        Fit copy = new Fit(epochs);
        copy.batchSize = batchSize;
        copy.shuffle = shuffle;
        copy.seed = seed;
        copy.validationSplit = validationSplit;
        copy.validationData = data;
        copy.callbacks.addAll(callbacks);
        copy.verbose = verbose;
        copy.classWeight = classWeight;
        copy.sampleWeight = sampleWeight;
        copy.initialEpoch = initialEpoch;
        return copy;
    }

    /** The epoch to start from (0-based), when resuming an interrupted run. */
    public Fit initialEpoch(int initialEpoch) {
        if (initialEpoch < 0 || initialEpoch >= epochs) {
            throw new IllegalArgumentException("Fit: initial epoch must be in [0, " + epochs + "), got " + initialEpoch);
        }
        this.initialEpoch = initialEpoch;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    /** The shuffling seed, or {@code null} to derive it from the model. */
    public Long seed() {
        return seed;
    }

    public double validationSplit() {
        return validationSplit;
    }

    public Dataset validationData() {
        return validationData;
    }

    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    public int verbose() {
        return verbose;
    }

    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    public int initialEpoch() {
        return initialEpoch;
    }
}
