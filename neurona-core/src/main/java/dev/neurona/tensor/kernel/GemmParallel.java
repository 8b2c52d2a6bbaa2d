package dev.neurona.tensor.kernel;

/**
 * Splits one large product of {@link JavaGemm} into contiguous parts over the cores: the calling
 * thread runs the first, {@link GemmWorkers} the others. Each element's arithmetic does not
 * depend on the part it lands in, so any split gives the same bits.
 */
final class GemmParallel {

    // JavaGemm's blocking constants (compile-time constants: reading them loads no class)
    private static final int MR = JavaGemm.MR;
    private static final int NC = JavaGemm.NC;
    private static final int KC = JavaGemm.KC;

    private GemmParallel() {
    }

    /**
     * Splits C into {@code threads} contiguous parts (rows, or columns when C is wider
     * than tall), hands all but the first to the {@link GemmWorkers} and runs the first itself.
     * Row parts are multiples of {@link JavaGemm#MR} (column parts of 16) where possible; since each
     * element's arithmetic does not depend on the part it lands in, any split gives the same bits.
     */
    static void parallel(GemmArgs g, int threads) {
        boolean byRows = g.m >= g.n;
        int extent = byRows ? g.m : g.n;
        int grain = byRows ? (g.vector ? VectorMicroKernel.MR : MR) : (g.vector ? VectorMicroKernel.NR : 16);
        GemmWorkers workers = GemmWorkers.shared();
        int parts = (int) Math.min(Math.min(threads, workers.size() + 1), Math.max(1, extent / grain));
        if (parts < 2 || !workers.tryAcquire()) {
            BlockedGemm.blocked(g, 0, g.m, 0, g.n);   // one part, or the workers are busy with another thread's product
            return;
        }
        Throwable failure = null;
        try {
            int units = (extent + grain - 1) / grain;
            if (!byRows) {
                failure = split(workers, g, parts, units, grain, extent, COLUMNS);
            } else if (g.vector) {
                // the vector kernel is fast enough that packing B on one thread and meeting at
                // every panel cost ~20 % (1024³: 106–134 against 130–159 GFLOPS for independent
                // halves, each packing its own copy of B): each part runs the whole product alone
                failure = split(workers, g, parts, units, grain, extent, ROWS);
            } else {
                // every part multiplies by the same panels of B: pack each once and share it
                DirectGemm.scaleC(g.beta, g.c, g.cOffset, g.ldc, 0, g.m, 0, g.n);
                GemmScratch s = GemmScratch.SCRATCH.get();
                float[][] packed = s.packedB;
                float[] packedV = g.vector ? s.packedBv() : null;
                for (int jc = 0; jc < g.n && failure == null; jc += NC) {
                    for (int pc = 0; pc < g.k && failure == null; pc += KC) {
                        g.jc = jc;
                        g.nc = Math.min(NC, g.n - jc);
                        g.pc = pc;
                        g.kc = Math.min(KC, g.k - pc);
                        if (g.vector) {
                            GemmPacking.packBv(g, g.pc, g.kc, jc, g.nc, packedV);
                            g.sharedBv = packedV;
                        } else {
                            GemmPacking.packB(g, g.pc, g.kc, jc, g.nc, packed);
                            g.sharedB = packed;
                        }
                        failure = split(workers, g, parts, units, grain, extent, ROWS_OF_PANEL);
                    }
                }
            }
        } finally {
            workers.release();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error er) {
            throw er;
        }
    }

    /** Runs {@code part} over {@code parts} contiguous ranges of [0, extent), the first on this thread. */
    private static Throwable split(GemmWorkers workers, GemmArgs g, int parts, int units, int grain, int extent,
                                   GemmWorkers.Part part) {
        for (int t = 1; t < parts; t++) {
            int lo = Math.min(extent, (int) ((long) units * t / parts) * grain);
            int hi = Math.min(extent, (int) ((long) units * (t + 1) / parts) * grain);
            workers.start(t - 1, part, g, true, lo, hi);
        }
        Throwable failure = null;
        try {
            part.run(g, true, 0, Math.min(extent, (int) ((long) units / parts) * grain));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int t = 1; t < parts; t++) {
            Throwable f = workers.join(t - 1);
            if (failure == null) {
                failure = f;
            }
        }
        return failure;
    }

    /** Rows [lo, hi) of the current shared panel (a split by rows). */
    private static final GemmWorkers.Part ROWS_OF_PANEL = (operands, unused, lo, hi) -> {
        GemmArgs g = (GemmArgs) operands;
        if (g.vector) {
            BlockedGemm.panelV(g, lo, hi, g.jc, g.nc, g.pc, g.kc, g.sharedBv, GemmScratch.SCRATCH.get());
        } else {
            BlockedGemm.panel(g, lo, hi, g.jc, g.nc, g.pc, g.kc, g.sharedB, GemmScratch.SCRATCH.get());
        }
    };

    /** Rows [lo, hi) of the whole product (a split by rows in which each part packs its own B). */
    private static final GemmWorkers.Part ROWS = (operands, unused, lo, hi) -> {
        GemmArgs g = (GemmArgs) operands;
        BlockedGemm.blocked(g, lo, hi, 0, g.n);
    };

    /** Columns [lo, hi) of the whole product (a split by columns: each part packs its own B columns). */
    private static final GemmWorkers.Part COLUMNS = (operands, unused, lo, hi) -> {
        GemmArgs g = (GemmArgs) operands;
        BlockedGemm.blocked(g, 0, g.m, lo, hi);
    };
}
