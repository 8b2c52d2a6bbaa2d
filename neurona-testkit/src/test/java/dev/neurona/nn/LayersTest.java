package dev.neurona.nn;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.prelu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.activations.Activations;
import dev.neurona.nn.init.Initializers;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.LayerHarness;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void denseWithEveryOption() {
        LayerHarness.check(() -> dense(3, "tanh"), new int[] {4}, new int[] {3}, 15);
        LayerHarness.check(() -> dense(5), new int[] {2}, new int[] {5}, 15);
        LayerHarness.check(() -> new Dense(3).useBias(false), new int[] {4}, new int[] {3}, 12);
        LayerHarness.check(() -> dense(3, Activations.leakyRelu(0.1f)).kernelInitializer(Initializers.heNormal())
                .biasInitializer(Initializers.constant(0.1)).kernelRegularizer(Regularizer.l2(0.01))
                .biasRegularizer(Regularizer.l1(0.001)), new int[] {4}, new int[] {3}, 15);
        LayerHarness.check(() -> dense(2, "sigmoid"), new int[] {3, 4}, new int[] {3, 2}, 10);
    }

    @Test
    void flattenActivationDropoutPreluInput() {
        LayerHarness.check(() -> flatten(), new int[] {2, 3}, new int[] {6}, 0);
        LayerHarness.check(() -> flatten(2, 3), new int[] {2, 3}, new int[] {6}, 0);
        LayerHarness.check(() -> activation("relu"), new int[] {4}, new int[] {4}, 0);
        LayerHarness.check(() -> activation(Activations.softmax()), new int[] {4}, new int[] {4}, 0);
        LayerHarness.check(() -> dropout(0.3), new int[] {4}, new int[] {4}, 0);
        LayerHarness.check(() -> prelu(), new int[] {4}, new int[] {4}, 4);
        LayerHarness.check(() -> input(4), new int[] {4}, new int[] {4}, 0);
        LayerHarness.check(Layers::normalization, new int[] {4}, new int[] {4}, 8);
    }

    @Test
    void denseComputesXTimesKernelPlusBias() {
        Dense d = (Dense) new Dense(2).name("d");
        d.build(new int[] {3}, new Random(1));
        d.kernel().assign(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        d.bias().assign(Tensor.of(0.5f, -0.5f));
        Tensor y = d.call(Tensor.of(new float[][] {{1, 0, -1}}), Mode.INFERENCE);
        assertThat(y.toArray()).containsExactly(1 - 5 + 0.5f, 2 - 6 - 0.5f);
        assertThat(d.parameters()).extracting(p -> p.name()).containsExactly("d/kernel", "d/bias");
    }

    @Test
    void dropoutIsInvertedAndOnlyInTraining() {
        Dropout d = (Dropout) new Dropout(0.5).name("drop");
        d.build(new int[] {1000}, new Random(3));
        Tensor x = Tensor.ones(4, 1000);
        assertThat(d.call(x, Mode.INFERENCE).toArray()).containsOnly(1f);
        float[] trained = d.call(x, Mode.TRAINING).toArray();
        int zeros = 0;
        for (float v : trained) {
            assertThat(v).isIn(0f, 2f);
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).isBetween(1800, 2200);
    }

    @Test
    void preluLearnsItsSlope() {
        PReLU p = (PReLU) new PReLU().name("p");
        p.build(new int[] {2}, new Random(1));
        p.alpha().assign(Tensor.of(0.25f, 0.5f));
        Tensor y = p.call(Tensor.of(new float[][] {{-2, -2}, {3, 3}}), Mode.INFERENCE);
        assertThat(y.toArray()).containsExactly(-0.5f, -1f, 3f, 3f);
    }

    @Test
    void normalizationStandardizesWithAdaptedStatisticsThatAreNotTrained() {
        Normalization norm = (Normalization) new Normalization().name("norm");
        norm.build(new int[] {2}, new Random(1));
        Tensor data = Tensor.of(new float[][] {{1, 5}, {3, 5}, {5, 5}});
        norm.adapt(data);
        assertThat(norm.mean().toArray()).containsExactly(3f, 5f);
        assertThat(norm.call(data, Mode.INFERENCE).toArray())
                .usingComparatorWithPrecision(1e-5f).containsExactly(-1.2247449f, 0f, 0f, 0f, 1.2247449f, 0f);
        assertThat(norm.parameters()).allMatch(p -> !p.trainable());
        assertThatThrownBy(() -> norm.adapt(Tensor.zeros(2, 3))).hasMessageContaining("2 features");
    }

    @Test
    void badInputIsNamed() {
        Dense d = (Dense) new Dense(2).name("dense_1");
        d.build(new int[] {4}, new Random(1));
        assertThatThrownBy(() -> d.call(Tensor.zeros(3, 5), Mode.INFERENCE))
                .hasMessageContaining("dense_1 (Dense) expects input of shape [None, 4], got [3, 5]");
        assertThatThrownBy(() -> new Dense(0)).hasMessageContaining("units must be positive, got 0");
        assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("rate must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Layers.fromConfig(Map.of("type", "Conv3D")))
                .hasMessageContaining("unknown layer type 'Conv3D'").hasMessageContaining("Dense");
        assertThatThrownBy(() -> input(0)).hasMessageContaining("must be at least 1");
    }
}
