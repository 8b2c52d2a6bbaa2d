package dev.neurona.metrics;

/** Mean squared error over every element: {@code Σ(ŷ − y)² / n}. Named {@code "mse"}. */
public final class MeanSquaredError extends ErrorMean {

    @Override
    protected double error(double d) {
        return d * d;
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double result() {
        return meanError();
    }
}
