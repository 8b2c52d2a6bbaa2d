package dev.neurona.tensor;

/**
 * Tensor's indexing: selecting entries by an index tensor, and replacing them by a mask.
 * Package-private: its methods are {@link Tensor}'s, grouped here so that each group stays
 * short; every one only checks arguments and delegates to {@code IndexOps}.
 *
 * <p>Index tensors are ordinary float tensors holding whole numbers (what {@code argmax}
 * returns, what sparse labels are): one dtype keeps a compiled step's inputs uniform, and
 * float32 holds every integer exactly up to 2²⁴. Each index is checked when the op runs
 * (so a compiled step checks every batch): a non-integer or out-of-range index fails with
 * the index value, its position and the axis size. No gradient flows to an index tensor.
 */
sealed interface IndexingMethods permits Tensor {

    /** This tensor (the only implementation is {@link Tensor}). */
    private Tensor self() {
        return (Tensor) this;
    }

    /**
     * The entries at {@code indices} along {@code axis}, as {@code numpy.take} or
     * {@code torch.index_select}: the result has this tensor's shape with that axis replaced
     * by the index tensor's shape (a scalar index removes it). Indices may repeat; their
     * gradients add up.
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, dim(axis))}, naming it
     * @throws IllegalArgumentException for an index that is not a whole number, or a bad axis
     */
    default Tensor take(int axis, Tensor indices) {
        return IndexOps.take(self(), axis, indices);
    }

    /**
     * {@code torch.gather}: for axis 1 of a 3-D tensor, {@code out[i][j][k] = this[i][index[i][j][k]][k]}.
     * The index has this tensor's rank and is no larger outside {@code axis}; the result has
     * its shape. The backward is a scatter-add (duplicate indices accumulate).
     */
    default Tensor gather(int axis, Tensor index) {
        return IndexOps.gather(self(), axis, index);
    }

    /**
     * {@code torch.scatter_add}: a copy of this tensor with, for axis 1 of a 3-D tensor,
     * {@code out[i][index[i][j][k]][k] += src[i][j][k]}; duplicate indices accumulate. The index
     * has this tensor's rank, fits in {@code src}, and is no larger than this tensor outside
     * {@code axis}. Gradients flow to this tensor and to {@code src}.
     */
    default Tensor scatterAdd(int axis, Tensor index, Tensor src) {
        return IndexOps.scatterAdd(self(), axis, index, src);
    }

    /**
     * This tensor with {@code value} wherever {@code mask} is nonzero (an attention mask, say);
     * the mask broadcasts to this tensor's shape and gets no gradient.
     */
    default Tensor maskedFill(Tensor mask, float value) {
        return IndexOps.maskedFill(self(), mask, value);
    }
}
