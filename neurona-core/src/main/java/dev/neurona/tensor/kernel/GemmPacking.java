package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * Packs the panels of op(B) and alpha · op(A) that {@link BlockedGemm} hands to the micro-kernels:
 * per-row arrays and {@link JavaGemm#MR}-row tiles for the scalar kernel, {@code NR}-column and
 * 8-row panels for {@link VectorMicroKernel}, whatever the transpose flags.
 */
final class GemmPacking {

    // JavaGemm's blocking constant (a compile-time constant: reading it loads no class)
    private static final int MR = JavaGemm.MR;

    private GemmPacking() {
    }

    /** Packs op(B)[pc..pc+kc) × [jc..jc+nc) into one row array per p. */
    static void packB(GemmArgs g, int pc, int kc, int jc, int nc, float[][] packedB) {
        float[] b = g.b;
        int ldb = g.ldb;
        if (!g.transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, g.bOffset + (pc + p) * ldb + jc, packedB[p], 0, nc);
            }
        } else {
            // op(B)[p][j] = B[j][p]: walk B's rows (contiguous in p) a few columns at a time.
            for (int j = 0; j < nc; j++) {
                int src = g.bOffset + (jc + j) * ldb + pc;
                for (int p = 0; p < kc; p++) {
                    packedB[p][j] = b[src + p];
                }
            }
        }
    }

    /**
     * Packs alpha · op(A)[ic..ic+mc) × [pc..pc+kc) as MR-row tiles, p-major within a tile;
     * rows past mc in the last tile are zero.
     */
    static void packA(GemmArgs g, int ic, int mc, int pc, int kc, float[] packedA) {
        float[] a = g.a;
        int lda = g.lda;
        float alpha = g.alpha;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = ir * kc;
            for (int r = 0; r < MR; r++) {
                if (r >= rows) {
                    for (int p = 0; p < kc; p++) {
                        packedA[base + p * MR + r] = 0f;
                    }
                } else if (!g.transA) {
                    int src = g.aOffset + (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        packedA[base + p * MR + r] = alpha * a[src + p];
                    }
                } else {
                    int src = g.aOffset + pc * lda + ic + ir + r;
                    for (int p = 0; p < kc; p++) {
                        packedA[base + p * MR + r] = alpha * a[src + p * lda];
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc..pc+kc) × [jc..jc+nc) as NR-column panels, p-major within a panel
     * ({@code packed[(jr/NR · kc + p) · NR + j]}); columns past nc in the last panel are zero.
     */
    static void packBv(GemmArgs g, int pc, int kc, int jc, int nc, float[] packed) {
        final int nr = VectorMicroKernel.NR;
        float[] b = g.b;
        int ldb = g.ldb;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = jr * kc;
            if (!g.transB) {
                int src = g.bOffset + pc * ldb + jc + jr;
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * nr;
                    System.arraycopy(b, src + p * ldb, packed, dst, cols);
                    if (cols < nr) {
                        Arrays.fill(packed, dst + cols, dst + nr, 0f);
                    }
                }
            } else {
                // op(B)[p][j] = B[j][p]: B's rows are contiguous in p
                for (int j = 0; j < cols; j++) {
                    int src = g.bOffset + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * nr + j] = b[src + p];
                    }
                }
                if (cols < nr) {
                    for (int p = 0; p < kc; p++) {
                        Arrays.fill(packed, base + p * nr + cols, base + (p + 1) * nr, 0f);
                    }
                }
            }
        }
    }

    /**
     * Packs alpha · op(A)[ic..ic+mc) × [pc..pc+kc) as the vector kernel's MR-row panels, p-major
     * within a panel; rows past mc in the last panel are zero.
     */
    static void packAv(GemmArgs g, int ic, int mc, int pc, int kc, float[] packedA) {
        final int mr = VectorMicroKernel.MR;
        float[] a = g.a;
        int lda = g.lda;
        float alpha = g.alpha;
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (g.transA) {
                // op(A)'s rows are stored A's columns: walk p outside so that each p reads the
                // tile's rows as one contiguous run (r inside strided by lda: 20 % of a dW product)
                int src = g.aOffset + pc * lda + ic + ir;
                for (int p = 0; p < kc; p++) {
                    int to = base + p * mr;
                    int from = src + p * lda;
                    for (int r = 0; r < rows; r++) {
                        packedA[to + r] = alpha * a[from + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        packedA[to + r] = 0f;
                    }
                }
                continue;
            }
            for (int r = 0; r < mr; r++) {
                if (r >= rows) {
                    for (int p = 0; p < kc; p++) {
                        packedA[base + p * mr + r] = 0f;
                    }
                } else {
                    int src = g.aOffset + (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        packedA[base + p * mr + r] = alpha * a[src + p];
                    }
                }
            }
        }
    }
}
