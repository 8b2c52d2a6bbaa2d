package dev.neurona.spark;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A failing task is retried to the same result; parameter averaging learns the digits. */
class FaultsAndAveragingTest {

    /** Executors run in this JVM (local mode), so the hook's guard can be a static flag. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
    static final AtomicInteger RETRIED_ATTEMPTS = new AtomicInteger();

    @Test
    void aTaskThatThrowsOnceIsRetriedAndTheResultEqualsACleanRun() {
        Dataset data = SynchronousTrainingTest.blobs(120, 4, 2, 9);
        // two partitions: the driver adds two partial sums, which commutes, so runs are bit-identical
        org.apache.spark.sql.Dataset<Row> df = TestSpark.frame(data, 2, false, false);
        Fit fit = Fit.epochs(2).batchSize(20).seed(4).verbose(0);

        Sequential clean = SynchronousTrainingTest.model(4, 2);
        new SparkTrainer(clean).fit(df, fit);

        FAILED_ONCE.set(false);
        RETRIED_ATTEMPTS.set(0);
        Sequential faulty = SynchronousTrainingTest.model(4, 2);
        new SparkTrainer(faulty).taskHook((round, blockStart) -> {
            if (TaskContext.get().attemptNumber() > 0) {
                RETRIED_ATTEMPTS.incrementAndGet();
            }
            if (round == 3 && blockStart > 0 && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure in step 3");
            }
        }).fit(df, fit);

        assertThat(FAILED_ONCE).isTrue();
        assertThat(RETRIED_ATTEMPTS.get()).isEqualTo(1);
        List<Tensor> a = clean.getWeights();
        List<Tensor> b = faulty.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).data()).isEqualTo(a.get(i).data());
        }
    }

    @Test
    void parameterAveragingEveryFourStepsLearnsTheDigits() {
        Split digits = Datasets.digits();
        Sequential model = new Sequential(input(64), dense(64, "relu"), dense(10, "softmax")).seed(2);
        model.compile(new Adam(0.003), "categorical_crossentropy", "accuracy");
        History history = new SparkTrainer(model).parameterAveraging(4).localCheckpoint(true)
                .fit(TestSpark.frame(digits.train(), 2, false, false), Fit.epochs(8).batchSize(64).verbose(0));
        int steps = (digits.train().size() + 63) / 64;
        assertThat(model.optimizer().iterations()).isEqualTo(8L * steps);
        assertThat(history.last("loss")).isLessThan(history.get("loss").get(0));
        assertThat(model.evaluate(digits.test()).get("accuracy")).isGreaterThanOrEqualTo(0.93);
    }
}
