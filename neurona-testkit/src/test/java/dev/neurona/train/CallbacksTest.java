package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {

    /** A tiny linear regression the callbacks can watch. */
    private static Sequential model(double lr) {
        Sequential m = new Sequential(input(1), dense(1)).seed(2);
        m.compile(new SGD(lr), "mse", "mae");
        return m;
    }

    private static final Tensor X = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 8, 1);
    private static final Tensor Y = X.mul(2f).add(1f);

    /** Replays a scripted sequence of epoch logs to a callback through a fake context. */
    private static final class Replay implements TrainingContext {
        double lr = 0.1;
        String stop;
        List<Tensor> weights = List.of(Tensor.scalar(0f));

        @Override public void requestStop(String reason) { stop = reason; }
        @Override public boolean stopRequested() { return stop != null; }
        @Override public double learningRate() { return lr; }
        @Override public void setLearningRate(double learningRate) { lr = learningRate; }
        @Override public List<Tensor> getWeights() { return weights; }
        @Override public void setWeights(List<Tensor> w) { weights = w; }
        @Override public int epochs() { return 100; }
        @Override public int stepsPerEpoch() { return 1; }

        /** Feeds {@code values} of {@code key} epoch by epoch until a stop; returns the epochs run. */
        int run(Callback c, String key, double... values) {
            c.onTrainBegin(this);
            int e = 0;
            for (; e < values.length && stop == null; e++) {
                c.onEpochBegin(e, this);
                weights = List.of(Tensor.scalar(e));
                c.onEpochEnd(e, Map.of(key, values[e]), this);
            }
            c.onTrainEnd(this);
            return e;
        }
    }

    @Test
    void earlyStoppingWaitsPatienceEpochsAndRestoresTheBest() {
        Replay r = new Replay();
        EarlyStopping es = new EarlyStopping().monitor("val_loss").patience(2).restoreBestWeights(true);
        int ran = r.run(es, "val_loss", 1.0, 0.8, 0.5, 0.6, 0.55, 0.7, 0.1);
        assertThat(ran).isEqualTo(5);
        assertThat(es.stoppedEpoch()).isEqualTo(4);
        assertThat(es.bestEpoch()).isEqualTo(2);
        assertThat(r.weights.get(0).item()).isEqualTo(2f);
        assertThat(r.stop).contains("val_loss did not improve for 2 epochs");
    }

    @Test
    void earlyStoppingMaximizesAccuracyAndHonoursMinDelta() {
        Replay r = new Replay();
        EarlyStopping es = new EarlyStopping().monitor("val_accuracy").patience(0).minDelta(0.05);
        assertThat(r.run(es, "val_accuracy", 0.5, 0.6, 0.62, 0.9)).isEqualTo(3);
    }

    @Test
    void earlyStoppingWithoutTheMonitoredKeySaysSo() {
        Replay r = new Replay();
        assertThatThrownBy(() -> r.run(new EarlyStopping(), "loss", 1.0))
                .hasMessageContaining("monitor 'val_loss' is not in the logs [loss]").hasMessageContaining("validation");
    }

    @Test
    void reduceLrOnPlateauDividesAfterPatienceAndRespectsTheFloor() {
        Replay r = new Replay();
        ReduceLROnPlateau cb = new ReduceLROnPlateau().monitor("loss").patience(2).factor(0.5).minLr(0.03);
        r.run(cb, "loss", 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(r.lr).isEqualTo(0.03);
        Replay r2 = new Replay();
        r2.run(new ReduceLROnPlateau().monitor("loss").patience(2).factor(0.5), "loss", 1.0, 1.0, 1.0);
        assertThat(r2.lr).isEqualTo(0.05);
    }

    @Test
    void learningRateSchedulerSetsTheRateEachEpoch() {
        Sequential m = model(0.01);
        List<Double> seen = new ArrayList<>();
        m.fit(X, Y, Fit.epochs(3).verbose(0).callbacks(
                new LearningRateScheduler((epoch, lr) -> 0.001 * (epoch + 1)),
                LambdaCallback.onEpochEnd((e, logs) -> seen.add(m.optimizer().learningRate()))));
        assertThat(seen).containsExactly(0.001, 0.002, 0.003);
    }

    @Test
    void csvLoggerWritesOneRowPerEpochAsTrainingGoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.csv");
        History h = model(0.01).fit(X, Y, Fit.epochs(3).verbose(0).validationData(X, Y).callbacks(new CsvLogger(file)));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("epoch,loss,mae,val_loss,val_mae");
        assertThat(lines.get(3)).startsWith("3," + h.get("loss").get(2) + ",");
        assertThat(h.toCsv().lines().toList()).isEqualTo(lines);
    }

    @Test
    void earlyStoppingStopsARealRun() {
        Sequential m = model(1e-9);
        History h = m.fit(X, Y, Fit.epochs(50).verbose(0)
                .callbacks(new EarlyStopping().monitor("loss").minDelta(1.0).patience(1)));
        assertThat(h.epochCount()).isEqualTo(2);
        assertThat(h.stopReason()).startsWith("EarlyStopping");
    }

    @Test
    void historyHasPerEpochLogsWithValidationPrefixes() {
        Random r = new Random(1);
        History h = model(0.01).fit(X, Y, Fit.epochs(4).verbose(0).validationSplit(0.25).seed(r.nextLong()));
        assertThat(h.keys()).containsExactly("loss", "mae", "val_loss", "val_mae");
        assertThat(h.get("val_loss")).hasSize(4);
        assertThat(h.asMap()).containsOnlyKeys("loss", "mae", "val_loss", "val_mae");
        assertThatThrownBy(() -> h.get("accuracy")).hasMessageContaining("keys: [loss, mae, val_loss, val_mae]");
    }
}
