package dev.neurona.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Loss#checkTargetData}: each loss with a target domain rejects a whole data set that
 * leaves it, naming the value, its row of the data and the form it expects, and accepts what
 * it can learn from.
 */
class TargetDataTest {

    private static Tensor column(float... v) {
        return Tensor.of(v, v.length, 1);
    }

    @Test
    void binaryCrossentropyWantsZeroOneLabelsOrProbabilities() {
        Loss bce = Losses.binaryCrossentropy();
        assertThatCode(() -> bce.checkTargetData("fit: y", column(0, 1, 0.25f, 1), new int[] {1})).doesNotThrowAnyException();
        assertThatThrownBy(() -> bce.checkTargetData("fit: y", column(0, 1, 2, 1), new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: y has 2.0 at row 2; binary_crossentropy needs targets in [0, 1] (0/1 labels or "
                        + "probabilities); for class ids 0..k-1 use sparse_categorical_crossentropy");
        assertThatThrownBy(() -> Losses.binaryCrossentropy(true, 0.1).checkTargetData("evaluate: y", column(1, -1, 1),
                new int[] {1}))
                .hasMessageStartingWith("evaluate: y has -1.0 at row 1; binary_crossentropy needs targets in [0, 1]")
                .hasMessageEndingWith("map -1/+1 labels to 0/1 (or use hinge)");
        // several columns (multi-label): the column is named too
        Tensor multi = Tensor.of(new float[][] {{0, 1}, {1, 0}, {1, 3}});
        assertThatThrownBy(() -> bce.checkTargetData("fit: y", multi, new int[] {2}))
                .hasMessageStartingWith("fit: y has 3.0 at row 2, column 1;");
    }

    @Test
    void targetsMustHaveTheOutputsShape() {
        Loss bce = Losses.binaryCrossentropy();
        assertThatCode(() -> bce.checkTargetData("fit: y", Tensor.of(new float[] {0, 1, 1}), new int[] {1}))
                .as("[n] against one output").doesNotThrowAnyException();
        assertThatThrownBy(() -> bce.checkTargetData("fit: y", column(0, 1, 1), new int[] {2}))
                .hasMessage("fit: y has shape [3, 1] but the model outputs [3, 2]; binary_crossentropy needs targets of "
                        + "the output's shape; for class ids 0..1 use sparse_categorical_crossentropy, or one-hot encode y");
        assertThatThrownBy(() -> Losses.mse().checkTargetData("fit: y", Tensor.zeros(3, 2), new int[] {1}))
                .hasMessageEndingWith("give the last layer one unit per target column (2)");
        assertThatCode(() -> Losses.mse().checkTargetData("fit: y", Tensor.zeros(3, 2), null))
                .as("no output shape known: nothing to compare").doesNotThrowAnyException();
    }

    @Test
    void categoricalCrossentropyWantsOneHotRowsNamingTheRow() {
        Loss cce = Losses.categoricalCrossentropy();
        Tensor good = Tensor.of(new float[][] {{1, 0, 0}, {0, 0.5f, 0.5f}});
        assertThatCode(() -> cce.checkTargetData("fit: y", good, new int[] {3})).doesNotThrowAnyException();
        Tensor bad = Tensor.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 2, 0}});
        assertThatThrownBy(() -> cce.checkTargetData("fit: y", bad, new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: y row 2 is [0.0, 2.0, 0.0]; categorical_crossentropy needs one-hot rows (one 1 and "
                        + "the rest 0) or probabilities summing to 1; for integer class ids use "
                        + "sparse_categorical_crossentropy");
        Tensor negative = Tensor.of(new float[][] {{1, 0}, {1.5f, -0.5f}});
        assertThatThrownBy(() -> cce.checkTargetData("fit: y", negative, new int[] {2})).hasMessageContaining("row 1 is");
        assertThatThrownBy(() -> cce.checkTargetData("fit: y", column(0, 2, 1), new int[] {3}))
                .as("class ids").hasMessageContaining("has shape [3, 1] but the model outputs [3, 3]")
                .hasMessageContaining("use sparse_categorical_crossentropy");
    }

    @Test
    void sparseCategoricalCrossentropyWantsIntegerIdsBelowTheOutputWidth() {
        Loss sparse = Losses.sparseCategoricalCrossentropy();
        assertThatCode(() -> sparse.checkTargetData("fit: y", column(0, 2, 1), new int[] {3})).doesNotThrowAnyException();
        assertThatCode(() -> sparse.checkTargetData("fit: y", Tensor.of(new float[] {0, 2, 1}), new int[] {3}))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> sparse.checkTargetData("fit: y", column(0, 1.5f, 1), new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: y has 1.5 at row 1, which is not an integer class id; sparse_categorical_crossentropy "
                        + "needs an integer in [0, 2] for the model's 3 outputs; for one-hot or probability targets use "
                        + "categorical_crossentropy");
        assertThatThrownBy(() -> sparse.checkTargetData("fit: y", column(0, 1, 3), new int[] {3}))
                .hasMessage("fit: y has 3.0 at row 2, which is out of range; sparse_categorical_crossentropy needs an "
                        + "integer in [0, 2] for the model's 3 outputs");
        assertThatThrownBy(() -> sparse.checkTargetData("fit: y", Tensor.of(new float[][] {{1, 0}, {0, 1}}), new int[] {2}))
                .hasMessageContaining("needs one integer class id per sample, shape [2]")
                .hasMessageEndingWith("for one-hot targets use categorical_crossentropy");
        assertThatThrownBy(() -> sparse.checkTargetData("fit: y", column(0, -1), null))
                .as("without an output shape the ids must still be non-negative integers")
                .hasMessageContaining("needs a non-negative integer");
    }

    @Test
    void hingeLossesWantMinusOnePlusOneOrZeroOneLabels() {
        for (Loss loss : new Loss[] {Losses.hinge(), Losses.squaredHinge(), Losses.perceptron()}) {
            assertThatCode(() -> loss.checkTargetData("fit: y", column(-1, 1, 1), new int[] {1})).doesNotThrowAnyException();
            assertThatCode(() -> loss.checkTargetData("fit: y", column(0, 1, 1), new int[] {1})).doesNotThrowAnyException();
            assertThatThrownBy(() -> loss.checkTargetData("fit: y", column(1, 2), new int[] {1}))
                    .hasMessage("fit: y has 2.0 at row 1; " + loss.name()
                            + " needs labels -1/+1 (or 0/1, converted to -1/+1)");
            // every batch alone may look fine, but the data mixes the two conventions
            assertThatThrownBy(() -> loss.checkTargetData("fit: y", column(1, 0, 1, -1), new int[] {1}))
                    .hasMessage("fit: y mixes 0 (row 1) and -1 (row 3); " + loss.name()
                            + " needs labels -1/+1 or 0/1, not both");
        }
    }

    @Test
    void poissonWantsNonNegativeTargetsAndRegressionLossesAcceptAnyValue() {
        assertThatThrownBy(() -> Losses.poisson().checkTargetData("fit: y", column(3, 0, -2), new int[] {1}))
                .hasMessage("fit: y has -2.0 at row 2; poisson needs non-negative targets (counts or rates)");
        for (String name : new String[] {"mse", "mae", "huber", "log_cosh"}) {
            assertThatCode(() -> Losses.get(name).checkTargetData("fit: y", column(-7, 2, 1e6f), new int[] {1}))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void regressionLossesAreKnownAsSuch() {
        for (String name : new String[] {"mse", "mae", "mape", "msle", "huber", "log_cosh", "poisson", "cosine_similarity"}) {
            assertThat(Losses.isRegression(Losses.get(name))).as(name).isTrue();
        }
        for (String name : new String[] {"binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
                "hinge", "squared_hinge", "categorical_hinge", "perceptron", "kl_divergence"}) {
            assertThat(Losses.isRegression(Losses.get(name))).as(name).isFalse();
        }
    }
}
