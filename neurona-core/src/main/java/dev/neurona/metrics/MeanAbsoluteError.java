package dev.neurona.metrics;

/** Mean absolute error over every element: {@code Σ|ŷ − y| / n}. Named {@code "mae"}. */
public final class MeanAbsoluteError extends ErrorMean {

    @Override
    protected double error(double d) {
        return Math.abs(d);
    }

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double result() {
        return meanError();
    }
}
