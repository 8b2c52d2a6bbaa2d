package dev.neurona.openblas;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import dev.ludovic.netlib.blas.BLAS;
import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.GemmChecks;
import dev.neurona.tensor.kernel.JavaGemm;
import dev.neurona.tensor.kernel.ParallelRange;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * {@link Gemm} through OpenBLAS's {@code cblas_sgemm}. Only the {@code m × n} window of
 * {@code c} described by {@code cOffset} and {@code ldc} is written; {@code a} and {@code b}
 * are only read. Instances come from {@link OpenBlasGemmProvider}, which loads the library first.
 *
 * <h2>Getting Java arrays to OpenBLAS</h2>
 * <b>Zero-copy route (the usual one).</b> The provider opens the same {@code libopenblas} through
 * netlib's JNI binding ({@code dev.ludovic.netlib:blas}, the one Spark MLlib uses), whose
 * {@code sgemm} pins the Java arrays with JNI's {@code GetPrimitiveArrayCritical} and hands
 * OpenBLAS pointers into them: nothing is copied. Row-major {@code C = op(A)·op(B)} is issued as
 * the column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}, so the two operands swap places and every stored
 * matrix keeps its leading dimension. Results are bit-identical to the staging route (same library,
 * same kernel); on the network shapes the call is 15–25 % faster (docs/BENCHMARKS.md).
 * netlib checks each operand as if its last row were a full {@code ld} long, which is stricter
 * than {@link GemmChecks}; a window that ends closer to its array's end than that takes the
 * staging route below.
 *
 * <p><b>Staging route (the fallback)</b>, used for those windows and whenever netlib's binding
 * cannot load (it ships for Linux x86-64 and aarch64 only). JavaCPP's {@code float[]} overloads take no offset, and they are not zero-copy either: they go
 * through JNI's {@code Get/ReleaseFloatArrayElements}, which on HotSpot copies each whole array
 * in and back out (A and B included), which also writes back parts of {@code c} outside the window that another thread
 * may be writing. Heap {@code FloatBuffer}s take the same path. So each operand's window is
 * copied, row by row (one bulk copy when the rows are contiguous), into direct staging buffers
 * that belong to the calling thread and grow to the largest product it has seen; C is copied in
 * only when {@code beta != 0}, and its window is copied back after the call. Measured on the
 * project's 2-core EPYC (Zen 4; shared, load 5–8; one OpenBLAS thread; best of ≥ 30 rounds of
 * 20 ms; square products, µs per call), {@code float[]} overload / heap {@code FloatBuffer} /
 * staging / OpenBLAS on direct buffers with no copy:
 * <pre>
 *   n = 8      0.29 /  1.11 / 0.17 / 0.15
 *   n = 32     1.71 /  3.34 / 1.63 / 1.32
 *   n = 128    54.8 /  62.2 / 49.4 / 54.0
 * </pre>
 * Copying costs O(m·k + k·n + m·n) against the product's O(m·n·k), so it fades as sizes grow
 * (docs/BENCHMARKS.md has the ratios).
 *
 * <h2>Tiny products</h2>
 * Below {@link #JAVA_BELOW} multiply-adds the JNI call costs more than the arithmetic, so such
 * products, and those that only scale C ({@code k == 0} or {@code alpha == 0}, where A and B must
 * not be read), go to {@link JavaGemm}. Results within one backend are still deterministic:
 * the same shape always takes the same path.
 *
 * <p>Thread-safe; each calling thread keeps its own staging buffers (up to
 * {@code 4·(m·k + k·n + m·n)} bytes of native memory for the largest product it ran), freed when
 * the thread ends and the buffers are collected. OpenBLAS's own threads (as many as the JVM's
 * available processors, set by the provider) split each product.
 */
public final class OpenBlasGemm implements Gemm {

    /**
     * Products with {@code m·n·k} below this run on {@link JavaGemm}. Measured on the 2-core
     * EPYC above (best of ≥ 30 rounds, µs per call, pure Java / OpenBLAS with staging):
     * 1³ 0.06 / 0.11, 2³ 0.09 / 0.10, 3³ 0.14 / 0.14, 4³ 0.26 / 0.13, 5³ 0.49 / 0.10,
     * 1×10×8 0.39 / 0.17. OpenBLAS wins from 3³ = 27 on, the size of its JNI call overhead
     * (about 0.1 µs).
     */
    static final long JAVA_BELOW = 27;

    private static final ThreadLocal<Staging> STAGING = ThreadLocal.withInitial(Staging::new);

    /**
     * One-row products from this many multiply-adds are split in two: below it, waking the
     * second core costs more than it saves.
     */
    static final long SPLIT_GEMV_FROM = 1L << 17;
    /**
     * ... and below this many: OpenBLAS threads an {@code sgemv} itself from 115,200 × 4 =
     * 460,800 multiply-adds, so larger products are left to it (each half stays under that).
     */
    static final long SPLIT_GEMV_BELOW = 2L * 460_800;

    private static final ThreadLocal<GemvHalves> HALVES = ThreadLocal.withInitial(GemvHalves::new);

    private final Gemm java = new JavaGemm();

    /** netlib's JNI binding over the same OpenBLAS, or null to stage every product. */
    private final BLAS zeroCopy;

    /**
     * @param zeroCopy netlib's binding opened on the OpenBLAS that JavaCPP loaded, or null when
     *                 it could not be opened (every product is then staged)
     */
    OpenBlasGemm(BLAS zeroCopy) {
        this.zeroCopy = zeroCopy;
    }

    /** Whether products reach OpenBLAS without copies (see the class comment). */
    boolean isZeroCopy() {
        return zeroCopy != null;
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
        if (k == 0 || alpha == 0f || (long) m * n * k < JAVA_BELOW) {
            java.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        // Stored shapes: A is m×k (k×m transposed), B is k×n (n×k transposed).
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        if (m == 1 && zeroCopy != null && gemv(transA, transB, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset)) {
            return;
        }
        if (zeroCopy != null
                && (long) aOffset + (long) aRows * lda <= a.length
                && (long) bOffset + (long) bRows * ldb <= b.length) {
            // Column-major Cᵀ (n×m, ldc) = op(B)ᵀ (n×k) · op(A)ᵀ (k×m); stored B is a column-major
            // bCols×bRows matrix with leading dimension ldb, and likewise A.
            zeroCopy.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
                    alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
            return;
        }
        Staging s = STAGING.get();
        s.ensure(aRows * aCols, bRows * bCols, m * n);
        stageIn(a, aOffset, lda, aRows, aCols, s.aBuffer);
        stageIn(b, bOffset, ldb, bRows, bCols, s.bBuffer);
        if (beta != 0f) {
            stageIn(c, cOffset, ldc, m, n, s.cBuffer);
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, s.a, aCols, s.b, bCols, beta, s.c, n);
        stageOut(s.cBuffer, m, n, c, cOffset, ldc);
    }

    /**
     * A one-row product (a single-sample forward pass) as OpenBLAS's {@code sgemv}, whose kernel
     * streams the matrix once instead of packing it (1×256×784: 9.2 µs against sgemm's 10.6 µs;
     * 1×1024×1024: 34 µs against 202 µs). C's row is {@code y = alpha·op(B)ᵀ·x + beta·y} with x
     * A's row (stride {@code lda} when A is stored as a column). Products of
     * {@link #SPLIT_GEMV_FROM} to {@link #SPLIT_GEMV_BELOW} multiply-adds, which OpenBLAS runs on
     * one thread, are cut in two fixed halves run on two cores ({@link GemvHalves}). Returns
     * false, doing nothing, when netlib's stricter bounds check would refuse the window.
     */
    private boolean gemv(boolean transA, boolean transB, int n, int k, float alpha, float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset) {
        int incx = transA ? lda : 1;
        // stored B is k×n (column-major n×k) or, transposed, n×k (column-major k×n): ld columns each
        int columns = transB ? n : k;
        if ((long) bOffset + (long) columns * ldb > b.length) {
            return false;
        }
        long work = (long) n * k;
        if (work >= SPLIT_GEMV_FROM && work < SPLIT_GEMV_BELOW && k >= 2 && n >= 2) {
            GemvHalves halves = HALVES.get();
            halves.set(zeroCopy, transB, n, k, alpha, a, aOffset, incx, b, bOffset, ldb, beta, c, cOffset);
            ParallelRange.parts(2, halves);
            halves.finish();
            return true;
        }
        if (transB) {
            zeroCopy.sgemv("T", k, n, alpha, b, bOffset, ldb, a, aOffset, incx, beta, c, cOffset, 1);
        } else {
            zeroCopy.sgemv("N", n, k, alpha, b, bOffset, ldb, a, aOffset, incx, beta, c, cOffset, 1);
        }
        return true;
    }

    /**
     * The two halves of a one-row product, always cut the same way so that the bits do not
     * depend on who runs them. Untransposed B is cut along k (netlib's bounds check refuses a
     * column window of it): the first half accumulates into C with beta, the second into a
     * scratch row that is then added. Transposed B is cut along n, each half writing its own
     * columns of C.
     */
    private static final class GemvHalves implements ParallelRange.Body {
        private BLAS blas;
        private boolean transB;
        private int n;
        private int k;
        private float alpha;
        private float[] a;
        private int aOffset;
        private int incx;
        private float[] b;
        private int bOffset;
        private int ldb;
        private float beta;
        private float[] c;
        private int cOffset;
        private float[] scratch = new float[0];

        @SuppressWarnings("checkstyle:ParameterNumber")
        void set(BLAS blas, boolean transB, int n, int k, float alpha, float[] a, int aOffset, int incx,
                 float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset) {
            this.blas = blas;
            this.transB = transB;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOffset = aOffset;
            this.incx = incx;
            this.b = b;
            this.bOffset = bOffset;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOffset = cOffset;
            if (!transB && scratch.length < n) {
                scratch = new float[n];
            }
        }

        @Override
        public void run(int lo, int hi) {
            for (int half = lo; half < hi; half++) {
                if (transB) {
                    int n1 = n / 2;
                    int from = half == 0 ? 0 : n1;
                    int count = half == 0 ? n1 : n - n1;
                    blas.sgemv("T", k, count, alpha, b, bOffset + from * ldb, ldb, a, aOffset, incx,
                            beta, c, cOffset + from, 1);
                } else if (half == 0) {
                    blas.sgemv("N", n, k / 2, alpha, b, bOffset, ldb, a, aOffset, incx, beta, c, cOffset, 1);
                } else {
                    int k1 = k / 2;
                    blas.sgemv("N", n, k - k1, alpha, b, bOffset + k1 * ldb, ldb, a, aOffset + k1 * incx, incx,
                            0f, scratch, 0, 1);
                }
            }
        }

        /** Adds the second half's partial row (untransposed B), then lets go of the operands. */
        void finish() {
            if (!transB) {
                float[] part = scratch;
                float[] out = c;
                int off = cOffset;
                for (int j = 0; j < n; j++) {
                    out[off + j] += part[j];
                }
            }
            a = null;
            b = null;
            c = null;
            blas = null;
        }
    }

    @Override
    public String name() {
        return "openblas";
    }

    /** Copies a rows × cols window with row stride ld into dst[0 .. rows·cols), rows packed tightly. */
    private static void stageIn(float[] src, int offset, int ld, int rows, int cols, FloatBuffer dst) {
        if (ld == cols) {
            dst.put(0, src, offset, rows * cols);
        } else {
            for (int r = 0; r < rows; r++) {
                dst.put(r * cols, src, offset + r * ld, cols);
            }
        }
    }

    /** The inverse of {@link #stageIn}: writes only the window, never the gaps between its rows. */
    private static void stageOut(FloatBuffer src, int rows, int cols, float[] dst, int offset, int ld) {
        if (ld == cols) {
            src.get(0, dst, offset, rows * cols);
        } else {
            for (int r = 0; r < rows; r++) {
                src.get(r * cols, dst, offset + r * ld, cols);
            }
        }
    }

    /** One thread's direct buffers for A, B and C, each grown on demand and never shrunk. */
    private static final class Staging {
        FloatPointer a;
        FloatPointer b;
        FloatPointer c;
        FloatBuffer aBuffer;
        FloatBuffer bBuffer;
        FloatBuffer cBuffer;

        void ensure(int aSize, int bSize, int cSize) {
            if (a == null || a.capacity() < aSize) {
                a = replace(a, aSize);
                aBuffer = a.asBuffer();
            }
            if (b == null || b.capacity() < bSize) {
                b = replace(b, bSize);
                bBuffer = b.asBuffer();
            }
            if (c == null || c.capacity() < cSize) {
                c = replace(c, cSize);
                cBuffer = c.asBuffer();
            }
        }

        private static FloatPointer replace(FloatPointer old, int size) {
            if (old != null) {
                old.close();
            }
            // Rounded up to 4096 floats (16 KiB) so that nearby sizes share a buffer.
            long capacity = Math.min(Integer.MAX_VALUE, ((long) size + 4095) & ~4095L);
            return new FloatPointer(capacity);
        }
    }
}
