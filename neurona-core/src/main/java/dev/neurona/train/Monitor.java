package dev.neurona.train;

import java.util.Locale;
import java.util.Map;

/**
 * Tracks the best value of one logged quantity, for {@link EarlyStopping} and
 * {@link ReduceLROnPlateau}: whether a new value improves on the best by more than
 * {@code minDelta}, in the direction the mode gives.
 */
final class Monitor {

    /** Whether smaller or larger is better; {@code AUTO} picks max for accuracy/AUC-like names, min otherwise. */
    enum Mode { AUTO, MIN, MAX }

    private final String key;
    private final boolean maximize;
    private final double minDelta;
    private double best;

    Monitor(String key, Mode mode, double minDelta) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("monitor must name a logged quantity, such as val_loss");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta must be non-negative, got " + minDelta);
        }
        this.key = key;
        this.maximize = mode == Mode.MAX || (mode == Mode.AUTO && looksLikeScore(key));
        this.minDelta = minDelta;
        reset();
    }

    private static boolean looksLikeScore(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("acc") || k.endsWith("accuracy") || k.endsWith("auc") || k.endsWith("precision")
                || k.endsWith("recall") || k.endsWith("f1_score") || k.endsWith("r2_score");
    }

    void reset() {
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Starts the best value at {@code value} instead of ±infinity (to carry it over a resumed run). */
    void best(double value) {
        best = value;
    }

    String key() {
        return key;
    }

    double best() {
        return best;
    }

    /** The monitored value in {@code logs}; a missing key is an error naming the keys there are. */
    double value(Map<String, Double> logs, String who) {
        Double v = logs.get(key);
        if (v == null) {
            throw new IllegalStateException(who + ": monitor '" + key + "' is not in the logs " + logs.keySet()
                    + (key.startsWith("val_") ? "; give validation data or a validation split" : ""));
        }
        return v;
    }

    /** Records {@code value} and says whether it improved on the best. */
    boolean improved(double value) {
        boolean better = maximize ? value > best + minDelta : value < best - minDelta;
        if (better) {
            best = value;
        }
        return better;
    }
}
