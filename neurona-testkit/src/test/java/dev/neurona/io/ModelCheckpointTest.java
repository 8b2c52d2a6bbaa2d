package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.ModelCheckpoint;
import dev.neurona.train.TrainingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

    private static final Tensor[] DATA = Fixtures.classification(31, 60, 3, 2);

    @TempDir
    Path dir;

    private static Sequential model() {
        Sequential model = new Sequential(input(3), dense(5, "relu"), dense(2, "softmax")).seed(4);
        model.compile(new SGD(0.1), "categorical_crossentropy", "accuracy");
        return model;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savesEveryEpochWithTheEpochInTheName() throws IOException {
        Sequential model = model();
        ModelCheckpoint checkpoint = new ModelCheckpoint(dir.resolve("epoch-{epoch:02d}.nrn"));
        model.fit(DATA[0], DATA[1], Fit.epochs(3).verbose(0).callbacks(checkpoint));

        assertThat(files()).containsExactly("epoch-01.nrn", "epoch-02.nrn", "epoch-03.nrn");
        assertThat(checkpoint.lastSaved()).isEqualTo(dir.resolve("epoch-03.nrn"));
        assertThat(Sequential.load(dir.resolve("epoch-02.nrn")).epochsCompleted()).isEqualTo(2);
        Sequential last = Sequential.load(dir.resolve("epoch-03.nrn"));
        Fixtures.assertSameModel(model, last);
    }

    @Test
    void createsMissingFoldersOfItsPath() throws IOException {
        Sequential model = model();
        ModelCheckpoint checkpoint = new ModelCheckpoint(dir.resolve("ckpt/run-1/epoch-{epoch}.nrn"));
        model.fit(DATA[0], DATA[1], Fit.epochs(2).verbose(0).callbacks(checkpoint));
        assertThat(dir.resolve("ckpt/run-1/epoch-2.nrn")).isRegularFile();
    }

    @Test
    void savesOnlyImprovementsWithSaveBestOnly() throws IOException {
        Sequential model = model();
        List<Double> valLosses = new ArrayList<>();
        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best.nrn")).monitor("val_loss").saveBestOnly(true);
        History history = model.fit(DATA[0], DATA[1], Fit.epochs(4).validationSplit(0.25).verbose(0).callbacks(best));
        valLosses.addAll(history.get("val_loss"));

        int bestEpoch = 0;
        for (int i = 1; i < valLosses.size(); i++) {
            bestEpoch = valLosses.get(i) < valLosses.get(bestEpoch) ? i : bestEpoch;
        }
        assertThat(files()).containsExactly("best.nrn");
        assertThat(Sequential.load(dir.resolve("best.nrn")).epochsCompleted()).isEqualTo(bestEpoch + 1);
    }

    @Test
    void bestOnlyFollowsTheModeAsKerasDoes() {
        List<String> saved = new ArrayList<>();
        TrainingContext context = new RecordingContext(saved);
        ModelCheckpoint min = new ModelCheckpoint("m-{epoch}-{val_loss:.1f}.nrn").saveBestOnly(true);
        min.onTrainBegin(context);
        double[] losses = {3, 2, 2.5, 1, 1};
        for (int e = 0; e < losses.length; e++) {
            min.onEpochEnd(e, Map.of("val_loss", losses[e], "val_accuracy", 1.0 / losses[e]), context);
        }
        assertThat(saved).containsExactly("m-1-3.0.nrn", "m-2-2.0.nrn", "m-4-1.0.nrn");

        saved.clear();
        ModelCheckpoint max = new ModelCheckpoint("a.nrn").monitor("val_accuracy").saveBestOnly(true)
                .initialValueThreshold(0.45);
        max.onTrainBegin(context);
        for (int e = 0; e < losses.length; e++) {
            max.onEpochEnd(e, Map.of("val_loss", losses[e], "val_accuracy", 1.0 / losses[e]), context);
        }
        assertThat(saved).containsExactly("a.nrn", "a.nrn");   // 0.5 at epoch 2, 1.0 at epoch 4
    }

    @Test
    void badPlaceholdersAreNamed() {
        assertThatThrownBy(() -> new ModelCheckpoint("x-{epoch:%s}.nrn"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{epoch:%s}");
        ModelCheckpoint unknown = new ModelCheckpoint(dir.resolve("x-{val_auc}.nrn"));
        assertThatThrownBy(() -> model().fit(DATA[0], DATA[1], Fit.epochs(1).verbose(0).callbacks(unknown)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{val_auc}").hasMessageContaining("loss");
    }

    @Test
    void aContextWithoutSaverRefuses() {
        TrainingContext bare = new RecordingContext(null);
        assertThatThrownBy(() -> bare.saveModel(Path.of("x.nrn")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("saver");
    }

    /** Records what would be saved; with a null list it has no saver, as a context from elsewhere. */
    private static final class RecordingContext implements TrainingContext {
        private final List<String> saved;

        RecordingContext(List<String> saved) {
            this.saved = saved;
        }

        @Override
        public void saveModel(Path path, boolean includeOptimizer) throws IOException {
            if (saved == null) {
                TrainingContext.super.saveModel(path, includeOptimizer);
                return;
            }
            saved.add(path.toString());
        }

        @Override
        public void requestStop(String reason) {
        }

        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public double learningRate() {
            return 0.1;
        }

        @Override
        public void setLearningRate(double learningRate) {
        }

        @Override
        public List<Tensor> getWeights() {
            return List.of();
        }

        @Override
        public void setWeights(List<Tensor> weights) {
        }

        @Override
        public int epochs() {
            return 5;
        }

        @Override
        public int stepsPerEpoch() {
            return 1;
        }
    }
}
