package dev.neurona.tensor;

/**
 * Tensor's shape changes, selection, and the matrix product. Package-private: its methods are {@link Tensor}'s, grouped here so that each group
 * stays short; every one only checks arguments and delegates to the op group that does the math.
 */
sealed interface ShapeMethods permits Tensor {

    /** This tensor (the only implementation is {@link Tensor}). */
    private Tensor self() {
        return (Tensor) this;
    }


    /** The same elements in a new shape of equal size; one dimension may be {@code -1} (inferred). */
    default Tensor reshape(int... newShape) {
        return ShapeOps.reshape(self(), newShape);
    }

    /** Keeps the batch dimension and flattens the rest: {@code [n, d1, d2, …] → [n, d1·d2·…]}; 1-D stays as is. */
    default Tensor flatten() {
        int[] shape = self().shape;
        return shape.length <= 2 ? (shape.length == 0 ? reshape(1) : self()) : reshape(shape[0], -1);
    }

    /** The transpose of a 2-D tensor. */
    default Tensor transpose() {
        return ShapeOps.transpose(self());
    }

    /** The rows (entries along axis 0) at {@code rows}, in that order; indices may repeat. */
    default Tensor take(int... rows) {
        return ShapeOps.take(self(), rows);
    }

    /** The rows {@code [start, end)} along axis 0. */
    default Tensor slice(int start, int end) {
        return ShapeOps.slice(self(), start, end);
    }


    /**
     * The matrix product as {@code torch.matmul} for ranks ≥ 2: {@code [m, k] × [k, n] → [m, n]},
     * and batches of them {@code [..., m, k] × [..., k, n] → [..., m, n]} whose batch dimensions
     * broadcast ({@code [b, m, k] × [k, n]} uses one matrix for the whole batch).
     */
    default Tensor matmul(Tensor other) {
        return LinalgOps.matmul(self(), other);
    }

    /**
     * {@link #matmul(Tensor)} of the operands with their last two axes transposed where a flag
     * says so ({@code q.matmul(k, false, true)} is {@code q·kᵀ}); the flags go to the GEMM
     * kernel, so no transposed copy is made, forward or backward.
     */
    default Tensor matmul(Tensor other, boolean transposeA, boolean transposeB) {
        return LinalgOps.matmul(self(), other, transposeA, transposeB);
    }

}
