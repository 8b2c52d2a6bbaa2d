package dev.neurona.tensor.kernel;

/**
 * The operands of one call, so the parts of a split call can share them. One per thread,
 * refilled by each call on that thread (workers of a split call only read the caller's).
 */
final class GemmArgs {
    boolean transA;
    boolean transB;
    int m;
    int n;
    int k;
    float alpha;
    float[] a;
    int aOffset;
    int lda;
    float[] b;
    int bOffset;
    int ldb;
    float beta;
    float[] c;
    int cOffset;
    int ldc;
    /** Whether the vector micro-kernel computes this call. */
    boolean vector;
    /** The panel of B that the parts of a split by rows share: packed once, by the caller. */
    float[][] sharedB;
    /** The same for the vector kernel, packed as NR-column panels. */
    float[] sharedBv;
    int jc;
    int nc;
    int pc;
    int kc;

    @SuppressWarnings("checkstyle:ParameterNumber")
    GemmArgs set(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
             float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOffset = aOffset;
        this.lda = lda;
        this.b = b;
        this.bOffset = bOffset;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOffset = cOffset;
        this.ldc = ldc;
        return this;
    }

    /** Drops the array references after a call so that a thread's scratch does not keep them alive. */
    void clear() {
        a = null;
        b = null;
        c = null;
        sharedB = null;
        sharedBv = null;
    }
}
