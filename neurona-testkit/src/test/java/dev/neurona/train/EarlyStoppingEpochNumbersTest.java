package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link EarlyStopping}'s message counts epochs from 1 as the progress bar does, its index
 * accessors from 0 as callbacks and {@link History#epoch(int)} do, and they name the same epoch.
 */
class EarlyStoppingEpochNumbersTest {

    @Test
    void earlyStoppingsMessageAndAccessorsNameTheSameEpoch() {
        Sequential m = new Sequential(input(1), dense(1)).seed(2);
        m.compile(new SGD(0.01), "mse");
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 8, 1);
        Tensor y = x.mul(2f).add(1f);
        EarlyStopping es = new EarlyStopping().monitor("loss").minDelta(0.5).patience(2).restoreBestWeights(true);
        History h = m.fit(x, y, Fit.epochs(200).verbose(0).shuffle(false).callbacks(es));
        assertThat(h.stopReason()).as("it stopped early").isNotNull();
        Matcher best = Pattern.compile("at epoch (\\d+)\\)").matcher(h.stopReason());
        Matcher stopped = Pattern.compile("stopped after epoch (\\d+)").matcher(h.stopReason());
        assertThat(best.find()).isTrue();
        assertThat(stopped.find()).isTrue();
        // the message counts from 1, as the progress bar does; the indices from 0, as History and callbacks do
        assertThat(Integer.parseInt(best.group(1))).isEqualTo(es.bestEpochNumber()).isEqualTo(es.bestEpoch() + 1);
        assertThat(Integer.parseInt(stopped.group(1))).isEqualTo(es.stoppedEpoch() + 1).isEqualTo(h.epochCount());
        assertThat(h.stopReason()).endsWith("restored the weights of epoch " + es.bestEpochNumber());
        // History.epoch(bestEpoch()) is the best epoch: the last one that improved by more than minDelta
        List<Double> losses = h.get("loss");
        double bestLoss = h.epoch(es.bestEpoch()).get("loss");
        for (int e = es.bestEpoch() + 1; e < losses.size(); e++) {
            assertThat(losses.get(e)).isGreaterThan(bestLoss - 0.5);
        }
        assertThat(h.stopReason()).contains("best " + String.format(java.util.Locale.ROOT, "%.6g", bestLoss) + " at epoch");
    }

    @Test
    void beforeAnyImprovementTheBestEpochIsMinusOneAndTheMessageSaysSo() {
        EarlyStopping es = new EarlyStopping().monitor("loss").patience(1);
        RunContext context = new RunContext(null, null, null, 10, 1, 0);
        es.onTrainBegin(context);
        assertThat(es.bestEpoch()).isEqualTo(-1);
        es.onEpochEnd(0, Map.of("loss", Double.NaN), context);
        assertThat(context.stopReason())
                .isEqualTo("EarlyStopping: loss did not improve for 1 epochs (no epoch improved); stopped after epoch 1");
        assertThat(es.bestEpoch()).isEqualTo(-1);
        assertThat(es.bestEpochNumber()).isZero();
        assertThat(es.stoppedEpoch()).isZero();
    }
}
