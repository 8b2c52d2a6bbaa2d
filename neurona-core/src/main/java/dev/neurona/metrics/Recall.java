package dev.neurona.metrics;

/**
 * Recall of the positive class: {@code tp / (tp + fn)}, the fraction of true positives that
 * were found (0 when there are none). Keras {@code "recall"}, threshold 0.5.
 */
public final class Recall extends BinaryCounts {

    public Recall(double threshold) {
        super(threshold);
    }

    public Recall() {
        this(0.5);
    }

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public double result() {
        return recallValue();
    }
}
