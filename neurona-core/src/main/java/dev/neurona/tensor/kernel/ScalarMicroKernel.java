package dev.neurona.tensor.kernel;

/**
 * {@link JavaGemm}'s scalar micro-kernel: four rows of C held in {@code float[]} tiles, a loop
 * that HotSpot C2 auto-vectorises (see JavaGemm's class comment for why it has this shape).
 */
final class ScalarMicroKernel {

    // JavaGemm's blocking constant (a compile-time constant: reading it loads no class)
    private static final int MR = JavaGemm.MR;

    private ScalarMicroKernel() {
    }

    /**
     * The micro-kernel: for p in [0,kc), t_r[j] = fma(A[r][p], B[p][j], t_r[j]) for the four
     * tile rows, two p at a time. Every array is indexed by plain {@code j} so that C2
     * vectorises the inner loop (see JavaGemm's class comment).
     */
    static void kernel(int kc, int nc, float[] packedA, int aOff, float[][] packedB, float[][] tile) {
        float[] t0 = tile[0];
        float[] t1 = tile[1];
        float[] t2 = tile[2];
        float[] t3 = tile[3];
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int ai = aOff + p * MR;
            float a00 = packedA[ai];
            float a10 = packedA[ai + 1];
            float a20 = packedA[ai + 2];
            float a30 = packedA[ai + 3];
            float a01 = packedA[ai + 4];
            float a11 = packedA[ai + 5];
            float a21 = packedA[ai + 6];
            float a31 = packedA[ai + 7];
            float[] b0 = packedB[p];
            float[] b1 = packedB[p + 1];
            for (int j = 0; j < nc; j++) {
                float x0 = b0[j];
                float x1 = b1[j];
                t0[j] = Math.fma(a01, x1, Math.fma(a00, x0, t0[j]));
                t1[j] = Math.fma(a11, x1, Math.fma(a10, x0, t1[j]));
                t2[j] = Math.fma(a21, x1, Math.fma(a20, x0, t2[j]));
                t3[j] = Math.fma(a31, x1, Math.fma(a30, x0, t3[j]));
            }
        }
        if (p < kc) {
            int ai = aOff + p * MR;
            float a0 = packedA[ai];
            float a1 = packedA[ai + 1];
            float a2 = packedA[ai + 2];
            float a3 = packedA[ai + 3];
            float[] b0 = packedB[p];
            for (int j = 0; j < nc; j++) {
                float x0 = b0[j];
                t0[j] = Math.fma(a0, x0, t0[j]);
                t1[j] = Math.fma(a1, x0, t1[j]);
                t2[j] = Math.fma(a2, x0, t2[j]);
                t3[j] = Math.fma(a3, x0, t3[j]);
            }
        }
    }
}
