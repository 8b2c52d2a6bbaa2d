package dev.neurona.metrics;

/**
 * F1 score of the positive class: the harmonic mean of precision and recall,
 * {@code 2·P·R / (P + R) = 2·tp / (2·tp + fp + fn)} (0 when there are no positives at all).
 * Named {@code "f1_score"} as in Keras; threshold 0.5.
 */
public final class F1Score extends BinaryCounts {

    public F1Score(double threshold) {
        super(threshold);
    }

    public F1Score() {
        this(0.5);
    }

    @Override
    public String name() {
        return "f1_score";
    }

    @Override
    public double result() {
        return ratio(2 * state[0], 2 * state[0] + state[1] + state[2]);
    }
}
