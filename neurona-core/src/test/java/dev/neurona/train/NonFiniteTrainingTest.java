package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Training that leaves the finite numbers (issue 14, item 6: a learning rate of 1e3 or inputs
 * of 1e20 trained 20 epochs of NaN weights without a word, and TerminateOnNaN stopped only
 * after the weights were already lost): the loss is checked before each update, TerminateOnNaN
 * stops with the last finite weights and says so in the History, and without it one warning
 * names the batch.
 */
class NonFiniteTrainingTest {

    private static final Random RANDOM = new Random(7);
    private static final Tensor X = Tensor.randn(RANDOM, 16, 2);
    private static final Tensor Y = Tensor.randn(RANDOM, 16, 1);

    /** x with row 0 at {@code v}: with 1e20 its batch's loss is (1e20)² = ∞ on the first step. */
    private static Tensor hugeRow(float v) {
        float[] x = X.data().clone();
        x[0] = v;
        x[1] = v;
        return Tensor.of(x, 16, 2);
    }

    private static Sequential regression(double learningRate) {
        Sequential m = new Sequential(input(2), dense(4), dense(1)).seed(3);
        m.compile(new SGD(learningRate), "mse");
        m.build(2);
        return m;
    }

    /** The weights after each batch (after the loop dealt with it), and at the start. */
    private static final class Recorder implements Callback {
        final List<String> positions = new ArrayList<>();
        final List<List<Tensor>> weights = new ArrayList<>();
        private int epoch;

        @Override
        public void onTrainBegin(TrainingContext context) {
            positions.add("start");
            weights.add(context.getWeights());
        }

        @Override
        public void onEpochBegin(int epoch, TrainingContext context) {
            this.epoch = epoch;
        }

        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs, TrainingContext context) {
            positions.add("epoch " + (epoch + 1) + ", batch " + (batch + 1));
            weights.add(context.getWeights());
        }

        /** The weights before the batch at {@code position}: those recorded one batch earlier. */
        List<Tensor> before(String position) {
            int i = positions.indexOf(position);
            assertThat(i).as("batch " + position + " was recorded").isPositive();
            return weights.get(i - 1);
        }
    }

    private static void assertFinite(List<Tensor> weights) {
        for (Tensor w : weights) {
            for (float v : w.data()) {
                assertThat(Float.isFinite(v)).as("weight " + v).isTrue();
            }
        }
    }

    private static void assertSame(List<Tensor> actual, List<Tensor> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).data()).as("weight " + i).containsExactly(expected.get(i).data());
        }
    }

    /** The batch whose "before" the stop reason says the weights are, read off the reason. */
    private static String restoredBefore(String reason) {
        Matcher kept = Pattern.compile("the weights from before (epoch \\d+, batch \\d+) are restored").matcher(reason);
        if (kept.find()) {
            return kept.group(1);
        }
        Matcher stopped = Pattern.compile("at (epoch \\d+, batch \\d+); stopped there, with the weights from before that batch")
                .matcher(reason);
        assertThat(stopped.find()).as("a stop reason that says which weights it kept: " + reason).isTrue();
        return stopped.group(1);
    }

    /** Collects the records of the fit loop's logger while {@code run} runs. */
    private static List<LogRecord> logged(Runnable run) {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("dev.neurona.train.Trainer");
        log.addHandler(handler);
        try {
            run.run();
        } finally {
            log.removeHandler(handler);
        }
        return records;
    }

    // ---------------------------------------------------------------- with TerminateOnNaN

    @Test
    void inputsOf1e20StopAtTheFirstBatchWithTheInitialWeights() {
        Sequential m = regression(0.01);
        List<Tensor> initial = m.getWeights();
        History h = m.fit(hugeRow(1e20f), Y, Fit.epochs(20).batchSize(4).shuffle(false).verbose(0).callbacks(new TerminateOnNaN()));
        assertThat(h.stopReason()).isEqualTo("TerminateOnNaN: the loss became Infinity at epoch 1, batch 1; stopped there, "
                + "with the weights from before that batch (its update was not applied)");
        assertThat(h.epochCount()).isEqualTo(1);
        assertSame(m.getWeights(), initial);
        assertThat(m.optimizer().iterations()).isZero();
    }

    @Test
    void learningRate1e3StopsWithTheWeightsFromBeforeTheBadBatch() {
        Sequential m = regression(1e3);
        Recorder recorder = new Recorder();
        History h = m.fit(X, Y, Fit.epochs(20).batchSize(4).shuffle(false).verbose(0)
                .callbacks(new TerminateOnNaN(), recorder));
        assertThat(h.stopReason()).startsWith("TerminateOnNaN: ");
        assertThat(h.epochCount()).isLessThan(20);
        assertFinite(m.getWeights());
        assertSame(m.getWeights(), recorder.before(restoredBefore(h.stopReason())));
    }

    @Test
    void largeInputsInEveryRowStopWithTheLastFiniteWeights() {
        Sequential m = new Sequential(input(2), dense(8, "relu"), dense(1)).seed(2);
        m.compile(new SGD(0.01), "mse");
        Recorder recorder = new Recorder();
        History h = m.fit(X.mul(1e20f), Y, Fit.epochs(20).batchSize(4).shuffle(false).verbose(0)
                .callbacks(new TerminateOnNaN(), recorder));
        assertThat(h.stopReason()).startsWith("TerminateOnNaN: the loss became ");
        assertFinite(m.getWeights());
        assertSame(m.getWeights(), recorder.before(restoredBefore(h.stopReason())));
    }

    @Test
    void anUpdateThatOverflowsTheWeightsWithAFiniteLossIsUndone() {
        // x = 1e10: the loss (~1e20) is finite, the gradient ×1e30 overflows every weight
        Sequential m = new Sequential(input(2), dense(1)).seed(1);
        m.compile(new SGD(1e30), "mse");
        List<Tensor> initial = m.build(2).getWeights();
        Tensor x = Tensor.of(new float[][] {{1e10f, 1e10f}, {1, 1}, {2, 2}, {3, 3}});
        Tensor y = Tensor.of(new float[][] {{1}, {1}, {1}, {1}});
        History h = m.fit(x, y, Fit.epochs(5).batchSize(1).shuffle(false).verbose(0).callbacks(new TerminateOnNaN()));
        assertThat(h.stopReason()).matches("TerminateOnNaN: the loss became (NaN|Infinity) at epoch 1, batch 2, because the "
                + "weights were no longer finite \\(the update of epoch 1, batch 1 overflowed them\\); stopped there, and "
                + "the weights from before epoch 1, batch 1 are restored");
        assertSame(m.getWeights(), initial);
    }

    @Test
    void anOverflowInTheLastBatchOfAnEpochIsCaughtBeforeTheEpochsCallbacks() {
        Sequential m = new Sequential(input(2), dense(1)).seed(1);
        m.compile(new SGD(1e30), "mse");
        List<Tensor> initial = m.build(2).getWeights();
        Tensor x = Tensor.of(new float[][] {{1e10f, 1e10f}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{1}, {1}});
        List<List<Tensor>> atEpochEnd = new ArrayList<>();
        Callback checkpoint = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
                atEpochEnd.add(context.getWeights());
            }
        };
        History h = m.fit(x, y, Fit.epochs(5).batchSize(2).shuffle(false).verbose(0)
                .callbacks(new TerminateOnNaN(), checkpoint));
        assertThat(h.stopReason()).isEqualTo("TerminateOnNaN: the weights became non-finite by the end of the epoch, "
                + "although every loss was finite (the update of epoch 1, batch 1 overflowed them); stopped there, and the "
                + "weights from before epoch 1, batch 1 are restored");
        assertThat(atEpochEnd).hasSize(1);
        assertSame(atEpochEnd.get(0), initial);
        assertSame(m.getWeights(), initial);
    }

    // ---------------------------------------------------------------- without TerminateOnNaN

    @Test
    void withoutTerminateOnNanABadBatchIsSkippedAndTheRestTrains() {
        // a row of 1e30: its batch's loss is ∞ whatever the weights, and the other batches train on
        Sequential m = regression(0.01);
        List<History> h = new ArrayList<>();
        List<LogRecord> records = logged(() -> h.add(m.fit(hugeRow(1e30f), Y,
                Fit.epochs(20).batchSize(4).shuffle(false).verbose(0))));
        assertThat(h.get(0).epochCount()).isEqualTo(20);
        assertThat(h.get(0).stopReason()).isNull();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(records.get(0).getMessage()).isEqualTo("the loss became Infinity at epoch 1, batch 1; its update was "
                + "skipped, as will be every update whose loss is not finite. Lower the learning rate or scale the inputs, "
                + "or add TerminateOnNaN to stop at the first such batch with the last finite weights");
        // the other three batches of each epoch trained: 60 updates, and the weights are finite
        assertThat(m.optimizer().iterations()).isEqualTo(60);
        assertFinite(m.getWeights());
    }

    @Test
    void withoutTerminateOnNanInputsOf1e20WarnAtMostOncePerKind() {
        Sequential m = regression(0.01);
        List<History> h = new ArrayList<>();
        List<LogRecord> records = logged(() -> h.add(m.fit(hugeRow(1e20f), Y,
                Fit.epochs(20).batchSize(4).shuffle(false).verbose(0))));
        assertThat(h.get(0).epochCount()).isEqualTo(20);
        assertThat(records).hasSizeBetween(1, 2);
        assertThat(records.get(0).getMessage()).startsWith("the loss became Infinity at epoch 1, batch 1; its update was skipped");
        if (records.size() == 2) {
            // a later batch's loss was finite but its gradient overflowed: said once, with the batch
            assertThat(records.get(1).getMessage()).containsPattern("update of epoch \\d+, batch \\d+ overflowed them\\); "
                    + "they stay non-finite");
        }
    }

    @Test
    void withoutTerminateOnNanAnOverflowIsWarnedAndPrintedAtVerbose1() {
        Sequential m = regression(1e3);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<History> h = new ArrayList<>();
        List<LogRecord> records;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            records = logged(() -> h.add(m.fit(X, Y, Fit.epochs(20).batchSize(4).shuffle(false).verbose(1))));
        } finally {
            System.setOut(stdout);
        }
        assertThat(h.get(0).epochCount()).as("it trains on, as asked").isEqualTo(20);
        assertThat(records).hasSizeBetween(1, 2);
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out.split("Warning: ", -1)).as(out).hasSize(records.size() + 1);
        for (LogRecord r : records) {
            assertThat(r.getMessage()).containsPattern("^the (loss|weights) became ").containsPattern("epoch \\d+, batch \\d+");
            assertThat(out).contains("Warning: " + r.getMessage() + "\n");
        }
    }

    @Test
    void aFiniteRunIsUntouched() {
        Sequential m = regression(0.01);
        List<LogRecord> records = logged(() -> m.fit(X, Y, Fit.epochs(3).batchSize(4).verbose(0).callbacks(new TerminateOnNaN())));
        assertThat(records).isEmpty();
        assertThat(m.optimizer().iterations()).isEqualTo(12);
    }

    // ---------------------------------------------------------------- TrainStep itself

    @Test
    void aStepWhoseLossIsNotFiniteAppliesNothing() {
        Sequential m = regression(0.01);
        List<Tensor> before = m.getWeights();
        TrainStep step = new TrainStep(m, m.loss(), m.optimizer(), List.of());
        float loss = step.run(hugeRow(1e20f).slice(0, 4), Y.slice(0, 4), null);
        assertThat(loss).isInfinite();
        assertThat(m.optimizer().iterations()).isZero();
        assertSame(m.getWeights(), before);
        assertThat(step.weightsFinite()).isTrue();
        assertThat(step.restorePreviousWeights()).as("no copy was asked for").isFalse();
    }

    @Test
    void previousWeightsAreKeptOnlyWhenAskedAndRestoredOnlyWhenFinite() {
        Sequential m = regression(0.01);
        TrainStep step = new TrainStep(m, m.loss(), m.optimizer(), List.of()).keepPreviousWeights(true);
        List<Tensor> before = m.getWeights();
        step.run(X.slice(0, 4), Y.slice(0, 4), null);
        assertThat(m.getWeights().get(0).data()).isNotEqualTo(before.get(0).data());
        m.parameters().get(0).data()[0] = Float.NaN;
        assertThat(step.weightsFinite()).isFalse();
        assertThat(step.restorePreviousWeights()).isTrue();
        assertSame(m.getWeights(), before);
        assertThat(step.weightsFinite()).isTrue();

        step.keepPreviousWeights(false);
        assertThat(step.restorePreviousWeights()).as("the copy is gone").isFalse();

        // a bias of −∞ before a ReLU: that unit outputs 0, so the loss stays finite and the copy holds −∞
        Sequential relu = new Sequential(input(2), dense(4, "relu"), dense(1)).seed(3);
        relu.compile(new SGD(0.01), "mse");
        relu.build(2).parameters().get(1).data()[0] = Float.NEGATIVE_INFINITY;
        TrainStep reluStep = new TrainStep(relu, relu.loss(), relu.optimizer(), List.of()).keepPreviousWeights(true);
        assertThat(reluStep.run(X.slice(0, 4), Y.slice(0, 4), null)).isFinite();
        assertThat(reluStep.weightsFinite()).isFalse();
        assertThat(reluStep.restorePreviousWeights()).as("a copy that is not finite is not put back").isFalse();
        assertThat(TrainStep.allFinite(new float[] {1, 2, 3, Float.MAX_VALUE, -Float.MAX_VALUE})).isTrue();
        assertThat(TrainStep.allFinite(new float[] {1, 2, 3, 4, 5, Float.NEGATIVE_INFINITY})).isFalse();
        assertThat(TrainStep.allFinite(new float[] {Float.NaN})).isFalse();
    }
}
