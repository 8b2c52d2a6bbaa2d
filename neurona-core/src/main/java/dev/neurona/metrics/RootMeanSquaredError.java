package dev.neurona.metrics;

/**
 * Root mean squared error: {@code sqrt(Σ(ŷ − y)² / n)} over every element, Keras's
 * {@code RootMeanSquaredError} (for several outputs this is not the mean of per-column RMSEs,
 * which scikit-learn reports). Named {@code "rmse"}.
 */
public final class RootMeanSquaredError extends ErrorMean {

    @Override
    protected double error(double d) {
        return d * d;
    }

    @Override
    public String name() {
        return "rmse";
    }

    @Override
    public double result() {
        return Math.sqrt(meanError());
    }
}
