package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Errors about labels, inputs and weights name the row (and column) of the caller's own
 * {@code x}/{@code y}, never of a shuffled batch or a flat index: each case runs through the
 * public API with shuffling on and small batches, so that a batch-relative row would differ.
 */
class DataRowReportingTest {

    private static final int N = 12;

    private static Tensor x(int features) {
        Random r = new Random(3);
        float[][] x = new float[N][features];
        for (float[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return Tensor.of(x);
    }

    private static Tensor column(float... v) {
        return Tensor.of(v, v.length, 1);
    }

    private static Tensor oneHot(int classes, int... ids) {
        float[][] y = new float[ids.length][classes];
        for (int i = 0; i < ids.length; i++) {
            y[i][ids[i]] = 1;
        }
        return Tensor.of(y);
    }

    private static Fit shuffled() {
        return Fit.epochs(2).batchSize(5).shuffle(true).seed(99L).verbose(0);
    }

    private static Sequential model(int outputs, String activation, String loss, String... metrics) {
        Sequential m = new Sequential(input(3), dense(4, "tanh"), dense(outputs, activation)).seed(1);
        m.compile(new SGD(0.1), loss, metrics);
        return m;
    }

    @Test
    void aBadOneHotRowAtDataRowZeroIsReportedAsRowZero() {
        Tensor y = oneHot(3, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2);
        y.data()[1] = 1;   // row 0 is now [1, 1, 0]
        assertThatThrownBy(() -> model(3, "softmax", "categorical_crossentropy", "accuracy").fit(x(3), y, shuffled()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fit: y row 0 is [1.0, 1.0, 0.0]; categorical_crossentropy needs one-hot rows");
    }

    @Test
    void aBadSparseLabelAtDataRowThreeIsReportedAsRowThree() {
        Tensor y = column(0, 1, 2, 5, 1, 2, 0, 1, 2, 0, 1, 2);
        assertThatThrownBy(() -> model(3, "softmax", "sparse_categorical_crossentropy", "accuracy").fit(x(3), y, shuffled()))
                .hasMessageStartingWith("fit: y has 5.0 at row 3, which is out of range");
    }

    @Test
    void aBadHingeLabelNamesItsRowAndColumnNotAFlatIndex() {
        Tensor y = Tensor.of(new float[N * 2], N, 2);
        for (int i = 0; i < N * 2; i++) {
            y.data()[i] = i % 3 == 0 ? -1 : 1;
        }
        y.data()[2 * 7 + 1] = 3;   // row 7, column 1
        assertThatThrownBy(() -> model(2, "tanh", "hinge").fit(x(3), y, shuffled()))
                .hasMessage("fit: y has 3.0 at row 7, column 1; hinge needs labels -1/+1 (or 0/1, converted to -1/+1)");
        // called directly, a loss names the row and column of the y_true it was given
        Tensor pred = Tensor.zeros(N, 2);
        assertThatThrownBy(() -> Losses.hinge().call(y, pred))
                .hasMessage("hinge: labels must be -1/+1 (or 0/1, converted to -1/+1); got 3.0 at row 7, column 1");
        Tensor mixed = column(1, 0, 1, -1);
        assertThatThrownBy(() -> Losses.hinge().call(mixed, Tensor.zeros(4, 1)))
                .hasMessage("hinge: labels mix 0 and -1 (0 at row 1); use either -1/+1 or 0/1");
    }

    @Test
    void nanOrInfinityInValidationDataIsAnErrorNamingRowAndColumn() {
        Tensor y = column(0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0);
        Tensor vx = x(3).slice(0, 4).copy();
        vx.data()[2 * 3 + 1] = Float.NaN;   // row 2, column 1
        Sequential m = model(1, "sigmoid", "binary_crossentropy", "accuracy");
        assertThatThrownBy(() -> m.fit(x(3), y, shuffled().validationData(vx, column(0, 1, 1, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fit: validation x contains NaN at row 2, column 1 (shape [4, 3])");
        assertThat(m.optimizer().iterations()).as("no step was taken").isZero();
        assertThatThrownBy(() -> m.fit(x(3), y, shuffled().validationData(x(3).slice(0, 4),
                column(0, 1, Float.POSITIVE_INFINITY, 0))))
                .hasMessageStartingWith("fit: validation y contains Infinity at row 2, column 0");
    }

    @Test
    void nanTargetsAtEvaluateNameTheirRow() {
        Sequential m = model(1, "linear", "mse");
        Tensor y = column(0, 1, 2, 3, 4, Float.NaN, 6, 7, 8, 9, 10, 11);
        assertThatThrownBy(() -> m.evaluate(x(3), y))
                .hasMessageStartingWith("evaluate: y contains NaN at row 5, column 0");
    }

    @Test
    void aClassWithoutAWeightIsNamedByItsDataRow() {
        Tensor y = oneHot(3, 0, 1, 0, 1, 0, 1, 0, 1, 0, 2, 1, 0);   // class 2 only at row 9
        Sequential m = model(3, "softmax", "categorical_crossentropy");
        assertThatThrownBy(() -> m.fit(x(3), y, shuffled().classWeight(Map.of(0, 1.0, 1, 2.0))))
                .hasMessage("fit: classWeight has no weight for class 2 (y row 9); give one for every class, got [0, 1]");
        assertThat(m.optimizer().iterations()).as("checked before the first step").isZero();
        assertThatThrownBy(() -> m.fit(x(3), y, shuffled().classWeight(Map.of(0, 1.0, 1, -2.0, 2, 1.0))))
                .hasMessage("fit: classWeight for class 1 is -2.0; class weights must be finite and >= 0");
        assertThatCode(() -> m.fit(x(3), y, shuffled().classWeight(Map.of(0, 1.0, 1, 2.0, 2, 0.5))))
                .doesNotThrowAnyException();
    }
}
