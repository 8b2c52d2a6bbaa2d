package dev.neurona.metrics;

/**
 * Precision of the positive class: {@code tp / (tp + fp)}, the fraction of positive
 * predictions that are right (0 when there are none). Keras {@code "precision"}, threshold 0.5.
 */
public final class Precision extends BinaryCounts {

    public Precision(double threshold) {
        super(threshold);
    }

    public Precision() {
        this(0.5);
    }

    @Override
    public String name() {
        return "precision";
    }

    @Override
    public double result() {
        return precisionValue();
    }
}
