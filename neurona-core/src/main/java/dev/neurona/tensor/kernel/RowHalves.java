package dev.neurona.tensor.kernel;

/**
 * The two column halves of one row times B for {@link ParallelRange#parts}; each element's
 * chain of FMAs is the same whichever half it falls in, so the bits do not depend on the cut.
 */
final class RowHalves implements ParallelRange.Body {
    private int n;
    private int k;
    private float alpha;
    private float[] a;
    private int aRow;
    private int aStride;
    private float[] b;
    private int bOffset;
    private int ldb;
    private float[] c;
    private int cRow;

    @SuppressWarnings("checkstyle:ParameterNumber")
    void set(int n, int k, float alpha, float[] a, int aRow, int aStride, float[] b, int bOffset, int ldb,
             float[] c, int cRow) {
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aRow = aRow;
        this.aStride = aStride;
        this.b = b;
        this.bOffset = bOffset;
        this.ldb = ldb;
        this.c = c;
        this.cRow = cRow;
    }

    void clear() {
        a = null;
        b = null;
        c = null;
    }

    @Override
    public void run(int lo, int hi) {
        int half = (n / 2 + JavaGemm.ROW_SPLIT_GRAIN - 1) / JavaGemm.ROW_SPLIT_GRAIN * JavaGemm.ROW_SPLIT_GRAIN;
        for (int part = lo; part < hi; part++) {
            int j0 = part == 0 ? 0 : half;
            int j1 = part == 0 ? half : n;
            VectorMicroKernel.rowTimesMatrix(j1 - j0, k, alpha, a, aRow, aStride, b, bOffset + j0, ldb, c, cRow + j0);
        }
    }
}
