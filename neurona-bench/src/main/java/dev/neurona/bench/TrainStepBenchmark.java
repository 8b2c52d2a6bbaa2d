package dev.neurona.bench;

import dev.neurona.tensor.Tensor;
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
 * One steady-state training step (forward, loss, backward, optimizer, accuracy) and one
 * single-sample prediction of the benchmark networks ({@link FashionConfig}: small and medium
 * by default, any other with {@code -p network=mnist-mlp}). Run with JMH's GC profiler to see
 * the bytes allocated per step ({@code gc.alloc.rate.norm}; {@link StepAllocation} counts
 * them without JMH's own):
 *
 * <pre>java -jar neurona-bench/target/benchmarks.jar TrainStepBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainStepBenchmark {

    /** A {@link FashionConfig} name: the lecture's network (784-8-10, batch 32) and the benchmark's middle one. */
    @Param({"small", "medium"})
    public String network;

    private StepFixture f;

    @Setup
    public void setup() {
        f = new StepFixture(FashionConfig.parse(network));
    }

    /** One training step on a fixed batch. */
    @Benchmark
    public float trainStep() {
        return f.step.run(f.x, f.y, null);
    }

    /** {@code predict} of one sample. */
    @Benchmark
    public Tensor predictOne() {
        return f.model.predict(f.one);
    }
}
