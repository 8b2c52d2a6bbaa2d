package dev.neurona.testkit;

import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Compares the gradients that autograd computes for a scalar function of several tensors
 * with central finite differences.
 *
 * <pre>{@code
 * GradCheck.assertGradients(in -> in[0].matmul(in[1]).tanh().sum(), a, b);
 * }</pre>
 *
 * <p><b>How the numeric gradient is taken.</b> The function runs on float32 tensors, so
 * its value carries a rounding noise of about {@code 1e-7·|f|}. With a step {@code h} the
 * central difference {@code (f(x+h) − f(x−h)) / 2h} has a truncation error of order
 * {@code h²·f'''/6} and a rounding error of order {@code 1e-7·|f| / h}; {@code h = 1e-2}
 * ({@link #DEFAULT_EPS}) balances the two for inputs and outputs of order one. The perturbed
 * inputs are rounded to float before the function sees them, and the difference is divided
 * by the distance between those <em>rounded</em> inputs (in double), so no representation
 * error enters the quotient. Keep inputs further than {@code h} from kinks (for example
 * {@code |x| > 0.1} for relu and abs).
 *
 * <p><b>How they are compared.</b> For each element the error is
 * {@code |a − n| / max(|a|, |n|, floor)} with {@code a} the autograd value and {@code n}
 * the numeric one: a relative error for gradients larger than {@code floor}
 * ({@link #DEFAULT_FLOOR} = 1e-2), and an absolute error scaled by {@code 1/floor} below it,
 * so that gradients which should be zero are not judged against float noise. A check passes
 * when the worst error is at most the tolerance ({@link #DEFAULT_TOLERANCE} = 1e-2).
 *
 * <p>The caller's tensors are never modified: the check differentiates copies.
 */
public final class GradCheck {

    /** The default finite-difference step, for float32 inputs of order one. */
    public static final double DEFAULT_EPS = 1e-2;
    /** The default magnitude below which errors are judged absolutely. */
    public static final double DEFAULT_FLOOR = 1e-2;
    /** The default largest acceptable error. */
    public static final double DEFAULT_TOLERANCE = 1e-2;

    /** The settings of one check. */
    public record Options(double eps, double floor, double tolerance) {

        /** {@link #DEFAULT_EPS}, {@link #DEFAULT_FLOOR} and {@link #DEFAULT_TOLERANCE}. */
        public static final Options DEFAULTS = new Options(DEFAULT_EPS, DEFAULT_FLOOR, DEFAULT_TOLERANCE);

        /** Checks that every setting is positive. */
        public Options {
            if (!(eps > 0 && floor > 0 && tolerance > 0)) {
                throw new IllegalArgumentException("GradCheck.Options: eps, floor and tolerance must be positive, got eps="
                        + eps + ", floor=" + floor + ", tolerance=" + tolerance);
            }
        }

        /** These options with another step. */
        public Options withEps(double newEps) {
            return new Options(newEps, floor, tolerance);
        }

        /** These options with another tolerance. */
        public Options withTolerance(double newTolerance) {
            return new Options(eps, floor, newTolerance);
        }
    }

    private GradCheck() {
    }

    /** Checks with the default options and fails with the report when the worst error is too large. */
    public static Result assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(Options.DEFAULTS, f, inputs).assertPassed();
    }

    /** Checks with {@code options} and fails with the report when the worst error is too large. */
    public static Result assertGradients(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(options, f, inputs).assertPassed();
    }

    /** Compares the gradients with the default options. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(Options.DEFAULTS, f, inputs);
    }

    /**
     * Compares the autograd gradient of {@code f} with respect to every input with central
     * finite differences.
     *
     * @param f a function of the inputs (in the given order) returning a one-element tensor
     * @param inputs the point at which to differentiate; not modified
     * @throws IllegalArgumentException if {@code f} does not return one element
     */
    public static Result check(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("GradCheck: need at least one input");
        }
        double[][] analytic = analytic(f, inputs);
        double[][] numeric = numeric(options.eps(), f, inputs);
        int[][] shapes = new int[inputs.length][];
        double worst = -1;
        int worstInput = 0;
        int worstElement = 0;
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
            for (int j = 0; j < analytic[i].length; j++) {
                double e = error(analytic[i][j], numeric[i][j], options.floor());
                if (e > worst) {
                    worst = e;
                    worstInput = i;
                    worstElement = j;
                }
            }
        }
        return new Result(options, worst, worstInput, worstElement, shapes, analytic, numeric);
    }

    /** {@code |a − n| / max(|a|, |n|, floor)}; infinite when either is not finite. */
    public static double error(double analytic, double numeric, double floor) {
        if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(analytic - numeric) / Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), floor);
    }

    private static double[][] analytic(Function<Tensor[], Tensor> f, Tensor[] inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].copy().requiresGrad(true);
        }
        Tensor out = scalar(f.apply(leaves));
        if (out.isRequiresGrad()) {
            out.backward();
        }
        double[][] grads = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            // an input the function ignores (or a step function) gets no gradient: that is zero
            Tensor g = leaves[i].grad();
            grads[i] = g == null ? new double[inputs[i].size()] : toDouble(g.toArray());
        }
        return grads;
    }

    private static double[][] numeric(double eps, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        Tensor[] work = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            work[i] = inputs[i].copy();
        }
        double[][] grads = new double[inputs.length][];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < work.length; i++) {
                Tensor t = work[i];
                float[] x = t.toArray();   // the original values
                grads[i] = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    float original = x[j];
                    float plus = (float) (original + eps);
                    float minus = (float) (original - eps);
                    set(t, j, plus);
                    double fPlus = scalar(f.apply(work)).item();
                    set(t, j, minus);
                    double fMinus = scalar(f.apply(work)).item();
                    set(t, j, original);
                    grads[i][j] = (fPlus - fMinus) / ((double) plus - (double) minus);
                }
            }
        }
        return grads;
    }

    /** Overwrites element {@code index} (row-major) of {@code t} with {@code value}, in place. */
    private static void set(Tensor t, int index, float value) {
        t.onHost(values -> values[index] = value);
    }

    private static Tensor scalar(Tensor out) {
        if (out == null || out.size() != 1) {
            throw new IllegalArgumentException("GradCheck: the function must return a one-element tensor, got "
                    + (out == null ? "null" : "shape " + Arrays.toString(out.shape())) + "; reduce it (e.g. sum())");
        }
        return out;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * The outcome of a check: the worst error over all inputs and elements, where it
     * occurs, and both gradients of every input.
     */
    public static final class Result {

        private final Options options;
        private final double worstError;
        private final int input;
        private final int flatIndex;
        private final int[][] shapes;
        private final double[][] analytic;
        private final double[][] numeric;

        Result(Options options, double worstError, int input, int flatIndex, int[][] shapes,
               double[][] analytic, double[][] numeric) {
            this.options = options;
            this.worstError = worstError;
            this.input = input;
            this.flatIndex = flatIndex;
            this.shapes = shapes;
            this.analytic = analytic;
            this.numeric = numeric;
        }

        /** The largest {@code |a − n| / max(|a|, |n|, floor)} over all inputs and elements. */
        public double worstError() {
            return worstError;
        }

        /** The position in the argument list of the input holding the worst element. */
        public int input() {
            return input;
        }

        /** The row-major index of the worst element within its input. */
        public int flatIndex() {
            return flatIndex;
        }

        /** The multi-index of the worst element within its input. */
        public int[] index() {
            return Indices.unravel(flatIndex, shapes[input]);
        }

        /** The autograd gradient at the worst element. */
        public double analyticAtWorst() {
            return analytic[input][flatIndex];
        }

        /** The finite-difference gradient at the worst element. */
        public double numericAtWorst() {
            return numeric[input][flatIndex];
        }

        /** A copy of the autograd gradient of input {@code i}, row-major. */
        public double[] analytic(int i) {
            return analytic[i].clone();
        }

        /** A copy of the finite-difference gradient of input {@code i}, row-major. */
        public double[] numeric(int i) {
            return numeric[i].clone();
        }

        /** Whether the worst error is within the options' tolerance. */
        public boolean passed() {
            return worstError <= options.tolerance();
        }

        /**
         * Returns this result when it {@linkplain #passed() passed}.
         *
         * @throws AssertionError with the {@linkplain #report() report} otherwise
         */
        public Result assertPassed() {
            if (!passed()) {
                throw new AssertionError("gradient check failed: " + report());
            }
            return this;
        }

        /** One line naming the worst element, both gradients there, and the settings. */
        public String report() {
            return String.format(java.util.Locale.ROOT,
                    "worst error %.3g (tolerance %.3g) at input %d %s element %s: autograd %.8g, numeric %.8g "
                            + "(eps %.3g, floor %.3g)",
                    worstError, options.tolerance(), input, Arrays.toString(shapes[input]),
                    Indices.describe(flatIndex, shapes[input]), analyticAtWorst(), numericAtWorst(),
                    options.eps(), options.floor());
        }

        @Override
        public String toString() {
            return (passed() ? "passed: " : "FAILED: ") + report();
        }
    }
}
