package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * Pure-Java {@link Gemm}: cache-blocked, register-blocked and, for large products, run on
 * all cores. Only the {@code m × n} window of {@code c} described by {@code cOffset} and
 * {@code ldc} is written; {@code a} and {@code b} are only read.
 *
 * <h2>Arithmetic</h2>
 * Every element is computed the same way on every path, whatever the blocking or the
 * number of threads:
 * <pre>
 *   s = (beta == 0) ? 0 : beta · c[i][j]          (beta == 1 leaves c untouched)
 *   for p = 0 .. k-1:  s = fma(alpha · opA[i][p], opB[p][j], s)
 *   c[i][j] = s
 * </pre>
 * Each element is a sequential chain of fused multiply-adds in increasing {@code p}, so
 * splitting the work over threads, over cache blocks or taking the direct path never
 * changes a single bit of the result. When {@code alpha == 0} the product is skipped (A and
 * B are not read, as in BLAS); when {@code beta == 0} the old content of C is ignored.
 *
 * <h2>Blocking</h2>
 * Large products follow the Goto/BLIS loop order {@code jc → pc → ic → micro-tile}:
 * <ol>
 *   <li>C's columns are cut into panels of {@link #NC}, the shared dimension into slices of
 *       {@link #KC}; the {@code KC × NC} block of {@code op(B)} is packed into one
 *       {@code float[]} per row ({@code packedB[p][j]}), whatever {@code transB} is. It is
 *       256 KiB–512 KiB and stays in the core's L2 cache while every row of C streams past.</li>
 *   <li>{@link #MC} rows of {@code alpha · op(A)} are packed, {@link #MR} rows interleaved
 *       ({@code packedA[(tile · kc + p) · MR + r]}), whatever {@code transA} is, so the
 *       micro-kernel reads its scalars sequentially.</li>
 *   <li>The micro-kernel updates {@link #MR} rows of C, {@code NC} columns wide, held in
 *       {@code float[]} tiles (copied in and out of C with {@code System.arraycopy}): for two
 *       steps of {@code p} at a time it runs {@code t_r[j] = fma(a_r1, b1[j], fma(a_r0, b0[j],
 *       t_r[j]))} over {@code j}. Each loaded {@code b[j]} vector feeds {@code MR} FMAs and
 *       each tile load/store is amortised over two FMAs.</li>
 * </ol>
 * Why this shape: HotSpot C2 (JDK 17) auto-vectorises this loop with AVX-512/AVX2 FMAs only
 * when <em>every</em> array access is at index {@code j} of a distinct array with the same
 * (zero) offset; accesses such as {@code c[c0 + j]} and {@code c[c1 + j]} (two loop-invariant
 * offsets) keep C2 from vectorising at all. Hence the per-row packed B, the per-row tiles and
 * the copy in/out. Variants measured (rows × p-steps per pass): 1×4, 2×2, 2×3, 3×2 and 3×3
 * vectorise but are no faster or only sometimes (3×3 and 2×4 compiled to scalar code in
 * some JVM runs, 13 GFLOPS); 4×3, 4×4, 5×2, 6×2, 8×2, 2×5 … exceed what C2's SuperWord pass
 * packs and always run scalar. 4×2 vectorised in every run, at about 50 GFLOPS per core
 * on a Zen 4 EPYC, so it is the kernel. Updating rows of C in place instead of tiles ran
 * scalar at 4–13 GFLOPS. C2 picks the vector width from the loop's profile: a JVM whose
 * first blocked products are narrow (n ≈ 64) may compile the kernel with 128-bit vectors,
 * which measured 10–20 % slower on large products.
 *
 * <h2>Vector API micro-kernel</h2>
 * The loop above is bound by its tile loads and stores (two FMAs per load/store pair). When the
 * JVM runs with {@code --add-modules jdk.incubator.vector} (the module is in the boot layer, checked
 * once), the blocked path uses {@link VectorMicroKernel} instead, unless
 * {@code -Dneurona.java.vector=false}: an 8 × 2-vector block of C (8 × 32 floats with AVX-512,
 * the preferred species) kept in 16 vector registers across the whole {@code KC} slice, each
 * {@code p} costing two loads of packed B, eight broadcasts of packed A and 16 FMAs. B is then
 * packed into 2-vector-wide column panels, p-major ({@code KC × NR} contiguous, zero-padded to a
 * whole panel), A into 8-row panels ({@link #VECTOR_MC} rows at a time); loop order
 * {@code jc → pc → ic → jr → ir}. Full tiles are updated in C itself, partial tiles at the
 * bottom and right edges through a scratch tile. Each element is still the same FMA chain
 * starting from (beta-scaled) C, so the two kernels give the same bits. Products of fewer than
 * 8 rows with an untransposed B (a single-sample forward pass) skip packing: each row streams B
 * once ({@link VectorMicroKernel#rowTimesMatrix}), cut into two column halves on two cores from
 * {@link #ROW_SPLIT_FLOPS} multiply-adds, again with the same chain per element. Without the module
 * {@code VectorMicroKernel} is never loaded and the kernel is the one above. Variants measured
 * on one core (sq512, best of 40): 6 × 2 vectors 85, 12 × 2 86, 4 × 3 81, 8 × 2 97–100
 * GFLOPS; KC 128/384 instead of 256 and the {@code ir → jr} order made no measurable
 * difference.
 *
 * <p>Measured with {@code GemmBestOf} on a 2-core EPYC (Zen 4, AVX-512), JDK 17, one thread,
 * GFLOPS, scalar kernel / vector kernel / OpenBLAS ({@code cblas_sgemm}): 512³ 52 / 97 / 96–99,
 * 1024³ 49 / 85 / 92–97, 128×256×784 43 / 96 / 93, 784×256×128 (Aᵀ) 44 / 94 / 96–97,
 * 128×784×256 (Bᵀ) 36 / 88 / 95; two threads, each backend in its own JVM: vector 157–193,
 * OpenBLAS 172–198 (docs/BENCHMARKS.md). With the vector kernel a split by rows lets each part
 * pack its own B: sharing one packed panel made the parts meet at every panel, ~20 % slower.
 * The Vector API runs boxed until C2 compiles the kernel (a fresh JVM's first 128×256×784
 * products took 556 and 218 ms against 139 and 4 ms, and the garbage grew the heap), so when
 * the vector kernel is the default a background thread compiles it at class initialization
 * ({@link VectorMicroKernel#warmUp}, ~0.15 s of one core, also in a JVM whose products go to
 * OpenBLAS but that loaded this class).
 *
 * <p>Tiny products ({@code m·n·k < }{@link #SMALL_FLOPS}) take a direct loop with no packing
 * and no allocation; products with fewer than {@link #NARROW} columns are computed
 * transposed (their rows are too short for the vector loop); products with
 * {@code m·n·k ≥ }{@link #PARALLEL_FLOPS} split C's rows (or columns, when C is wider than
 * tall) into contiguous parts run on the persistent {@link GemmWorkers} (no allocation per
 * call), the calling thread taking a part itself. In a split by rows with the scalar kernel
 * the caller packs each panel of B once and every part reads it. Other packing buffers are per thread
 * ({@link ThreadLocal}), allocated once at their largest size (the vector kernel's on its first use).
 */
public final class JavaGemm implements Gemm {

    /** Rows of C per micro-tile. */
    static final int MR = 4;
    /** Columns of C per packed B panel (and tile width). 512 floats = 2 KiB per row: long
     *  enough for the vector loop to amortise its pre/post loops, short enough that the
     *  4 tile rows plus two B rows (12 KiB) sit in L1. */
    static final int NC = 512;
    /** Depth of a packed slice: KC × NC × 4 B = 512 KiB fits the 1–2 MiB L2 of current
     *  x86 cores beside the packed A block; 128 and 512 measured slower on an EPYC (Zen 4). */
    static final int KC = 256;
    /** Rows of A packed at once: MC × KC × 4 B = 128 KiB. */
    static final int MC = 128;
    /**
     * Below this m·n·k a direct loop (no packing, no allocation) is used. Measured on a
     * 2-core EPYC (Zen 4), JDK 17, best of 30 runs: the direct loop runs at 1–2.5 GFLOPS
     * (C2 cannot vectorise it, see above) and is faster than the blocked path only up to
     * about 4×4×4 (0.14 µs both); at 8³ it takes 0.75 µs against 0.39 µs, at 32³ 28 µs
     * against 3.7 µs. So the threshold sits at 5³, far below the 32³ first guessed.
     */
    static final long SMALL_FLOPS = 125;
    /**
     * From this m·n·k (≈ 161³) the product is split over threads. Measured as above: at
     * 128³ one thread took 121 µs and two 141 µs (the fork/join hand-off and the duplicated
     * B packing cost more than the second core gains), at 160³ both took 245 µs; beyond
     * that two threads win.
     */
    static final long PARALLEL_FLOPS = 1L << 22;
    /**
     * Below this many output columns (and with at least twice as many rows) the product is
     * computed transposed ({@link #narrow}): a 784-8-10 network's forward product and weight
     * gradient have n = 8, half an AVX-512 vector, where the transposed one has rows of 32+.
     */
    static final int NARROW = 16;

    /** Rows of A packed at once for the vector kernel: a multiple of its 8-row tile; 144 × KC × 4 B = 144 KiB. */
    static final int VECTOR_MC = 144;

    /** Whether {@code jdk.incubator.vector} is in the boot layer and its preferred species is usable. */
    static final boolean VECTOR_PRESENT = vectorPresent();
    /** Whether kernels use the vector micro-kernel by default: present and not switched off
     *  with {@code -Dneurona.java.vector=false}. */
    static final boolean VECTOR_DEFAULT = VECTOR_PRESENT
            && !"false".equalsIgnoreCase(System.getProperty("neurona.java.vector", "true").trim());

    private static boolean vectorPresent() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return false;   // never touch VectorMicroKernel: its class would not link
        }
        try {
            return VectorMicroKernel.usable();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    static {
        if (VECTOR_DEFAULT) {
            // compile the kernels in the background while the application starts (see warmUp)
            Thread warmUp = new Thread(VectorMicroKernel::warmUp, "neurona-vector-warm-up");
            warmUp.setDaemon(true);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        }
    }

    /**
     * From this many multiply-adds a row streamed by the vector kernel is cut into two column
     * halves run on two cores: a 784→256 layer (200,704) reads 784 KB of weights, which one
     * core streams in about 10 µs and two, each from its own L2, in about half that.
     */
    static final long ROW_SPLIT_FLOPS = 1L << 17;
    /** Column halves are cut at a multiple of this many floats (whole vector blocks). */
    static final int ROW_SPLIT_GRAIN = 64;

    /**
     * The two column halves of one row times B for {@link ParallelRange#parts}; each element's
     * chain of FMAs is the same whichever half it falls in, so the bits do not depend on the cut.
     */
    private static final class RowHalves implements ParallelRange.Body {
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
            int half = (n / 2 + ROW_SPLIT_GRAIN - 1) / ROW_SPLIT_GRAIN * ROW_SPLIT_GRAIN;
            for (int part = lo; part < hi; part++) {
                int j0 = part == 0 ? 0 : half;
                int j1 = part == 0 ? half : n;
                VectorMicroKernel.rowTimesMatrix(j1 - j0, k, alpha, a, aRow, aStride, b, bOffset + j0, ldb, c, cRow + j0);
            }
        }
    }

    private final int threads;
    private final boolean vector;

    /** A kernel that splits large products over all cores (the caller plus {@link GemmWorkers}). */
    public JavaGemm() {
        this(PARALLELISM);
    }

    /**
     * A kernel that uses at most {@code maxThreads} threads for one product (1: the calling
     * thread only). Results are bit-identical whatever the value.
     *
     * @throws IllegalArgumentException if {@code maxThreads < 1}
     */
    public JavaGemm(int maxThreads) {
        this(maxThreads, VECTOR_DEFAULT);
    }

    /**
     * For tests: a kernel that uses the Vector API micro-kernel ({@code vector}) or the
     * auto-vectorised scalar one, whatever the default.
     *
     * @throws IllegalStateException if {@code vector} is asked for and {@code jdk.incubator.vector} is absent
     */
    JavaGemm(int maxThreads, boolean vector) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("JavaGemm: maxThreads=" + maxThreads + " must be at least 1");
        }
        if (vector && !VECTOR_PRESENT) {
            throw new IllegalStateException("JavaGemm: the vector kernel needs --add-modules jdk.incubator.vector");
        }
        this.threads = maxThreads;
        this.vector = vector;
    }

    /** Whether this kernel uses the Vector API micro-kernel. */
    boolean usesVectorKernel() {
        return vector;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread packing buffers. */
    private static final class Scratch {
        final float[][] packedB = new float[KC][NC];
        final float[] packedA = new float[MC * KC];
        final float[][] tile = new float[MR][NC];
        final Args args = new Args();
        final RowHalves rowHalves = new RowHalves();
        private float[] transposed = new float[0];
        /** The vector kernel's buffers, allocated on its first use on this thread. */
        private float[] packedBv;
        private float[] packedAv;
        private float[] edge;

        /** KC × NC of op(B) as NR-column panels, p-major within a panel, zero-padded to a whole panel. */
        float[] packedBv() {
            if (packedBv == null) {
                int nr = VectorMicroKernel.NR;
                packedBv = new float[KC * ((NC + nr - 1) / nr * nr)];
            }
            return packedBv;
        }

        /** VECTOR_MC × KC of alpha · op(A) as MR-row panels, p-major within a panel. */
        float[] packedAv() {
            if (packedAv == null) {
                packedAv = new float[VECTOR_MC * KC];
            }
            return packedAv;
        }

        /** One MR × NR tile, for the partial tiles at C's bottom and right edges. */
        float[] edge() {
            if (edge == null) {
                edge = new float[VectorMicroKernel.MR * VectorMicroKernel.NR];
            }
            return edge;
        }

        /** A scratch array of at least {@code size} values, grown (once) when a larger one is needed. */
        float[] transposed(int size) {
            if (transposed.length < size) {
                transposed = new float[size];
            }
            return transposed;
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.validate(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 0 || alpha == 0f) {
            scaleC(beta, c, cOffset, ldc, 0, m, 0, n);
            return;
        }
        if (work < SMALL_FLOPS) {
            small(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        if (vector && !transB && m < VectorMicroKernel.MR) {
            // a few rows (a single-sample forward pass): each streams B once, no packing
            scaleC(beta, c, cOffset, ldc, 0, m, 0, n);
            RowHalves halves = threads > 1 && (long) n * k >= ROW_SPLIT_FLOPS && n >= 2 * ROW_SPLIT_GRAIN
                    ? SCRATCH.get().rowHalves : null;
            for (int i = 0; i < m; i++) {
                int aRow = transA ? aOffset + i : aOffset + i * lda;
                int aStride = transA ? lda : 1;
                if (halves != null) {
                    halves.set(n, k, alpha, a, aRow, aStride, b, bOffset, ldb, c, cOffset + i * ldc);
                    ParallelRange.parts(2, halves);
                    halves.clear();
                } else {
                    VectorMicroKernel.rowTimesMatrix(n, k, alpha, a, aRow, aStride, b, bOffset, ldb, c, cOffset + i * ldc);
                }
            }
            return;
        }
        Scratch scratch = SCRATCH.get();
        if (n < NARROW && m >= 2 * n) {
            narrow(scratch, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        // the calling thread's reusable operand record: the single-thread path allocates nothing
        Args g = scratch.args.set(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        g.vector = vector;
        run(g, work);
    }

    private void run(Args g, long work) {
        try {
            if (work < PARALLEL_FLOPS || threads < 2) {
                blocked(g, 0, g.m, 0, g.n);
            } else {
                parallel(g, threads);
            }
        } finally {
            g.clear();
        }
    }

    /**
     * A product with few output columns (a layer of a few neurons, or its weight gradient):
     * the micro-kernel vectorizes along C's rows, so with {@code n} narrow it would run
     * mostly empty. Computes {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}, whose rows are long, into scratch
     * and transposes it into C. The same inputs always take this path, so results stay
     * deterministic; each element is still one fused multiply-add chain in increasing k.
     */
    private void narrow(Scratch scratch, boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                        float beta, float[] c, int cOffset, int ldc) {
        float[] t = scratch.transposed(n * m);
        Args g = scratch.args.set(!transB, !transA, n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda, 0f, t, 0, m);
        g.vector = vector;
        run(g, (long) m * n * k);
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                float v = t[j * m + i];
                c[row + j] = beta == 0f ? v : v + beta * c[row + j];
            }
        }
    }

    @Override
    public String name() {
        return "java";
    }

    /**
     * The operands of one call, so the parts of a split call can share them. One per thread,
     * refilled by each call on that thread (workers of a split call only read the caller's).
     */
    private static final class Args {
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
        Args set(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
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

    // ------------------------------------------------------------------ C = beta · C

    /** Applies the beta part to rows [i0,i1), columns [j0,j1) of C. */
    private static void scaleC(float beta, float[] c, int cOffset, int ldc, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int row = cOffset + i * ldc;
            scaleRow(beta, c, row + j0, row + j1);
        }
    }

    /** c[from..to) = beta · c[from..to), with beta == 0 writing zeros (no NaN propagation). */
    private static void scaleRow(float beta, float[] c, int from, int to) {
        if (beta == 0f) {
            Arrays.fill(c, from, to, 0f);
        } else if (beta != 1f) {
            for (int j = from; j < to; j++) {
                c[j] = beta * c[j];
            }
        }
    }

    // ------------------------------------------------------------------ small products

    /** Direct loops, no packing, no allocation; same per-element arithmetic as the blocked path. */
    private static void small(boolean transA, boolean transB, int m, int n, int k,
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

    // ------------------------------------------------------------------ threads

    /** Default threads for a large product: the cores of this machine (the caller and {@link GemmWorkers}). */
    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Splits C into {@code threads} contiguous parts (rows, or columns when C is wider
     * than tall), hands all but the first to the {@link GemmWorkers} and runs the first itself.
     * Row parts are multiples of {@link #MR} (column parts of 16) where possible; since each
     * element's arithmetic does not depend on the part it lands in, any split gives the same bits.
     */
    private static void parallel(Args g, int threads) {
        boolean byRows = g.m >= g.n;
        int extent = byRows ? g.m : g.n;
        int grain = byRows ? (g.vector ? VectorMicroKernel.MR : MR) : (g.vector ? VectorMicroKernel.NR : 16);
        GemmWorkers workers = GemmWorkers.shared();
        int parts = (int) Math.min(Math.min(threads, workers.size() + 1), Math.max(1, extent / grain));
        if (parts < 2 || !workers.tryAcquire()) {
            blocked(g, 0, g.m, 0, g.n);   // one part, or the workers are busy with another thread's product
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
                scaleC(g.beta, g.c, g.cOffset, g.ldc, 0, g.m, 0, g.n);
                Scratch s = SCRATCH.get();
                float[][] packed = s.packedB;
                float[] packedV = g.vector ? s.packedBv() : null;
                for (int jc = 0; jc < g.n && failure == null; jc += NC) {
                    for (int pc = 0; pc < g.k && failure == null; pc += KC) {
                        g.jc = jc;
                        g.nc = Math.min(NC, g.n - jc);
                        g.pc = pc;
                        g.kc = Math.min(KC, g.k - pc);
                        if (g.vector) {
                            packBv(g, g.pc, g.kc, jc, g.nc, packedV);
                            g.sharedBv = packedV;
                        } else {
                            packB(g, g.pc, g.kc, jc, g.nc, packed);
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
    private static Throwable split(GemmWorkers workers, Args g, int parts, int units, int grain, int extent,
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
        Args g = (Args) operands;
        if (g.vector) {
            panelV(g, lo, hi, g.jc, g.nc, g.pc, g.kc, g.sharedBv, SCRATCH.get());
        } else {
            panel(g, lo, hi, g.jc, g.nc, g.pc, g.kc, g.sharedB, SCRATCH.get());
        }
    };

    /** Rows [lo, hi) of the whole product (a split by rows in which each part packs its own B). */
    private static final GemmWorkers.Part ROWS = (operands, unused, lo, hi) -> {
        Args g = (Args) operands;
        blocked(g, lo, hi, 0, g.n);
    };

    /** Columns [lo, hi) of the whole product (a split by columns: each part packs its own B columns). */
    private static final GemmWorkers.Part COLUMNS = (operands, unused, lo, hi) -> {
        Args g = (Args) operands;
        blocked(g, 0, g.m, lo, hi);
    };


    // ------------------------------------------------------------------ blocked path

    /** Computes rows [i0,i1), columns [j0,j1) of C with packing and the micro-kernel. */
    private static void blocked(Args g, int i0, int i1, int j0, int j1) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        scaleC(g.beta, g.c, g.cOffset, g.ldc, i0, i1, j0, j1);
        Scratch s = SCRATCH.get();
        if (g.vector) {
            float[] packedBv = s.packedBv();
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                for (int pc = 0; pc < g.k; pc += KC) {
                    int kc = Math.min(KC, g.k - pc);
                    packBv(g, pc, kc, jc, nc, packedBv);
                    panelV(g, i0, i1, jc, nc, pc, kc, packedBv, s);
                }
            }
            return;
        }
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < g.k; pc += KC) {
                int kc = Math.min(KC, g.k - pc);
                packB(g, pc, kc, jc, nc, s.packedB);
                panel(g, i0, i1, jc, nc, pc, kc, s.packedB, s);
            }
        }
    }

    /** Rows [i0, i1) of C's columns [jc, jc+nc) times the packed panel of B (depth pc..pc+kc). */
    private static void panel(Args g, int i0, int i1, int jc, int nc, int pc, int kc, float[][] packedB, Scratch s) {
        float[] packedA = s.packedA;
        float[][] tile = s.tile;
        float[] c = g.c;
        for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            packA(g, ic, mc, pc, kc, packedA);
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int cRow = g.cOffset + (ic + ir) * g.ldc + jc;
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(c, cRow + r * g.ldc, tile[r], 0, nc);
                }
                kernel(kc, nc, packedA, ir * kc, packedB, tile);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(tile[r], 0, c, cRow + r * g.ldc, nc);
                }
            }
        }
    }

    /** Packs op(B)[pc..pc+kc) × [jc..jc+nc) into one row array per p. */
    private static void packB(Args g, int pc, int kc, int jc, int nc, float[][] packedB) {
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
    private static void packA(Args g, int ic, int mc, int pc, int kc, float[] packedA) {
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
     * The micro-kernel: for p in [0,kc), t_r[j] = fma(A[r][p], B[p][j], t_r[j]) for the four
     * tile rows, two p at a time. Every array is indexed by plain {@code j} so that C2
     * vectorises the inner loop (see the class comment).
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

    // ------------------------------------------------------------------ vector path

    /**
     * Rows [i0, i1) of C's columns [jc, jc+nc) times the packed panel of B (depth pc..pc+kc),
     * with {@link VectorMicroKernel}: full MR × NR tiles are updated in C itself, partial ones
     * through the scratch tile (only their valid part is copied back).
     */
    private static void panelV(Args g, int i0, int i1, int jc, int nc, int pc, int kc, float[] packedB, Scratch s) {
        final int mr = VectorMicroKernel.MR;
        final int nr = VectorMicroKernel.NR;
        float[] packedA = s.packedAv();
        float[] edge = s.edge();
        float[] c = g.c;
        int ldc = g.ldc;
        for (int ic = i0; ic < i1; ic += VECTOR_MC) {
            int mc = Math.min(VECTOR_MC, i1 - ic);
            packAv(g, ic, mc, pc, kc, packedA);
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
     * Packs op(B)[pc..pc+kc) × [jc..jc+nc) as NR-column panels, p-major within a panel
     * ({@code packed[(jr/NR · kc + p) · NR + j]}); columns past nc in the last panel are zero.
     */
    private static void packBv(Args g, int pc, int kc, int jc, int nc, float[] packed) {
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
    private static void packAv(Args g, int ic, int mc, int pc, int kc, float[] packedA) {
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
