package dev.neurona.io;

import static dev.neurona.io.Fixtures.assertSameWeights;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Callback;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.ModelCheckpoint;
import dev.neurona.train.TrainingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run interrupted after epoch k and resumed from its checkpoint ends bit-identical to an uninterrupted one. */
class ResumeTest {

    private static final int EPOCHS = 4;
    private static final Tensor[] DATA = Fixtures.classification(21, 90, 4, 3);

    @TempDir
    Path dir;

    private static Sequential model() {
        Sequential model = new Sequential(input(4), dense(16, "relu"), dropout(0.3), dense(8, "tanh"), dropout(0.2),
                dense(3, "softmax")).seed(77);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        return model;
    }

    private static Fit fit() {
        return Fit.epochs(EPOCHS).batchSize(16).validationSplit(0.2).verbose(0);
    }

    /** Stops the run at the end of epoch {@code last}, as a crash right after its checkpoint would. */
    private static Callback stopAfter(int last) {
        return new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
                if (epoch == last) {
                    context.requestStop("simulated interruption");
                }
            }
        };
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit() throws IOException {
        Sequential uninterrupted = model();
        History full = uninterrupted.fit(DATA[0], DATA[1], fit());

        for (int k = 1; k < EPOCHS; k++) {
            Sequential interrupted = model();
            interrupted.fit(DATA[0], DATA[1], fit().callbacks(
                    new ModelCheckpoint(dir.resolve("ckpt-{epoch}.nrn")), stopAfter(k - 1)));

            Sequential resumed = Sequential.load(dir.resolve("ckpt-" + k + ".nrn"));
            assertThat(resumed.epochsCompleted()).isEqualTo(k);
            History rest = resumed.resume(DATA[0], DATA[1], fit());

            assertSameWeights(uninterrupted, resumed);
            assertThat(rest.epochCount()).isEqualTo(EPOCHS - k);
            assertThat(rest.last("val_loss")).isEqualTo(full.last("val_loss"));
        }
    }

    @Test
    void fitWithInitialEpochResumesAlike() throws IOException {
        Sequential uninterrupted = model();
        uninterrupted.fit(DATA[0], DATA[1], fit());
        Sequential first = model();
        first.fit(DATA[0], DATA[1], Fit.epochs(2).batchSize(16).validationSplit(0.2).verbose(0));
        first.save(dir.resolve("after-2.nrn"));

        Sequential resumed = Sequential.load(dir.resolve("after-2.nrn"));
        resumed.fit(DATA[0], DATA[1], fit().initialEpoch(resumed.epochsCompleted()));

        assertSameWeights(uninterrupted, resumed);
        assertThat(resumed.resume(DATA[0], DATA[1], fit()).epochCount()).as("nothing left to do").isZero();
    }

    @Test
    void consecutiveFitCallsContinueLikeOneLongerCall() {
        Sequential once = model();
        once.fit(DATA[0], DATA[1], Fit.epochs(3).batchSize(16).verbose(0));
        Sequential inSteps = model();
        for (int i = 0; i < 3; i++) {
            inSteps.fit(DATA[0], DATA[1], Fit.epochs(1).batchSize(16).verbose(0));
        }
        assertSameWeights(once, inSteps);
    }

    @Test
    void withoutTheOptimizerStateTheRunDiverges() throws IOException {
        Sequential uninterrupted = model();
        uninterrupted.fit(DATA[0], DATA[1], fit());
        Sequential first = model();
        first.fit(DATA[0], DATA[1], Fit.epochs(2).batchSize(16).validationSplit(0.2).verbose(0));
        first.save(dir.resolve("weights-only.nrn"), false);

        Sequential resumed = Sequential.load(dir.resolve("weights-only.nrn"));
        resumed.resume(DATA[0], DATA[1], fit());
        assertThat(resumed.getWeights().get(0).toArray()).isNotEqualTo(uninterrupted.getWeights().get(0).toArray());
    }
}
