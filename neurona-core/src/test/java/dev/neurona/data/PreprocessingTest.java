package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static final Tensor TRAIN = Tensor.of(new float[][] {{1, 10, 5}, {2, 20, 5}, {3, 60, 5}});

    @Test
    void standardScalerFitsOnTrainAppliesToTestAndInverts() {
        StandardScaler s = new StandardScaler();
        Tensor z = s.fitTransform(TRAIN);
        assertThat(s.mean()).containsExactly(new double[] {2, 30, 5}, within(1e-12));
        assertThat(s.std()[0]).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(s.std()[2]).isEqualTo(1.0);   // constant column
        float[][] rows = z.toArray2d();
        assertThat(rows[0][0] + rows[1][0] + rows[2][0]).isCloseTo(0f, within(1e-6f));
        assertThat(rows[0][2]).isZero();          // constant column: 0, not NaN
        Tensor test = Tensor.of(new float[][] {{2, 30, 7}});
        assertThat(s.transform(test).toArray()).containsExactly(new float[] {0, 0, 2}, within(1e-6f));
        assertThat(s.inverseTransform(z).toArray()).containsExactly(TRAIN.toArray(), within(1e-5f));
        assertThatThrownBy(() -> s.transform(Tensor.zeros(2, 2))).hasMessageContaining("fitted on 3 features but x has 2");
        assertThatThrownBy(() -> new StandardScaler().transform(TRAIN)).hasMessageContaining("call fit");
    }

    @Test
    void minMaxScalerMapsTrainRangeAndInvertsRegressionTargets() {
        MinMaxScaler s = new MinMaxScaler();
        Tensor m = s.fitTransform(TRAIN);
        assertThat(m.toArray()).containsExactly(new float[] {0, 0, 0, 0.5f, 0.2f, 0, 1, 1, 0}, within(1e-6f));
        assertThat(s.dataMin()).containsExactly(1, 10, 5);
        assertThat(s.dataMax()).containsExactly(3, 60, 5);
        assertThat(s.inverseTransform(m).toArray()).containsExactly(TRAIN.toArray(), within(1e-5f));

        MinMaxScaler y = new MinMaxScaler(-1, 1);
        Tensor targets = Tensor.of(new float[] {100, 300, 200}, 3, 1);
        Tensor scaled = y.fitTransform(targets);
        assertThat(scaled.toArray()).containsExactly(new float[] {-1, 1, 0}, within(1e-6f));
        assertThat(y.inverseTransform(Tensor.of(new float[] {0.5f}, 1, 1)).item()).isCloseTo(250f, within(1e-3f));
        assertThatThrownBy(() -> new MinMaxScaler(1, 1)).hasMessageContaining("low < high");
        assertThatThrownBy(() -> new MinMaxScaler().fit(Tensor.of(new float[] {1, Float.NaN}, 2, 1)))
                .hasMessageContaining("sample 1, feature 0");
    }

    @Test
    void scalersTreatImagePixelsAsFeatures() {
        Tensor images = Tensor.arange(8).reshape(2, 2, 2);
        Tensor scaled = new MinMaxScaler().fitTransform(images);
        assertThat(scaled.shape()).containsExactly(2, 2, 2);
        assertThat(scaled.toArray()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void oneHotRoundTrips() {
        Tensor y = OneHot.toCategorical(Tensor.of(2, 0, 1), 3);
        assertThat(y.toArray2d()).isDeepEqualTo(new float[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
        assertThat(OneHot.classIds(y)).containsExactly(2, 0, 1);
        assertThat(OneHot.toSparse(y).toArray()).containsExactly(2, 0, 1);
        assertThat(OneHot.toCategorical(Tensor.of(new float[] {1, 3}, 2, 1)).shape()).containsExactly(2, 4);
        assertThatThrownBy(() -> OneHot.toCategorical(new int[] {0, 3}, 3)).hasMessageContaining("class id 3 at row 1 is outside 0..2");
        assertThatThrownBy(() -> OneHot.toCategorical(Tensor.of(0.5f))).hasMessageContaining("integers >= 0");
    }

    @Test
    void labelEncoderSortsClassesAndRejectsUnknownLabels() {
        LabelEncoder e = LabelEncoder.fit(List.of("versicolor", "setosa", "virginica", "setosa"));
        assertThat(e.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(e.encode(List.of("virginica", "setosa"))).containsExactly(2, 0);
        assertThat(e.decode(new int[] {1})).containsExactly("versicolor");
        assertThatThrownBy(() -> e.encode("rose")).hasMessageContaining("unknown label 'rose'").hasMessageContaining("setosa");
        assertThatThrownBy(() -> e.decode(3)).hasMessageContaining("outside 0..2");
    }
}
