package dev.neurona.tensor.kernel;

/** Scalar special functions that {@link Math} lacks, accurate to float precision or better. */
public final class SpecialFunctions {

    private SpecialFunctions() {
    }

    /**
     * The error function, via the complementary error function of W. J. Cody's rational
     * Chebyshev approximation as given in Numerical Recipes ({@code erfc} with fractional
     * error below 1.2e-7 everywhere), evaluated in double.
     */
    public static double erf(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1.0 - r : r - 1.0;
    }
}
