package dev.neurona.tensor.kernel;

/**
 * The blocked path of {@link JavaGemm}: the loop order {@code jc → pc → ic → micro-tile} over
 * packed panels (see JavaGemm's class comment), with the scalar ({@link ScalarMicroKernel}) or the
 * vector ({@link VectorMicroKernel}) micro-kernel.
 */
final class BlockedGemm {

    // JavaGemm's blocking constants (compile-time constants: reading them loads no class)
    private static final int MR = JavaGemm.MR;
    private static final int NC = JavaGemm.NC;
    private static final int KC = JavaGemm.KC;
    private static final int MC = JavaGemm.MC;
    private static final int VECTOR_MC = JavaGemm.VECTOR_MC;

    /**
     * Panels of at most this many NR-wide column tiles of the vector kernel read A unpacked
     * ({@link #panelUnpackedA}): packed A would serve only one or two column tiles, and packing it
     * cost as much as the multiply (TN 288×32×7281, 2-core Xeon, old and new alternating in one
     * JVM: 21 → 28 GFLOPS on one core, 39 → 57 on two). Only for parts of at least
     * {@code VECTOR_MC} rows: on smaller ones packing costs next to nothing, and with tiny products
     * on this path a full test run's ConstraintStepAllocationTest saw steady-state allocation
     * (cause not found; the packed path there allocates nothing).
     */
    static final int UNPACKED_A_TILES = 2;   // a constant: reading it must not load VectorMicroKernel

    private BlockedGemm() {
    }

    /** Computes rows [i0,i1), columns [j0,j1) of C with packing and the micro-kernel. */
    static void blocked(GemmArgs g, int i0, int i1, int j0, int j1) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        DirectGemm.scaleC(g.beta, g.c, g.cOffset, g.ldc, i0, i1, j0, j1);
        GemmScratch s = GemmScratch.SCRATCH.get();
        if (g.vector) {
            float[] packedBv = s.packedBv();
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                for (int pc = 0; pc < g.k; pc += KC) {
                    int kc = Math.min(KC, g.k - pc);
                    GemmPacking.packBv(g, pc, kc, jc, nc, packedBv);
                    if (nc <= UNPACKED_A_TILES * VectorMicroKernel.NR && i1 - i0 >= VECTOR_MC) {
                        panelUnpackedA(g, i0, i1, jc, nc, pc, kc, packedBv, s);
                    } else {
                        panelV(g, i0, i1, jc, nc, pc, kc, packedBv, s);
                    }
                }
            }
            return;
        }
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < g.k; pc += KC) {
                int kc = Math.min(KC, g.k - pc);
                GemmPacking.packB(g, pc, kc, jc, nc, s.packedB);
                panel(g, i0, i1, jc, nc, pc, kc, s.packedB, s);
            }
        }
    }

    /** Rows [i0, i1) of C's columns [jc, jc+nc) times the packed panel of B (depth pc..pc+kc). */
    static void panel(GemmArgs g, int i0, int i1, int jc, int nc, int pc, int kc, float[][] packedB, GemmScratch s) {
        float[] packedA = s.packedA;
        float[][] tile = s.tile;
        float[] c = g.c;
        for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            GemmPacking.packA(g, ic, mc, pc, kc, packedA);
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int cRow = g.cOffset + (ic + ir) * g.ldc + jc;
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(c, cRow + r * g.ldc, tile[r], 0, nc);
                }
                ScalarMicroKernel.kernel(kc, nc, packedA, ir * kc, packedB, tile);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(tile[r], 0, c, cRow + r * g.ldc, nc);
                }
            }
        }
    }

    /**
     * Rows [i0, i1) of C's columns [jc, jc+nc) times the packed panel of B (depth pc..pc+kc),
     * with {@link VectorMicroKernel}: full MR × NR tiles are updated in C itself, partial ones
     * through the scratch tile (only their valid part is copied back).
     */
    static void panelV(GemmArgs g, int i0, int i1, int jc, int nc, int pc, int kc, float[] packedB, GemmScratch s) {
        final int mr = VectorMicroKernel.MR;
        final int nr = VectorMicroKernel.NR;
        float[] packedA = s.packedAv();
        float[] edge = s.edge();
        float[] c = g.c;
        int ldc = g.ldc;
        for (int ic = i0; ic < i1; ic += VECTOR_MC) {
            int mc = Math.min(VECTOR_MC, i1 - ic);
            GemmPacking.packAv(g, ic, mc, pc, kc, packedA);
            for (int jr = 0; jr < nc; jr += nr) {
                int cols = Math.min(nr, nc - jr);
                int bOff = jr * kc;
                for (int ir = 0; ir < mc; ir += mr) {
                    int rows = Math.min(mr, mc - ir);
                    int cOff = g.cOffset + (ic + ir) * ldc + jc + jr;
                    if (rows == mr && cols == nr) {
                        VectorMicroKernel.kernel(kc, packedA, ir * kc, packedB, bOff, c, cOff, ldc);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(c, cOff + r * ldc, edge, r * nr, cols);
                        }
                        VectorMicroKernel.kernel(kc, packedA, ir * kc, packedB, bOff, edge, 0, nr);
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(edge, r * nr, c, cOff + r * ldc, cols);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #panelV} without packing A: each MR-row tile of op(A) is read where it is stored
     * ({@link UnpackedAKernel}) for the panel's few column tiles, one tile of rows at a time so
     * that its rows are still in L1 for the next column tile. A last tile of fewer than MR rows is
     * packed (zero rows past the edge) and goes through {@link VectorMicroKernel#kernel}.
     */
    static void panelUnpackedA(GemmArgs g, int i0, int i1, int jc, int nc, int pc, int kc, float[] packedB,
                               GemmScratch s) {
        final int mr = VectorMicroKernel.MR;
        final int nr = VectorMicroKernel.NR;
        float[] edge = s.edge();
        float[] a = g.a;
        float[] c = g.c;
        int lda = g.lda;
        int ldc = g.ldc;
        float alpha = g.alpha;
        boolean transA = g.transA;
        for (int i = i0; i < i1; i += mr) {
            int rows = Math.min(mr, i1 - i);
            float[] packedA = null;
            if (rows < mr) {
                packedA = s.packedAv();
                GemmPacking.packAv(g, i, rows, pc, kc, packedA);
            }
            int aOff = transA ? g.aOffset + pc * lda + i : g.aOffset + i * lda + pc;
            for (int jr = 0; jr < nc; jr += nr) {
                int cols = Math.min(nr, nc - jr);
                int bOff = jr * kc;
                int cOff = g.cOffset + i * ldc + jc + jr;
                if (rows == mr && cols == nr) {
                    unpackedTile(transA, kc, alpha, a, aOff, lda, packedB, bOff, c, cOff, ldc);
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(c, cOff + r * ldc, edge, r * nr, cols);
                }
                if (packedA != null) {
                    VectorMicroKernel.kernel(kc, packedA, 0, packedB, bOff, edge, 0, nr);
                } else {
                    unpackedTile(transA, kc, alpha, a, aOff, lda, packedB, bOff, edge, 0, nr);
                }
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(edge, r * nr, c, cOff + r * ldc, cols);
                }
            }
        }
    }

    private static void unpackedTile(boolean transA, int kc, float alpha, float[] a, int aOff, int lda,
                                     float[] b, int bOff, float[] c, int cOff, int ldc) {
        if (alpha == 1f) {
            if (transA) {
                UnpackedAKernel.columnsOfA(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
            } else {
                UnpackedAKernel.rowsOfA(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
            }
        } else if (transA) {
            UnpackedAKernel.columnsOfAScaled(kc, alpha, a, aOff, lda, b, bOff, c, cOff, ldc);
        } else {
            UnpackedAKernel.rowsOfAScaled(kc, alpha, a, aOff, lda, b, bOff, c, cOff, ldc);
        }
    }
}
