package dev.neurona.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.losses.Losses;
import dev.neurona.metrics.Accuracy;
import dev.neurona.metrics.Auc;
import dev.neurona.metrics.BinaryAccuracy;
import dev.neurona.metrics.CategoricalAccuracy;
import dev.neurona.metrics.ConfusionMatrix;
import dev.neurona.metrics.MeanSquaredError;
import dev.neurona.metrics.Metric;
import dev.neurona.metrics.Precision;
import dev.neurona.metrics.R2Score;
import dev.neurona.metrics.SparseCategoricalAccuracy;
import dev.neurona.metrics.TopKCategoricalAccuracy;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layers;
import dev.neurona.optim.Adam;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.WeightDecayMode;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The host-side parts of a training step allocate nothing in steady state: the optimizer with
 * every kind of clipping and weight decay (its passes over the values run on per-parameter
 * state objects), the metrics' updates, the copy of the weights kept for TerminateOnNaN, the
 * target checks and label conversions replayed in a compiled step, the flat gradient copy and
 * the fit loop's batch gathering.
 */
class HostAccessAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    /** Bytes allocated by rounds of {@code steps} calls, once the JIT has settled (as CompiledStepTest waits for it). */
    private static long steadyBytes(Runnable step, int steps) {
        long bytes = -1;
        for (int round = 0; round < 100 && bytes != 0; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        return bytes;
    }

    private static Optimizer clippingAdam(WeightDecayMode mode) {
        return new Adam(1e-3).clipValue(0.5).clipNorm(1.0).globalClipNorm(0.1).weightDecay(1e-2).weightDecayMode(mode);
    }

    private static Tensor oneHot(Random r, int n, int classes) {
        float[] v = new float[n * classes];
        for (int i = 0; i < n; i++) {
            v[i * classes + r.nextInt(classes)] = 1f;
        }
        return Tensor.of(v, n, classes);
    }

    @Test
    void aCategoricalStepWithClippingDecayMetricsAndKeptWeightsAllocatesNothing() {
        Random r = new Random(3);
        Sequential m = new Sequential(Layers.input(5), Layers.dense(7, "relu"), Layers.dense(4, "softmax")).seed(3);
        Optimizer adam = clippingAdam(WeightDecayMode.COUPLED);
        m.compile(adam, Losses.get("categorical_crossentropy"));
        Auc auc = new Auc();
        List<Metric> metrics = List.of(new CategoricalAccuracy(), new TopKCategoricalAccuracy(2, false),
                new ConfusionMatrix(4), new Accuracy(), new MeanSquaredError(), new R2Score(), auc);
        TrainStep step = new TrainStep(m, m.loss(), adam, metrics).keepPreviousWeights(true);
        Tensor x = Tensor.randn(r, 8, 5);
        Tensor y = oneHot(r, 8, 4);
        float[] flat = new float[step.gradientSize()];
        long bytes = steadyBytes(() -> {
            step.run(x, y, null);
            step.computeGradients(x, y, null, flat, 8f);
            step.weightsFinite();
            auc.reset();   // its state grows with every value; reset keeps its capacity
        }, 200);
        assertThat(bytes).as("bytes allocated by 200 steady-state steps").isZero();
        assertThat(step.restorePreviousWeights()).isTrue();
    }

    @Test
    void aSparseStepWithDecoupledDecayAndItsMetricsAllocatesNothing() {
        Random r = new Random(4);
        Sequential m = new Sequential(Layers.input(3), Layers.dense(5, "tanh"), Layers.dense(3, "softmax")).seed(4);
        Optimizer adam = clippingAdam(WeightDecayMode.DECOUPLED);
        m.compile(adam, Losses.get("sparse_categorical_crossentropy"));
        List<Metric> metrics = List.of(new SparseCategoricalAccuracy(), new TopKCategoricalAccuracy(2, true),
                new ConfusionMatrix(3), new Accuracy());
        TrainStep step = new TrainStep(m, m.loss(), adam, metrics);
        Tensor x = Tensor.randn(r, 6, 3);
        Tensor y = Tensor.of(new float[] {0, 1, 2, 2, 1, 0});
        assertThat(steadyBytes(() -> step.run(x, y, null), 200)).as("bytes allocated by 200 steady-state steps").isZero();
    }

    @Test
    void aHingeStepWithBinaryMetricsAllocatesNothing() {
        Random r = new Random(5);
        Sequential m = new Sequential(Layers.input(4), Layers.dense(1, "tanh")).seed(5);
        Optimizer adam = new Adam(1e-3).clipNorm(0.5);
        m.compile(adam, Losses.get("hinge"));
        List<Metric> metrics = List.of(new BinaryAccuracy("binary_accuracy", 0.0), new Precision(0.0), new Accuracy());
        TrainStep step = new TrainStep(m, m.loss(), adam, metrics);
        Tensor x = Tensor.randn(r, 6, 4);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0, 1, 0}, 6, 1);
        assertThat(steadyBytes(() -> step.run(x, y, null), 200)).as("bytes allocated by 200 steady-state steps").isZero();
    }

    @Test
    void gatheringBatchesAllocatesNothing() {
        Tensor source = Tensor.randn(new Random(6), 300, 3);
        BatchGather gather = new BatchGather(source);
        int[] order = new int[300];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i * 7) % 300;
        }
        Tensor first = gather.gather(order, 0, 256);
        assertThat(first.toArray()[3]).isEqualTo(source.toArray()[7 * 3]);
        assertThat(steadyBytes(() -> {
            gather.gather(order, 0, 256);   // a batch size beyond the boxed-Integer cache
            gather.gather(order, 256, 300);
        }, 200)).as("bytes allocated by 400 batches").isZero();
    }
}
