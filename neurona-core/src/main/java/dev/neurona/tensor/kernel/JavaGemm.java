package dev.neurona.tensor.kernel;

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
 * starting from (beta-scaled) C, so the two kernels give the same bits. Panels of at most two
 * column tiles ({@link BlockedGemm#UNPACKED_A_TILES}: a convolution's im2col products and its
 * kernel gradient) leave A unpacked and read each 8-row tile where it is stored
 * ({@link UnpackedAKernel}), with the same bits. Products of fewer than
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
            DirectGemm.scaleC(beta, c, cOffset, ldc, 0, m, 0, n);
            return;
        }
        if (work < SMALL_FLOPS) {
            DirectGemm.small(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        if (vector && !transB && m < VectorMicroKernel.MR) {
            // a few rows (a single-sample forward pass): each streams B once, no packing
            DirectGemm.scaleC(beta, c, cOffset, ldc, 0, m, 0, n);
            RowHalves halves = threads > 1 && (long) n * k >= ROW_SPLIT_FLOPS && n >= 2 * ROW_SPLIT_GRAIN
                    ? GemmScratch.SCRATCH.get().rowHalves : null;
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
        GemmScratch scratch = GemmScratch.SCRATCH.get();
        if (n < NARROW && m >= 2 * n) {
            narrow(scratch, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        // the calling thread's reusable operand record: the single-thread path allocates nothing
        GemmArgs g = scratch.args.set(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
        g.vector = vector;
        run(g, work);
    }

    private void run(GemmArgs g, long work) {
        try {
            if (work < PARALLEL_FLOPS || threads < 2) {
                BlockedGemm.blocked(g, 0, g.m, 0, g.n);
            } else {
                GemmParallel.parallel(g, threads);
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
    private void narrow(GemmScratch scratch, boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                        float beta, float[] c, int cOffset, int ldc) {
        float[] t = scratch.transposed(n * m);
        GemmArgs g = scratch.args.set(!transB, !transA, n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda, 0f, t, 0, m);
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

    /** Default threads for a large product: the cores of this machine (the caller and {@link GemmWorkers}). */
    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
}
