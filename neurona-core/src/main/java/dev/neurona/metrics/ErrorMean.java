package dev.neurona.metrics;

import dev.neurona.tensor.Tensor;

/**
 * The shared part of MAE, MSE and RMSE: state {@code [Σ e(ŷ − y), count]} over every element,
 * where {@code e} is the subclass's per-element error.
 */
public abstract class ErrorMean extends AccumulatingMetric {

    protected ErrorMean() {
        super(2);
    }

    /** The error of one element from the difference {@code d = ŷ − y}. */
    protected abstract double error(double d);

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        MetricInputs.sameSize(name(), yTrue, yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += error((double) p[i] - t[i]);
        }
        state[0] += sum;
        state[1] += p.length;
    }

    /** The mean error over every element seen. */
    protected final double meanError() {
        return ratio(state[0], state[1]);
    }
}
