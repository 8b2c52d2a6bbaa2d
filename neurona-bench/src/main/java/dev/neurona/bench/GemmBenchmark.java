package dev.neurona.bench;

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
 * Time of one GEMM call for square sizes and for the MLP training shapes, on each backend.
 *
 * <p>{@code shape}: {@code sq512} is 512×512×512; {@code mlpForward} is X·W (m=128, n=256,
 * k=784); {@code mlpGradW} is Xᵀ·dY (transposed A, m=784, n=256, k=128); {@code mlpGradX} is
 * dY·Wᵀ (transposed B, m=128, n=784, k=256). {@code backend}: {@code auto} (what
 * {@link dev.neurona.tensor.kernel.Backend} picks; {@code -Dneurona.backend=…} in the fork
 * overrides), {@code java}, {@code native} (OpenBLAS through the Gemm interface) or
 * {@code openblas} (cblas_sgemm directly on direct buffers, the no-wrapper baseline); see
 * {@link GemmCall}. {@code threads}: 0 for each backend's default (all cores), n &gt; 0 for n
 * threads. GFLOPS = 2·m·n·k / time; {@link GemmGflops} prints them as a table with ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GemmBenchmark {

    /** The shapes measured, by name; see the class comment. */
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "mlpForward", "mlpGradW", "mlpGradX"})
    public String shape;

    /** auto, java, native or openblas; see the class comment. */
    @Param({"java", "native", "openblas"})
    public String backend;

    /** 0: each backend's default thread count; n &gt; 0: n threads. */
    @Param({"0"})
    public int threads;

    GemmCall call;

    /** {m, n, k, transA, transB} of a shape name; see {@link GemmCall#dims}. */
    public static int[] dims(String shape) {
        return GemmCall.dims(shape);
    }

    @Setup
    public void setUp() {
        call = new GemmCall(shape, backend, threads);
    }

    @Benchmark
    public Object gemm() {
        call.run();
        return call.result();
    }
}
