package dev.neurona.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import dev.neurona.openblas.OpenBlasGemmProvider;
import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.JavaGemm;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * One product, {@code C = op(A)·op(B)}, of one shape on one backend, with its operands allocated
 * and filled once, shared by {@link GemmBenchmark} and {@link GemmBestOf}.
 *
 * <p>Backends: {@code auto} (what {@link Backend} picks), {@code java} ({@link JavaGemm}),
 * {@code native} (OpenBLAS through the {@link Gemm} interface: zero-copy, staging where it must) and
 * {@code openblas}: {@code cblas_sgemm} called directly on preallocated direct buffers, no
 * wrapper and no copies — the ceiling the {@code native} wrapper is measured against. With
 * {@code threads > 0} the pure-Java kernel uses that many threads, and OpenBLAS's (process-wide)
 * thread count is set to it; {@code 0} leaves each backend at its default (all cores).
 */
public final class GemmCall {

    /** The backend names, in the order tables print them. */
    public static final String[] BACKENDS = {"java", "native", "openblas"};

    private final int m;
    private final int n;
    private final int k;
    private final boolean transA;
    private final boolean transB;
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final Gemm gemm;
    private final FloatPointer directA;
    private final FloatPointer directB;
    private final FloatPointer directC;

    /** Prepares {@code shape} (a {@link #dims} name) on {@code backend}. */
    public GemmCall(String shape, String backend, int threads) {
        int[] d = dims(shape);
        m = d[0];
        n = d[1];
        k = d[2];
        transA = d[3] == 1;
        transB = d[4] == 1;
        SplittableRandom rnd = new SplittableRandom(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextDouble() - 0.5);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (rnd.nextDouble() - 0.5);
        }
        switch (backend) {
            case "auto" -> gemm = threads == 0 ? Backend.gemm() : new JavaGemm(threads);
            case "java" -> gemm = threads == 0 ? new JavaGemm() : new JavaGemm(threads);
            case "native" -> gemm = loadOpenBlas(threads);
            case "openblas" -> gemm = null;
            default -> throw new IllegalArgumentException("unknown backend '" + backend
                    + "'; known: auto, java, native, openblas");
        }
        if (gemm == null) {
            loadOpenBlas(threads);
            directA = new FloatPointer(a);
            directB = new FloatPointer(b);
            directC = new FloatPointer(c);
        } else {
            directA = null;
            directB = null;
            directC = null;
        }
    }

    private static Gemm loadOpenBlas(int threads) {
        OpenBlasGemmProvider provider = new OpenBlasGemmProvider();
        Gemm openblas = provider.create().orElseThrow(() -> new IllegalStateException(provider.unavailableReason()));
        if (threads > 0) {
            openblas_nolapack.blas_set_num_threads(threads);
        }
        return openblas;
    }

    /** Runs the product once. */
    public void run() {
        if (gemm != null) {
            gemm.gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        } else {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, directA, transA ? m : k,
                    directB, transB ? k : n, 0f, directC, n);
        }
    }

    /** Something that depends on the result, for JMH's blackhole. */
    public Object result() {
        return gemm != null ? c : directC;
    }

    /** Floating-point operations of one product: 2·m·n·k. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /**
     * {m, n, k, transA, transB} of a shape name: {@code sqN} is N×N×N; {@code mlpForward} is X·W
     * (m=128, n=256, k=784); {@code mlpGradW} is Xᵀ·dY (transposed A, m=784, n=256, k=128);
     * {@code mlpGradX} is dY·Wᵀ (transposed B, m=128, n=784, k=256).
     */
    public static int[] dims(String shape) {
        return switch (shape) {
            case "mlpForward" -> new int[] {128, 256, 784, 0, 0};
            case "mlpGradW" -> new int[] {784, 256, 128, 1, 0};
            case "mlpGradX" -> new int[] {128, 784, 256, 0, 1};
            default -> {
                if (!shape.startsWith("sq")) {
                    throw new IllegalArgumentException("unknown shape " + shape);
                }
                int s = Integer.parseInt(shape.substring(2));
                yield new int[] {s, s, s, 0, 0};
            }
        };
    }
}
