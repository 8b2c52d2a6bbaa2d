package dev.neurona.tensor;

/**
 * Tensor's reductions: sums, means, extremes and arg-extremes. Package-private: its methods are {@link Tensor}'s, grouped here so that each group
 * stays short; every one only checks arguments and delegates to the op group that does the math.
 */
sealed interface ReductionMethods permits Tensor {

    /** This tensor (the only implementation is {@link Tensor}). */
    private Tensor self() {
        return (Tensor) this;
    }


    /** The sum of all elements, as a scalar. */
    default Tensor sum() {
        return ReduceOps.sumAll(self());
    }

    /** {@code Σ x²} over all elements, as a scalar: one fused primitive (an L2 penalty is {@code l2 · w.sumOfSquares()}). */
    default Tensor sumOfSquares() {
        return ReduceOps.sumOfSquares(self());
    }

    /** The sum along {@code axis}, which is removed. */
    default Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** The sum along {@code axis}, kept as size 1 when {@code keepDims}. */
    default Tensor sum(int axis, boolean keepDims) {
        return ReduceOps.sum(self(), axis, keepDims);
    }

    /** The mean of all elements, as a scalar; summed in double, so it is finite whenever the exact mean is. */
    default Tensor mean() {
        return ReduceOps.meanAll(self());
    }

    /** The mean along {@code axis}, which is removed. */
    default Tensor mean(int axis) {
        return mean(axis, false);
    }

    /** The mean along {@code axis}, kept as size 1 when {@code keepDims}. */
    default Tensor mean(int axis, boolean keepDims) {
        return ReduceOps.mean(self(), axis, keepDims);
    }

    /** The largest element, as a scalar; the gradient goes to its first occurrence. */
    default Tensor max() {
        return ReduceOps.extremeAll(self(), true);
    }

    /** The maximum along {@code axis}, which is removed. */
    default Tensor max(int axis) {
        return max(axis, false);
    }

    /** The maximum along {@code axis}, kept as size 1 when {@code keepDims}. */
    default Tensor max(int axis, boolean keepDims) {
        return ReduceOps.extreme(self(), axis, keepDims, true);
    }

    /** The smallest element, as a scalar; the gradient goes to its first occurrence. */
    default Tensor min() {
        return ReduceOps.extremeAll(self(), false);
    }

    /** The minimum along {@code axis}, which is removed. */
    default Tensor min(int axis) {
        return min(axis, false);
    }

    /** The minimum along {@code axis}, kept as size 1 when {@code keepDims}. */
    default Tensor min(int axis, boolean keepDims) {
        return ReduceOps.extreme(self(), axis, keepDims, false);
    }

    /** The flat (row-major) index of the first largest element, as a scalar. */
    default Tensor argmax() {
        return ReduceOps.argmaxAll(self());
    }

    /** The index of the first largest element along {@code axis} (stored as floats), the axis removed. */
    default Tensor argmax(int axis) {
        return argmax(axis, false);
    }

    /** The index of the first largest element along {@code axis}, the axis kept as size 1 when {@code keepDims}. */
    default Tensor argmax(int axis, boolean keepDims) {
        return ReduceOps.argmax(self(), axis, keepDims);
    }

    /** The sum over several {@code axes} (negative count from the end), kept as size 1 when {@code keepDims}. */
    default Tensor sum(int[] axes, boolean keepDims) {
        return ReduceOps.sum(self(), axes, keepDims);
    }

    /** The mean over several {@code axes}, kept as size 1 when {@code keepDims}; summed in double. */
    default Tensor mean(int[] axes, boolean keepDims) {
        return ReduceOps.mean(self(), axes, keepDims);
    }

    /**
     * The population variance over {@code axes}: the mean squared deviation from the mean,
     * divided by the count (ddof 0, as NumPy and Keras; PyTorch's {@code var} is unbiased by
     * default, dividing by count − 1). Computed in double.
     */
    default Tensor var(int[] axes, boolean keepDims) {
        return ReduceOps.var(self(), axes, keepDims);
    }

    /**
     * {@code log Σ exp(this)} over {@code axes}, computed stably (shifted by the maximum, in
     * double): finite for logits near the float range's ends, where the plain formula overflows.
     */
    default Tensor logsumexp(int[] axes, boolean keepDims) {
        return ReduceOps.logsumexp(self(), axes, keepDims);
    }

    /** The running sum along {@code axis}: entry {@code k} is the sum of entries {@code 0..k}; the shape is unchanged. */
    default Tensor cumsum(int axis) {
        return ReduceOps.cumsum(self(), axis);
    }

}
