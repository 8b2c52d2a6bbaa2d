package dev.neurona.testkit;

import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * An elementwise closeness test, {@code |actual − expected| <= atol + rtol·|expected|} (the
 * rule of the golden README and of NumPy's {@code isclose}), whose assertions report the
 * worst element: its index, both values and how far over the bound it is.
 *
 * <pre>{@code
 * Tolerance.FLOAT32.assertClose(y, c.flat("y"), "relu y");
 * }</pre>
 *
 * A non-finite actual value never passes.
 *
 * @param rtol the relative part of the bound
 * @param atol the absolute part of the bound
 */
public record Tolerance(double rtol, double atol) {

    /** The golden README's float32 tolerance for activations, losses and single MLP passes. */
    public static final Tolerance FLOAT32 = new Tolerance(1e-4, 1e-5);
    /** The golden README's float32 tolerance for the 10-step training trajectories. */
    public static final Tolerance FLOAT32_TRAJECTORY = new Tolerance(1e-3, 1e-4);
    /** Bit-for-bit equality (perceptron, counts). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /** Checks that both parts are non-negative. */
    public Tolerance {
        if (!(rtol >= 0 && atol >= 0)) {
            throw new IllegalArgumentException("Tolerance: rtol and atol must be >= 0, got rtol=" + rtol + ", atol=" + atol);
        }
    }

    /** Whether one value is within the bound. */
    public boolean isClose(double actual, double expected) {
        return Double.isFinite(actual) && Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    /** Asserts one value. */
    public void assertClose(double actual, double expected, String what) {
        assertClose(new double[] {actual}, new int[0], new double[] {expected}, what);
    }

    /** Asserts a tensor against row-major expected values; the sizes must agree. */
    public void assertClose(Tensor actual, double[] expected, String what) {
        assertClose(toDouble(actual.toArray()), actual.shape(), expected, what);
    }

    /** Asserts a 2-D tensor against a matrix; the shapes must agree. */
    public void assertClose(Tensor actual, double[][] expected, String what) {
        int[] shape = {expected.length, expected.length == 0 ? 0 : expected[0].length};
        if (!Arrays.equals(actual.shape(), shape)) {
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(shape));
        }
        assertClose(actual, Arrays.stream(expected).flatMapToDouble(Arrays::stream).toArray(), what);
    }

    /** Asserts a float array (viewed as 1-D) against expected values. */
    public void assertClose(float[] actual, double[] expected, String what) {
        assertClose(toDouble(actual), new int[] {actual.length}, expected, what);
    }

    /**
     * Asserts row-major values of the given shape against expected values.
     *
     * @throws AssertionError naming {@code what}, the worst element's index, the actual and
     *         expected values and the bound; or the sizes when they differ
     */
    public void assertClose(double[] actual, int[] shape, double[] expected, String what) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": " + actual.length + " values (shape " + Arrays.toString(shape)
                    + "), expected " + expected.length);
        }
        int worst = -1;
        double worstExcess = 0;
        int failures = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!isClose(actual[i], expected[i])) {
                failures++;
                double bound = atol + rtol * Math.abs(expected[i]);
                double excess = Double.isFinite(actual[i]) ? Math.abs(actual[i] - expected[i]) - bound : Double.POSITIVE_INFINITY;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst >= 0) {
            String at = shape.length == 0 ? "" : " at " + Indices.describe(worst, shape);
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: %d of %d values differ; worst%s: actual %.9g, expected %.9g, |diff| %.3g > %.3g "
                            + "(atol %.3g + rtol %.3g * |expected|)",
                    what, failures, actual.length, at, actual[worst], expected[worst],
                    Math.abs(actual[worst] - expected[worst]), atol + rtol * Math.abs(expected[worst]), atol, rtol));
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
