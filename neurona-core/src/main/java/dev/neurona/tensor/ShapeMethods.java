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
     * The same elements in a new shape, sharing this tensor's values (no copy): PyTorch's
     * {@code view}, the same as {@link #reshape}. One dimension may be {@code -1} (inferred):
     * {@code x.view(-1, 4)} on {@code [2, 3, 4]} gives {@code [6, 4]}.
     */
    default Tensor view(int... shape) {
        return MovementOps.view(self(), shape);
    }

    /**
     * Removes dimension {@code axis}, which must have size 1 (unlike PyTorch, which then
     * returns the tensor unchanged, this is an error): {@code [2, 1, 3].squeeze(1) → [2, 3]}.
     * Shares the values.
     */
    default Tensor squeeze(int axis) {
        return MovementOps.squeeze(self(), axis);
    }

    /**
     * Inserts a dimension of size 1 at {@code axis} ({@code -1} appends one):
     * {@code [2, 3].unsqueeze(0) → [1, 2, 3]}. Shares the values.
     */
    default Tensor unsqueeze(int axis) {
        return MovementOps.unsqueeze(self(), axis);
    }

    /**
     * The axes reordered: axis {@code d} of the result is axis {@code axes[d]} of this tensor
     * (negative axes count from the end): {@code [2, 3, 4].permute(2, 0, 1) → [4, 2, 3]}.
     */
    default Tensor permute(int... axes) {
        return MovementOps.permute(self(), axes);
    }

    /** Axes {@code axis0} and {@code axis1} swapped, any rank: {@code [2, 3, 4].transpose(0, -1) → [4, 3, 2]}. */
    default Tensor transpose(int axis0, int axis1) {
        return MovementOps.transpose(self(), axis0, axis1);
    }

    /**
     * PyTorch's {@code expand}: dimensions of size 1 repeated to the given sizes, {@code -1}
     * keeping a dimension, new leading dimensions allowed: {@code [3, 1].expand(2, -1, 4) → [2, 3, 4]}.
     * Its gradient sums over the repeats. (See also {@code broadcastTo}, which takes the full shape.)
     */
    default Tensor expand(int... sizes) {
        return MovementOps.expand(self(), sizes);
    }

    /**
     * Python's {@code x[..., start:stop:step]} along {@code axis}: negative bounds count from the
     * end and bounds past the ends are clamped, as in Python; {@code step} is at least 1; an
     * empty range is an error. {@code x.slice(-1, 0, Integer.MAX_VALUE, 2)} keeps every other column.
     */
    default Tensor slice(int axis, int start, int stop, int step) {
        return MovementOps.slice(self(), axis, start, stop, step);
    }

    /**
     * Constant padding as {@code torch.nn.functional.pad}: {@code padding} holds (before, after)
     * pairs from the last axis backwards, amounts 0 or more: {@code x.pad(new int[] {1, 1, 2, 0}, 0f)}
     * on {@code [n, h, w]} adds a column each side and two rows on top.
     */
    default Tensor pad(int[] padding, float value) {
        return MovementOps.pad(self(), padding, value);
    }

    /**
     * The entries along each of {@code axes} in reverse order: {@code x.flip(-1)} mirrors the
     * last axis. No axes gives a copy.
     */
    default Tensor flip(int... axes) {
        return MovementOps.flip(self(), axes);
    }

    /**
     * Consecutive pieces along {@code axis} of the given sizes, which must sum to that axis
     * (PyTorch's {@code split} with a list of sizes): on {@code [2, 6]}, {@code split(1, 1, 3, 2)}
     * (axis 1, sizes 1, 3, 2) gives {@code [2, 1]}, {@code [2, 3]}, {@code [2, 2]}. For pieces of equal size see {@link #chunk}.
     */
    default Tensor[] split(int axis, int... sizes) {
        return MovementOps.split(self(), axis, sizes);
    }

    /**
     * {@code chunks} pieces of equal size along {@code axis}, whose size they must divide
     * (axis first, as in {@code split}; unlike PyTorch's {@code chunk(chunks, dim)}, an uneven
     * division is an error): on {@code [2, 6]}, {@code chunk(1, 3)} gives three {@code [2, 2]}.
     */
    default Tensor[] chunk(int axis, int chunks) {
        return MovementOps.chunk(self(), axis, chunks);
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
