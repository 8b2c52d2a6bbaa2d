package dev.neurona.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void acceptsValuesWithinAtolPlusRtolTimesExpected() {
        Tolerance t = new Tolerance(1e-4, 1e-5);
        assertThat(t.isClose(1000.09, 1000)).isTrue();
        assertThat(t.isClose(1000.2, 1000)).isFalse();
        assertThat(t.isClose(0, 4.4e-195)).isTrue();
        assertThat(t.isClose(Double.NaN, 0)).isFalse();
        t.assertClose(Tensor.of(1f, 2f), new double[] {1.00001, 2}, "v");
    }

    @Test
    void reportsTheWorstElementWithItsIndexAndBothValues() {
        Tensor actual = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        double[][] expected = {{1, 2, 3}, {4, 5.5, 6.01}};
        assertThatThrownBy(() -> Tolerance.FLOAT32.assertClose(actual, expected, "y"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("y: 2 of 6 values differ; worst at 4 [1, 1]: actual 5.00000000, expected 5.50000000");
    }

    @Test
    void nonFiniteActualValuesFail() {
        assertThatThrownBy(() -> Tolerance.FLOAT32.assertClose(new float[] {1f, Float.NaN}, new double[] {1, 0}, "z"))
                .hasMessageContaining("worst at 1 [1]").hasMessageContaining("NaN");
    }

    @Test
    void sizeAndShapeMismatchesFail() {
        assertThatThrownBy(() -> Tolerance.FLOAT32.assertClose(Tensor.of(1f, 2f), new double[] {1}, "v"))
                .hasMessageContaining("2 values").hasMessageContaining("expected 1");
        assertThatThrownBy(() -> Tolerance.FLOAT32.assertClose(Tensor.of(1f, 2f), new double[][] {{1, 2}}, "m"))
                .hasMessageContaining("shape [2], expected [1, 2]");
        assertThatThrownBy(() -> new Tolerance(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalarComparison() {
        Tolerance.EXACT.assertClose(0.5, 0.5, "s");
        assertThatThrownBy(() -> Tolerance.EXACT.assertClose(0.5, 0.25, "s")).hasMessageStartingWith("s: 1 of 1 values differ; worst:");
    }
}
