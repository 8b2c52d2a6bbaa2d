package dev.neurona.tensor;

/**
 * The shapes of one (batched) matrix product {@code op(A) · op(B)} as {@code torch.matmul}
 * defines them for ranks ≥ 2: the last two axes are the matrices (transposed in place by the
 * flags), the axes before them are batch axes that broadcast. Holds, for every output matrix,
 * the offsets of the A and B matrices it multiplies, and whether it is the first to use each
 * (the backward of a broadcast operand accumulates from the second use on). Checked before
 * anything is allocated.
 */
final class MatmulShapes {

    final int m;
    final int n;
    final int k;
    /** Stored row lengths of A and B (their leading dimensions). */
    final int lda;
    final int ldb;
    final boolean transA;
    final boolean transB;
    final int[] shape;
    /** The number of output matrices. */
    final int batches;
    final int[] aOffset;
    final int[] bOffset;
    final boolean[] aFirst;
    final boolean[] bFirst;
    /** Whether B is a single matrix and A is not transposed: the product is one GEMM over all of A's rows. */
    final boolean folded;

    MatmulShapes(int[] a, int[] b, boolean transA, boolean transB) {
        int ra = a.length;
        int rb = b.length;
        if (ra < 2 || rb < 2) {
            throw new IllegalArgumentException("matmul: " + describe(a, b, transA, transB)
                    + ": expected [m, k] x [k, n] or batches of them, [..., m, k] x [..., k, n] (rank 2 or more; "
                    + "the batch dimensions broadcast); reshape a vector to [1, k] or [k, 1]");
        }
        this.transA = transA;
        this.transB = transB;
        m = transA ? a[ra - 1] : a[ra - 2];
        k = transA ? a[ra - 2] : a[ra - 1];
        int kb = transB ? b[rb - 1] : b[rb - 2];
        n = transB ? b[rb - 2] : b[rb - 1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: " + describe(a, b, transA, transB)
                    + ": inner dimensions differ (" + k + " vs " + kb + ")");
        }
        lda = a[ra - 1];
        ldb = b[rb - 1];
        int rank = Math.max(ra, rb);
        shape = new int[rank];
        for (int d = 0; d < rank - 2; d++) {
            int da = batchDim(a, d, rank);
            int db = batchDim(b, d, rank);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("matmul: " + describe(a, b, transA, transB) + ": batch sizes differ ("
                        + da + " vs " + db + ") at batch dimension " + d + " of the result; batch dimensions must be "
                        + "equal or 1 to broadcast");
            }
            shape[d] = Math.max(da, db);
        }
        shape[rank - 2] = m;
        shape[rank - 1] = n;
        long batchCount = 1;
        for (int d = 0; d < rank - 2; d++) {
            batchCount *= shape[d];
        }
        long elements = batchCount * m * n;
        if (!Shape.canAllocate(elements)) {
            throw Shape.tooLarge("matmul: " + describe(a, b, transA, transB) + " gives shape " + Shape.toString(shape)
                    + ", which", java.math.BigInteger.valueOf(elements));
        }
        batches = (int) batchCount;
        folded = !transA && Shape.size(b) == k * n;
        aOffset = new int[batches];
        bOffset = new int[batches];
        aFirst = new boolean[batches];
        bFirst = new boolean[batches];
        offsets(a, rank, m * k, aOffset, aFirst);
        offsets(b, rank, k * n, bOffset, bFirst);
    }

    /** Batch dimension {@code d} of the result as {@code x} (right-aligned) has it: 1 where it has none. */
    private static int batchDim(int[] x, int d, int rank) {
        int i = d - (rank - x.length);
        return i < 0 ? 1 : x[i];
    }

    /** The offset of the matrix of {@code x} that each output matrix uses, and whether it is its first use. */
    private void offsets(int[] x, int rank, int matrix, int[] offset, boolean[] first) {
        int batchRank = rank - 2;
        int[] stride = new int[batchRank];
        for (int d = batchRank - 1, s = matrix; d >= 0; d--) {
            int size = batchDim(x, d, rank);
            stride[d] = size == 1 ? 0 : s;
            s *= size;
        }
        int[] counter = new int[batchRank];
        int off = 0;
        int highest = -1;   // offsets of first uses grow: a repeat never exceeds the highest seen
        for (int i = 0; i < batches; i++) {
            offset[i] = off;
            first[i] = off > highest;
            highest = Math.max(highest, off);
            off = dev.neurona.tensor.kernel.Odometer.advance(counter, shape, stride, off, batchRank - 1);
        }
    }

    /** {@code [2, 3] x [4, 3]^T}: the shapes as given, a transposed operand marked. */
    private static String describe(int[] a, int[] b, boolean transA, boolean transB) {
        return Shape.toString(a) + (transA ? "^T" : "") + " x " + Shape.toString(b) + (transB ? "^T" : "");
    }
}
