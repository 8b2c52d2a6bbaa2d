package dev.neurona.metrics;

/**
 * A metric whose state is a fixed-length vector of sums (counts, sums of errors), so that
 * merging is adding. Subclasses add into {@link #state} in {@code update} and read it in
 * {@code result}.
 */
public abstract class AccumulatingMetric implements Metric {

    /** The running sums; its length is fixed at construction. */
    protected final double[] state;

    protected AccumulatingMetric(int stateLength) {
        this.state = new double[stateLength];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(state, 0.0);
    }

    @Override
    public double[] state() {
        return state.clone();
    }

    @Override
    public void merge(double[] otherState) {
        if (otherState == null || otherState.length != state.length) {
            throw new IllegalArgumentException(name() + ": cannot merge a state of length "
                    + (otherState == null ? "null" : otherState.length) + " into one of length " + state.length);
        }
        for (int i = 0; i < state.length; i++) {
            state[i] += otherState[i];
        }
    }

    /** {@code numerator / denominator}, or 0 when the denominator is 0 (Keras's {@code divide_no_nan}). */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }
}
