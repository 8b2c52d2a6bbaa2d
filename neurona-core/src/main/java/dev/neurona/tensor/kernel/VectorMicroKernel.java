package dev.neurona.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JavaGemm}'s micro-kernel written with the incubating Vector API: an {@link #MR} ×
 * {@link #NR} block of C held in registers ({@code MR × 2} accumulators of the preferred
 * species), updated for each {@code p} by two loads of packed B, {@code MR} broadcasts of packed
 * A and {@code 2·MR} fused multiply-adds. With {@link UnpackedAKernel}, the only classes of
 * Neurona that reference {@code jdk.incubator.vector}: {@link JavaGemm} loads them only when that
 * module is in the boot layer.
 *
 * <p>Per element it computes {@code s = fma(a_p, b_p, s)} in increasing {@code p}, starting from
 * C's value, exactly as the scalar kernel does, so both kernels give the same bits.
 */
final class VectorMicroKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector of the preferred species (16 with AVX-512, 8 with AVX2). */
    static final int V = S.length();
    /** Rows of C per micro-tile (a compile-time constant: JavaGemm's classes read it without loading this class). */
    static final int MR = 8;
    /** Columns of C per micro-tile: two vectors. */
    static final int NR = 2 * V;

    private VectorMicroKernel() {
    }

    /** Whether the preferred species is wide enough to be worth using (at least 4 floats). */
    static boolean usable() {
        return V >= 4;
    }

    /**
     * C[r][j] = fma(A[r][p], B[p][j], C[r][j]) for r &lt; MR, j &lt; NR, p = 0 .. kc-1 in order.
     * {@code a} holds the MR-row micro-panel p-major from {@code aOff} ({@code a[aOff + p·MR + r]}),
     * {@code b} the NR-column micro-panel p-major from {@code bOff} ({@code b[bOff + p·NR + j]});
     * C's rows start at {@code cOff + r·ldc}.
     */
    static void kernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        int c0 = cOff;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        int c6 = c5 + ldc;
        int c7 = c6 + ldc;
        FloatVector t00 = FloatVector.fromArray(S, c, c0);
        FloatVector t01 = FloatVector.fromArray(S, c, c0 + V);
        FloatVector t10 = FloatVector.fromArray(S, c, c1);
        FloatVector t11 = FloatVector.fromArray(S, c, c1 + V);
        FloatVector t20 = FloatVector.fromArray(S, c, c2);
        FloatVector t21 = FloatVector.fromArray(S, c, c2 + V);
        FloatVector t30 = FloatVector.fromArray(S, c, c3);
        FloatVector t31 = FloatVector.fromArray(S, c, c3 + V);
        FloatVector t40 = FloatVector.fromArray(S, c, c4);
        FloatVector t41 = FloatVector.fromArray(S, c, c4 + V);
        FloatVector t50 = FloatVector.fromArray(S, c, c5);
        FloatVector t51 = FloatVector.fromArray(S, c, c5 + V);
        FloatVector t60 = FloatVector.fromArray(S, c, c6);
        FloatVector t61 = FloatVector.fromArray(S, c, c6 + V);
        FloatVector t70 = FloatVector.fromArray(S, c, c7);
        FloatVector t71 = FloatVector.fromArray(S, c, c7 + V);
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            t40 = x.fma(b0, t40);
            t41 = x.fma(b1, t41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            t50 = x.fma(b0, t50);
            t51 = x.fma(b1, t51);
            x = FloatVector.broadcast(S, a[ai + 6]);
            t60 = x.fma(b0, t60);
            t61 = x.fma(b1, t61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            t70 = x.fma(b0, t70);
            t71 = x.fma(b1, t71);
            ai += MR;
            bi += NR;
        }
        t00.intoArray(c, c0);
        t01.intoArray(c, c0 + V);
        t10.intoArray(c, c1);
        t11.intoArray(c, c1 + V);
        t20.intoArray(c, c2);
        t21.intoArray(c, c2 + V);
        t30.intoArray(c, c3);
        t31.intoArray(c, c3 + V);
        t40.intoArray(c, c4);
        t41.intoArray(c, c4 + V);
        t50.intoArray(c, c5);
        t51.intoArray(c, c5 + V);
        t60.intoArray(c, c6);
        t61.intoArray(c, c6 + V);
        t70.intoArray(c, c7);
        t71.intoArray(c, c7 + V);
    }

    /**
     * One row of C times an untransposed B, streaming B once (a single-sample forward pass, where
     * the 8-row tile would run 7/8 empty): {@code c[j] = fma(alpha·a_p, B[p][j], c[j])} for
     * {@code p = 0 .. k-1} in order, the same chain per element as {@link #kernel} after packing,
     * so the bits are those of the blocked path. C must already be scaled by beta. Four vectors
     * of C are held in registers per pass over B; the last columns go one vector, then one
     * float, at a time.
     */
    static void rowTimesMatrix(int n, int k, float alpha, float[] a, int aOff, int aStride,
                               float[] b, int bOff, int ldb, float[] c, int cOff) {
        int j = 0;
        for (; j + 4 * V <= n; j += 4 * V) {
            FloatVector t0 = FloatVector.fromArray(S, c, cOff + j);
            FloatVector t1 = FloatVector.fromArray(S, c, cOff + j + V);
            FloatVector t2 = FloatVector.fromArray(S, c, cOff + j + 2 * V);
            FloatVector t3 = FloatVector.fromArray(S, c, cOff + j + 3 * V);
            int bi = bOff + j;
            int ai = aOff;
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, alpha * a[ai]);
                t0 = x.fma(FloatVector.fromArray(S, b, bi), t0);
                t1 = x.fma(FloatVector.fromArray(S, b, bi + V), t1);
                t2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * V), t2);
                t3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * V), t3);
                bi += ldb;
                ai += aStride;
            }
            t0.intoArray(c, cOff + j);
            t1.intoArray(c, cOff + j + V);
            t2.intoArray(c, cOff + j + 2 * V);
            t3.intoArray(c, cOff + j + 3 * V);
        }
        for (; j + V <= n; j += V) {
            FloatVector t = FloatVector.fromArray(S, c, cOff + j);
            int bi = bOff + j;
            int ai = aOff;
            for (int p = 0; p < k; p++) {
                t = FloatVector.broadcast(S, alpha * a[ai]).fma(FloatVector.fromArray(S, b, bi), t);
                bi += ldb;
                ai += aStride;
            }
            t.intoArray(c, cOff + j);
        }
        for (; j < n; j++) {
            float t = c[cOff + j];
            int bi = bOff + j;
            int ai = aOff;
            for (int p = 0; p < k; p++) {
                t = Math.fma(alpha * a[ai], b[bi], t);
                bi += ldb;
                ai += aStride;
            }
            c[cOff + j] = t;
        }
    }

    /** Calls of each kernel on tiny operands in {@link #warmUp}: past C2's compile thresholds. */
    static final int WARM_UP_CALLS = 8_000;

    /**
     * Runs both kernels, then {@link UnpackedAKernel}'s, {@value #WARM_UP_CALLS} times on tiny operands,
     * so that C2 compiles them before they see real products; {@link JavaGemm} starts it on a
     * background thread when it decides to use this kernel. Until C2 compiles them, every vector
     * operation allocates an object: on real products that came to a few hundred MB of garbage
     * in the first second, which G1 answered by growing its young generation. A 784-256-128-10
     * training run peaked at 780–860 MB without the warm-up and at 500–550 MB with it (445 MB
     * with the plain-Java kernel), and its first epoch got faster (1.05–1.27 s against 1.25–1.35 s).
     */
    static void warmUp() {
        float[] a = new float[MR];
        float[] b = new float[4 * V];
        float[] c = new float[MR * NR];
        float[] y = new float[4 * V];
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            kernel(1, a, 0, b, 0, c, 0, NR);
            rowTimesMatrix(4 * V, 1, 1f, a, 0, 1, b, 0, 4 * V, y, 0);
        }
        UnpackedAKernel.warmUp(WARM_UP_CALLS);
    }
}
