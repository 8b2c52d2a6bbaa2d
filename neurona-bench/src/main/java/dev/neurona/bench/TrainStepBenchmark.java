package dev.neurona.bench;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.TrainStep;
import java.util.List;
import java.util.Random;
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
 * One steady-state training step (forward, loss, backward, Adam, accuracy) and one
 * single-sample prediction of the benchmark MLPs. Run with JMH's GC profiler to see the
 * bytes allocated per step ({@code gc.alloc.rate.norm}):
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

    /** {@code hidden sizes / batch}: the lecture's network and the benchmark's middle one. */
    @Param({"8/32", "256,128/128"})
    public String network;

    private TrainStep step;
    private Sequential model;
    private Tensor x;
    private Tensor y;
    private Tensor one;

    @Setup
    public void setup() {
        String[] parts = network.split("/");
        int batch = Integer.parseInt(parts[1]);
        model = new Sequential(input(784));
        for (String h : parts[0].split(",")) {
            model.add(dense(Integer.parseInt(h), "relu"));
        }
        model.add(dense(10, "softmax"));
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        model.build(784);
        Random r = new Random(1);
        x = Tensor.rand(r, batch, 784);
        float[] labels = new float[batch * 10];
        for (int i = 0; i < batch; i++) {
            labels[i * 10 + r.nextInt(10)] = 1f;
        }
        y = Tensor.of(labels, batch, 10);
        one = x.slice(0, 1);
        step = new TrainStep(model, model.loss(), model.optimizer(), List.of(Metrics.get("accuracy", model.loss(), y.shape())));
    }

    /** One training step on a fixed batch. */
    @Benchmark
    public float trainStep() {
        return step.run(x, y, null);
    }

    /** {@code predict} of one sample. */
    @Benchmark
    public Tensor predictOne() {
        return model.predict(one);
    }
}
