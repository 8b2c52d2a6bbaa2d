package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * The loops of {@link JavaGemm} that need no packing: C = beta · C, and the direct path of tiny
 * products. Each element gets the same arithmetic as on the blocked path.
 */
final class DirectGemm {

    private DirectGemm() {
    }

    /** Applies the beta part to rows [i0,i1), columns [j0,j1) of C. */
    static void scaleC(float beta, float[] c, int cOffset, int ldc, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int row = cOffset + i * ldc;
            scaleRow(beta, c, row + j0, row + j1);
        }
    }

    /** c[from..to) = beta · c[from..to), with beta == 0 writing zeros (no NaN propagation). */
    static void scaleRow(float beta, float[] c, int from, int to) {
        if (beta == 0f) {
            Arrays.fill(c, from, to, 0f);
        } else if (beta != 1f) {
            for (int j = from; j < to; j++) {
                c[j] = beta * c[j];
            }
        }
    }

    /** Direct loops, no packing, no allocation; same per-element arithmetic as the blocked path. */
    static void small(boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float[] a, int aOffset, int lda,
                              float[] b, int bOffset, int ldb,
                              float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * ldc;
            scaleRow(beta, c, cRow, cRow + n);
            if (!transB) {
                for (int p = 0; p < k; p++) {
                    float av = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                    int bRow = bOffset + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] = Math.fma(av, b[bRow + j], c[cRow + j]);
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bRow = bOffset + j * ldb;
                    float s = c[cRow + j];
                    for (int p = 0; p < k; p++) {
                        float av = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                        s = Math.fma(av, b[bRow + p], s);
                    }
                    c[cRow + j] = s;
                }
            }
        }
    }
}
