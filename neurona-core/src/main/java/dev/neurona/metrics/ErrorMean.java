package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;

/**
 * The shared part of MAE, MSE and RMSE: state {@code [Σ e(ŷ − y), count]} over every element,
 * where {@code e} is the subclass's per-element error.
 */
public abstract class ErrorMean extends AccumulatingMetric {

    /** Reads both tensors in place; made once, so an update allocates nothing. */
    private final Sum errors = new Sum();

    /** Adds the errors of the value pairs to the state. */
    private final class Sum implements HostAccess.Pair {
        @Override
        public void apply(float[] t, float[] p) {
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                sum += error((double) p[i] - t[i]);
            }
            state[0] += sum;
            state[1] += p.length;
        }
    }

    protected ErrorMean() {
        super(2);
    }

    /** The error of one element from the difference {@code d = ŷ − y}. */
    protected abstract double error(double d);

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        MetricInputs.sameSize(name(), yTrue, yPred);
        yTrue.onHost(yPred, errors);
    }

    /** The mean error over every element seen. */
    protected final double meanError() {
        return ratio(state[0], state[1]);
    }
}
