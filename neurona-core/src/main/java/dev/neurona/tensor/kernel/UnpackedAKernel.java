package dev.neurona.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMicroKernel#kernel}'s MR × NR tile with op(A) read where it is stored instead of
 * from a packed panel. Packing A pays off when the packed panel feeds many NR-wide column tiles;
 * the products of a convolution (im2col patches times a few dozen filters, and the kernel
 * gradient colsᵀ·dOut) have one or two, so packing cost as much as the multiply (a VGG training
 * profile: {@code packAv} 24 % of the samples against 29 % for the kernel). B stays packed.
 *
 * <p>Each element gets the same chain as after packing: {@code s = fma(a', b_p, s)} in increasing
 * {@code p} from C's value, where {@code a' = alpha · a} rounded to float as packing stores it
 * ({@code a} itself when alpha is 1, as {@code 1 · a == a}), so the bits are those of the packed
 * path. Only full MR-row tiles: the caller packs a tile of fewer rows (reading past them could
 * leave the array). Like {@link VectorMicroKernel}, loaded only when {@code jdk.incubator.vector}
 * is in the boot layer.
 */
final class UnpackedAKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = VectorMicroKernel.V;
    private static final int NR = VectorMicroKernel.NR;

    private UnpackedAKernel() {
    }


    /**
     * The tile for A as stored (no transA), alpha 1: op(A)[r][p] = {@code a[aOff + r·lda + p]},
     * eight rows read side by side; {@code b} and C as in {@link VectorMicroKernel#kernel}.
     */
    static void rowsOfA(int kc, float[] a, int aOff, int lda,
            float[] b, int bOff, float[] c, int cOff, int ldc) {
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
        int a0 = aOff;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        int bi = bOff;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            t40 = x.fma(b0, t40);
            t41 = x.fma(b1, t41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            t50 = x.fma(b0, t50);
            t51 = x.fma(b1, t51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            t60 = x.fma(b0, t60);
            t61 = x.fma(b1, t61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            t70 = x.fma(b0, t70);
            t71 = x.fma(b1, t71);
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
     * {@link #rowsOfA} with {@code alpha · a} (a separate method: with both loops in one, C2
     * left vector operations uninlined, and they allocated on every call).
     */
    static void rowsOfAScaled(int kc, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, float[] c, int cOff, int ldc) {
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
        int a0 = aOff;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        int bi = bOff;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector x = FloatVector.broadcast(S, alpha * a[a0 + p]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            x = FloatVector.broadcast(S, alpha * a[a1 + p]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            x = FloatVector.broadcast(S, alpha * a[a2 + p]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            x = FloatVector.broadcast(S, alpha * a[a3 + p]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            x = FloatVector.broadcast(S, alpha * a[a4 + p]);
            t40 = x.fma(b0, t40);
            t41 = x.fma(b1, t41);
            x = FloatVector.broadcast(S, alpha * a[a5 + p]);
            t50 = x.fma(b0, t50);
            t51 = x.fma(b1, t51);
            x = FloatVector.broadcast(S, alpha * a[a6 + p]);
            t60 = x.fma(b0, t60);
            t61 = x.fma(b1, t61);
            x = FloatVector.broadcast(S, alpha * a[a7 + p]);
            t70 = x.fma(b0, t70);
            t71 = x.fma(b1, t71);
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
     * The tile for a transposed A, alpha 1: op(A)[r][p] = {@code a[aOff + p·lda + r]}, each
     * {@code p} reading eight contiguous floats; {@code b} and C as in {@link VectorMicroKernel#kernel}.
     */
    static void columnsOfA(int kc, float[] a, int aOff, int lda,
            float[] b, int bOff, float[] c, int cOff, int ldc) {
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
            ai += lda;
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
     * {@link #columnsOfA} with {@code alpha · a}.
     */
    static void columnsOfAScaled(int kc, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, float[] c, int cOff, int ldc) {
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
            FloatVector x = FloatVector.broadcast(S, alpha * a[ai]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            x = FloatVector.broadcast(S, alpha * a[ai + 1]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            x = FloatVector.broadcast(S, alpha * a[ai + 2]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            x = FloatVector.broadcast(S, alpha * a[ai + 3]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            x = FloatVector.broadcast(S, alpha * a[ai + 4]);
            t40 = x.fma(b0, t40);
            t41 = x.fma(b1, t41);
            x = FloatVector.broadcast(S, alpha * a[ai + 5]);
            t50 = x.fma(b0, t50);
            t51 = x.fma(b1, t51);
            x = FloatVector.broadcast(S, alpha * a[ai + 6]);
            t60 = x.fma(b0, t60);
            t61 = x.fma(b1, t61);
            x = FloatVector.broadcast(S, alpha * a[ai + 7]);
            t70 = x.fma(b0, t70);
            t71 = x.fma(b1, t71);
            ai += lda;
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

    /** Runs each tile kernel {@code calls} times on tiny operands, so that C2 compiles them (see {@link VectorMicroKernel#warmUp}). */
    static void warmUp(int calls) {
        float[] a = new float[VectorMicroKernel.MR];
        float[] b = new float[NR];
        float[] c = new float[VectorMicroKernel.MR * NR];
        for (int i = 0; i < calls; i++) {
            rowsOfA(1, a, 0, 1, b, 0, c, 0, NR);
            rowsOfAScaled(1, 0.5f, a, 0, 1, b, 0, c, 0, NR);
            columnsOfA(1, a, 0, 1, b, 0, c, 0, NR);
            columnsOfAScaled(1, 0.5f, a, 0, 1, b, 0, c, 0, NR);
        }
    }
}
