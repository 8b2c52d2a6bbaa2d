package dev.neurona.metrics;

/**
 * The shared part of the accuracy metrics: state {@code [correct, total]}, result
 * {@code correct / total} (0 before any update), and the name shown in logs.
 */
public abstract class AccuracyMetric extends AccumulatingMetric {

    private final String name;

    protected AccuracyMetric(String name) {
        super(2);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
        this.name = name;
    }

    /** Adds {@code correct} hits out of {@code total} predictions. */
    protected final void add(long correct, long total) {
        state[0] += correct;
        state[1] += total;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public double result() {
        return ratio(state[0], state[1]);
    }
}
