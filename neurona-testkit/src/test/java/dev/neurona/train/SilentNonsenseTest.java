package dev.neurona.train;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Combinations that used to train to a meaningless result without a word (issue 13, item 6)
 * now fail at compile or before the first step, naming the user's row and the fix, or warn.
 */
class SilentNonsenseTest {

    private static final Random RANDOM = new Random(3);
    private static final Tensor X = Tensor.randn(RANDOM, 10, 2);

    private static Sequential binary() {
        Sequential m = new Sequential(input(2), dense(4, "relu"), dense(1, "sigmoid")).seed(1);
        m.compile(new SGD(0.1), "binary_crossentropy", "accuracy");
        return m;
    }

    private static Tensor labels(float... v) {
        return Tensor.of(v, v.length, 1);
    }

    // ---------------------------------------------------------------- targets outside the loss's domain

    @Test
    void binaryCrossentropyWithLabelsOutsideZeroOneFailsNamingTheUsersRowBeforeAnyStep() {
        Sequential m = binary();
        List<Tensor> before = m.getWeights();
        Tensor y = labels(0, 1, 1, 0, 1, 0, 0, 2, 1, 0);
        // shuffled batches of 3: the message still names row 7 of the caller's y
        assertThatThrownBy(() -> m.fit(X, y, Fit.epochs(3).batchSize(3).verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: y has 2.0 at row 7; binary_crossentropy needs targets in [0, 1] (0/1 labels or "
                        + "probabilities); for class ids 0..k-1 use sparse_categorical_crossentropy");
        assertThat(m.optimizer().iterations()).as("no step was taken").isZero();
        assertThat(m.getWeights().get(0).data()).isEqualTo(before.get(0).data());
        assertThat(m.epochsCompleted()).isZero();
    }

    @Test
    void aBadLabelInTheValidationPartIsStillNamedByItsRowInTheCallersData() {
        Tensor y = labels(0, 1, 1, 0, 1, 0, 0, 1, 1, -1);
        assertThatThrownBy(() -> binary().fit(X, y, Fit.epochs(1).validationSplit(0.2).verbose(0)))
                .hasMessageStartingWith("fit: y has -1.0 at row 9; binary_crossentropy needs targets in [0, 1]")
                .hasMessageContaining("map -1/+1 labels to 0/1");
        Tensor good = labels(0, 1, 1, 0, 1, 0, 0, 1, 1, 0);
        assertThatThrownBy(() -> binary().fit(X, good, Fit.epochs(1).verbose(0)
                .validationData(X.slice(0, 3), labels(1, 0, 5))))
                .hasMessageStartingWith("fit: validation y has 5.0 at row 2;");
    }

    @Test
    void evaluateChecksItsTargetsToo() {
        Sequential m = binary();
        assertThatThrownBy(() -> m.evaluate(X.slice(0, 4), labels(0, 1, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("evaluate: y has 3.0 at row 2; binary_crossentropy needs targets in [0, 1]");
    }

    @Test
    void sparseLabelsThatAreNotIntegerIdsOfTheOutputFailNamingTheRow() {
        Sequential m = new Sequential(input(2), dense(3, "softmax"));
        m.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        assertThatThrownBy(() -> m.fit(X, labels(0, 1, 2, 0, 1, 2, 0.5f, 1, 2, 0), Fit.epochs(1).verbose(0)))
                .hasMessage("fit: y has 0.5 at row 6, which is not an integer class id; sparse_categorical_crossentropy "
                        + "needs an integer in [0, 2] for the model's 3 outputs; for one-hot or probability targets use "
                        + "categorical_crossentropy");
        assertThatThrownBy(() -> m.fit(X, labels(0, 1, 2, 0, 1, 2, 0, 1, 3, 0), Fit.epochs(1).verbose(0)))
                .hasMessageContaining("has 3.0 at row 8, which is out of range");
    }

    @Test
    void categoricalTargetsThatAreNotOneHotFailWithTheirRow() {
        Sequential m = new Sequential(input(2), dense(2, "softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        float[][] rows = new float[10][];
        for (int i = 0; i < 10; i++) {
            rows[i] = i == 4 ? new float[] {1, 1} : new float[] {i % 2, 1 - i % 2};
        }
        assertThatThrownBy(() -> m.fit(X, Tensor.of(rows), Fit.epochs(1).batchSize(4).verbose(0)))
                .hasMessageStartingWith("fit: y row 4 is [1.0, 1.0]; categorical_crossentropy needs one-hot rows");
    }

    @Test
    void hingeTargetsOtherThanSignedOrBinaryLabelsFail() {
        Sequential m = new Sequential(input(2), dense(1));
        m.compile(new SGD(0.1), "hinge");
        assertThatThrownBy(() -> m.fit(X, labels(1, -1, 1, -1, 1, -1, 1, -1, 0, 1), Fit.epochs(1).verbose(0)))
                .hasMessage("fit: y mixes 0 (row 8) and -1 (row 1); hinge needs labels -1/+1 or 0/1, not both");
    }

    @Test
    void outputWidthAndTargetWidthThatDoNotFitFailBeforeTraining() {
        Sequential m = new Sequential(input(2), dense(3, "softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy");
        assertThatThrownBy(() -> m.fit(X, labels(0, 1, 2, 0, 1, 2, 0, 1, 2, 0), Fit.epochs(1).verbose(0)))
                .hasMessage("fit: y has shape [10, 1] but the model outputs [10, 3]; categorical_crossentropy needs "
                        + "targets of the output's shape; for class ids 0..2 use sparse_categorical_crossentropy, or "
                        + "one-hot encode y");
    }

    // ---------------------------------------------------------------- output layers that cannot learn

    @Test
    void aClassLossOverOneOutputUnitIsAnError() {
        Sequential sigmoid = new Sequential(input(2), dense(1, "sigmoid"));
        sigmoid.compile(new Adam(0.01), "categorical_crossentropy");
        assertThatThrownBy(() -> sigmoid.fit(X, Tensor.ones(10, 1), Fit.epochs(1).verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: categorical_crossentropy needs one output unit per class, but the model outputs 1 value "
                        + "per sample, so the loss is always 0 and nothing is learnt; for 0/1 labels use one sigmoid unit "
                        + "with binary_crossentropy, for k classes k softmax units");
        Sequential sparse = new Sequential(input(2), dense(1));
        sparse.compile(new Adam(0.01), "sparse_categorical_crossentropy");
        assertThatThrownBy(() -> sparse.fit(X, Tensor.zeros(10, 1), Fit.epochs(1).verbose(0)))
                .hasMessageStartingWith("fit: sparse_categorical_crossentropy needs one output unit per class");
    }

    @Test
    void aSoftmaxOverOneUnitIsAnError() {
        Sequential m = new Sequential(input(2), dense(1), activation("softmax"), dropout(0.1));
        m.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        assertThatThrownBy(() -> m.fit(X, labels(0, 1, 1, 0, 1, 0, 0, 1, 1, 0), Fit.epochs(1).verbose(0)))
                .hasMessageStartingWith("fit: the last layer is a softmax over 1 unit, which always outputs 1")
                .hasMessageContaining("use one sigmoid unit with binary_crossentropy");
    }

    // ---------------------------------------------------------------- warnings

    /** Collects the warnings of {@link OutputChecks} while {@code run} runs. */
    private static List<String> warnings(Runnable run) {
        List<String> seen = new ArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    seen.add(r.getMessage());
                }
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        OutputChecks.LOG.addHandler(handler);
        try {
            run.run();
        } finally {
            OutputChecks.LOG.removeHandler(handler);
        }
        return seen;
    }

    @Test
    void aTwoUnitSoftmaxUnderBinaryCrossentropyWarnsOnceSuggestingTheUsualForms() {
        Sequential m = new Sequential(input(2), dense(2, "softmax"));
        m.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        float[][] oneHot = new float[10][];
        for (int i = 0; i < 10; i++) {
            oneHot[i] = new float[] {i % 2, 1 - i % 2};
        }
        Tensor y = Tensor.of(oneHot);
        List<String> seen = warnings(() -> {
            m.fit(X, y, Fit.epochs(2).verbose(0));
            m.fit(X, y, Fit.epochs(1).verbose(0));
            m.evaluate(X, y);
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isEqualTo("binary_crossentropy on a 2-unit softmax output, whose two columns carry the "
                + "same probability; use categorical_crossentropy (one-hot targets of 2 columns), or one sigmoid unit "
                + "with binary_crossentropy (0/1 labels)");
        // a model of its own is warned about again
        Sequential other = new Sequential(input(2), dense(2, "softmax"));
        other.compile(new Adam(0.01), "binary_crossentropy");
        assertThat(warnings(() -> other.fit(X, y, Fit.epochs(1).verbose(0)))).hasSize(1);
    }

    @Test
    void probabilitiesAndLogitsThatDoNotMatchTheOutputActivationWarn() {
        Tensor y = labels(0, 1, 1, 0, 1, 0, 0, 1, 1, 0);
        Sequential linear = new Sequential(input(2), dense(1));
        linear.compile(new Adam(0.01), "binary_crossentropy");
        assertThat(warnings(() -> linear.fit(X, y, Fit.epochs(1).verbose(0))))
                .singleElement().asString().startsWith("binary_crossentropy expects probabilities, but the last layer "
                        + "has no activation (linear)").contains("add a sigmoid activation", "from_logits=true");
        Sequential doubled = new Sequential(input(2), dense(1, "sigmoid"));
        doubled.compile(new Adam(0.01), Losses.binaryCrossentropy(true));
        assertThat(warnings(() -> doubled.fit(X, y, Fit.epochs(1).verbose(0))))
                .singleElement().asString().contains("takes logits (from_logits=true), but the last layer already "
                        + "applies sigmoid");
        Sequential fine = new Sequential(input(2), dense(1));
        fine.compile(new Adam(0.01), Losses.binaryCrossentropy(true));
        assertThat(warnings(() -> binary().fit(X, y, Fit.epochs(1).verbose(0)))).isEmpty();
        assertThat(warnings(() -> fine.fit(X, y, Fit.epochs(1).verbose(0)))).isEmpty();
    }

    // ---------------------------------------------------------------- compile

    @Test
    void accuracyOnARegressionFailsAtCompile() {
        Sequential m = new Sequential(input(2), dense(1));
        assertThatThrownBy(() -> m.compile("adam", "mse", "mae", "accuracy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metric 'accuracy' needs class labels, but loss 'mse' is a regression loss; use "
                        + "mae, mse, rmse or r2 for regression");
        assertThatThrownBy(() -> m.compile(new Adam(0.01), Losses.huber(), Metrics.accuracy()))
                .hasMessageContaining("loss 'huber' is a regression loss");
        assertThat(m.isCompiled()).as("a failed compile leaves the model uncompiled").isFalse();
        assertThatCode(() -> m.compile("adam", "mse", "mae", "rmse", "r2")).doesNotThrowAnyException();
    }

    @Test
    void aMisspeltNameFailsAtCompileWithTheClosestKnownName() {
        Sequential m = new Sequential(input(2), dense(1, "sigmoid"));
        assertThatThrownBy(() -> m.compile("adam", "binary_crossentropy", "accuracy", "presision"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown metric 'presision' (did you mean 'precision'?); known metrics: [");
        assertThatThrownBy(() -> m.compile("adam", "binary_crosentropy"))
                .hasMessageStartingWith("unknown loss 'binary_crosentropy' (did you mean 'binary_crossentropy'?)");
        assertThatThrownBy(() -> m.compile("adamm", "mse"))
                .hasMessageStartingWith("Unknown optimizer 'adamm' (did you mean 'adam'?)");
        assertThatThrownBy(() -> dense(3, "rellu")).hasMessageStartingWith("unknown activation 'rellu' (did you mean 'relu'?)");
        assertThat(m.isCompiled()).isFalse();
    }
}
