package dev.neurona.nn;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.permute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.GradCheck;
import dev.neurona.testkit.LayerHarness;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Keras's {@code Permute(dims)}: harness, values moved as Keras moves them, gradients, bad input. */
class PermuteTest {

    @Test
    void harness() {
        LayerHarness.check(() -> permute(2, 3, 1), new int[] {3, 4, 2}, new int[] {4, 2, 3}, 0);
        LayerHarness.check(() -> permute(2, 1), new int[] {5, 3}, new int[] {3, 5}, 0);
        LayerHarness.check(() -> permute(1), new int[] {4}, new int[] {4}, 0);
    }

    @Test
    void outputAxisIIsInputAxisDimsI() {
        // channels-first [batch 2, channels 3, height 2, width 2] to channels-last
        Tensor x = Tensor.arange(24).reshape(2, 3, 2, 2);
        Layer layer = permute(2, 3, 1).name("p");
        layer.build(new int[] {3, 2, 2}, new Random(1));
        Tensor y = layer.call(x, Mode.INFERENCE);
        assertThat(y.shape()).containsExactly(2, 2, 2, 3);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        assertThat(y.get(n, h, w, c)).isEqualTo(x.get(n, c, h, w));
                    }
                }
            }
        }
    }

    @Test
    void aDenseAfterItReadsThePermutedValues() {
        Sequential model = new Sequential(input(3, 2), permute(2, 1), new Flatten(), dense(1).useBias(false));
        model.build(3, 2);
        model.layers().get(3).parameters().get(0).assign(Tensor.of(new float[] {1, 10, 100, 1000, 10000, 100000}, 6, 1));
        // x = [[1, 2], [3, 4], [5, 6]] permuted is [[1, 3, 5], [2, 4, 6]]
        Tensor y = model.predict(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2));
        assertThat(y.item()).isEqualTo(1 + 30 + 500 + 2000 + 40000 + 600000f);
    }

    @Test
    void inputGradientsByFiniteDifferences() {
        Layer layer = permute(3, 1, 2).name("p");
        layer.build(new int[] {2, 3, 4}, new Random(1));
        Tensor x = Tensor.randn(new Random(2), 2, 2, 3, 4);
        Tensor w = Tensor.randn(new Random(3), 2, 4, 2, 3);
        GradCheck.assertGradients(in -> layer.call(in[0], Mode.TRAINING).mul(w).sum(), x);
    }

    @Test
    void badInputNamesTheLayerAndTheExpectedForm() {
        assertThatThrownBy(() -> permute(1, 1)).hasMessageContaining("Permute").hasMessageContaining("permutation of 1..2");
        assertThatThrownBy(() -> permute(0, 1)).hasMessageContaining("counted from 1");
        assertThatThrownBy(() -> permute()).hasMessageContaining("permutation");
        assertThatThrownBy(() -> permute(2, 1).outputShape(new int[] {2, 3, 4}))
                .hasMessageContaining("permute").hasMessageContaining("[None, 2, 3, 4]");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Permute", "dims", List.of(2, 3))))
                .hasMessageContaining("dims");
    }
}
