package dev.neurona.bench;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.JavaGemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@link Gemm#gemm} call for square sizes and for the MLP training shapes.
 *
 * <p>{@code shape} is {@code "M×N×K"} optionally followed by {@code "tA"} / {@code "tB"}:
 * {@code sq512} is 512×512×512; {@code mlpForward} is X·W (m=128, n=256, k=784);
 * {@code mlpGradW} is Xᵀ·dY (transposed A, m=784, n=256, k=128); {@code mlpGradX} is dY·Wᵀ
 * (transposed B, m=128, n=784, k=256). The backend is the one {@link Backend} picks
 * ({@code -Dneurona.backend=java} forces the pure-Java kernel), or with {@code -p threads=1}
 * the pure-Java kernel on one thread. GFLOPS = 2·m·n·k / time;
 * {@link GemmGflops} prints them as a table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GemmBenchmark {

    /** The shapes measured, by name; see the class comment. */
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "mlpForward", "mlpGradW", "mlpGradX"})
    public String shape;

    /** 0: the kernel {@link Backend} picks; n &gt; 0: the pure-Java kernel limited to n threads. */
    @Param({"0"})
    public int threads;

    int m;
    int n;
    int k;
    boolean transA;
    boolean transB;
    float[] a;
    float[] b;
    float[] c;
    Gemm gemm;

    /** {m, n, k, transA, transB} of a shape name. */
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

    @Setup
    public void setUp() {
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
        gemm = threads == 0 ? Backend.gemm() : new JavaGemm(threads);
    }

    @Benchmark
    public float[] gemm() {
        gemm.gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }
}
