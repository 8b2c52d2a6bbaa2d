package dev.neurona.models;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.data.Dataset;
import dev.neurona.nn.Input;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-sample weights in fit and evaluate, and validation data given by name. */
class SampleWeightsTest {

    @Test
    void evaluateWeighsEachSampleAsKerasDoes() {
        Sequential m = new Sequential(input(2), dense(1));
        m.compile(new Adam(), "mse");
        Tensor x = Tensor.randn(new Random(1), 6, 2);
        Tensor y = Tensor.randn(new Random(2), 6, 1);
        float[] w = {0, 1, 2, 0.5f, 0, 3};
        float[] p = m.predict(x).toArray();
        float[] t = y.toArray();
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += w[i] * (p[i] - t[i]) * (p[i] - t[i]);
        }
        double loss = m.evaluate(Dataset.of(x, y).sampleWeight(Tensor.of(w))).get("loss");
        assertThat(loss).isCloseTo(sum / 6, within(1e-5));   // Keras's sum_over_batch_size
    }

    @Test
    void samplesOfWeightZeroTeachNothing() {
        Sequential m = new Sequential(input(2), dense(1)).seed(4);
        m.compile(new Adam(0.1), "mse");
        List<Tensor> before = m.getWeights();
        Tensor x = Tensor.randn(new Random(3), 8, 2);
        m.fit(x, Tensor.randn(new Random(4), 8, 1), Fit.epochs(3).batchSize(4).verbose(0).sampleWeight(Tensor.zeros(8)));
        for (int i = 0; i < before.size(); i++) {
            assertThat(m.getWeights().get(i).toArray()).isEqualTo(before.get(i).toArray());
        }
        assertThatThrownBy(() -> m.fit(x, x.slice(0, 8).sum(1, true),
                Fit.epochs(1).verbose(0).sampleWeight(Tensor.zeros(7))))
                .hasMessageContaining("one weight per sample");
    }

    @Test
    void namedValidationDataIsMatchedByName() {
        SymbolicTensor a = Input.of(2).name("a");
        SymbolicTensor b = Input.of(2).name("b");
        Model m = new Model(List.of(a, b), List.of(dense(1).name("out").apply(dev.neurona.nn.Layers.add().apply(a, b))));
        m.compile(new Adam(0.05), Map.of("out", "mse"));
        Tensor xa = Tensor.randn(new Random(5), 32, 2);
        Tensor xb = Tensor.randn(new Random(6), 32, 2);
        Tensor y = xa.add(xb).sum(1, true);
        Dataset train = Dataset.of(Map.of("a", xa, "b", xb), Map.of("out", y));
        Dataset swapped = Dataset.of(Map.of("b", xb, "a", xa), Map.of("out", y));   // map order does not matter
        History h = m.fit(train, Fit.epochs(5).batchSize(8).verbose(0).validationData(swapped));
        assertThat(h.keys()).contains("loss", "val_loss");
        assertThat(h.get("val_loss").get(4)).isLessThan(h.get("val_loss").get(0));
    }
}
