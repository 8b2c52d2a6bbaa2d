package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Dataset;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Mode;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FitOptionsTest {

    private static Sequential model() {
        Sequential m = new Sequential(input(2), dense(1, "sigmoid")).seed(5);
        m.compile(new SGD(0.5), "binary_crossentropy", "accuracy");
        return m;
    }

    /** Overlapping classes: 0 around (−0.3, 0), 1 around (+0.3, 0); class 1 is rare. */
    private static Dataset imbalanced() {
        Random r = new Random(2);
        int n = 400;
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            boolean one = i % 10 == 0;
            x[2 * i] = (one ? 0.3f : -0.3f) + (float) r.nextGaussian();
            x[2 * i + 1] = (float) r.nextGaussian();
            y[i] = one ? 1 : 0;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
    }

    private static double predictedOnes(Sequential m, Dataset d) {
        return m.predict(d.x()).gt(0.5f).mean().item();
    }

    @Test
    void classWeightsShiftTheDecisionTowardsTheWeightedClass() {
        Dataset data = imbalanced();
        Sequential plain = model();
        plain.fit(data, Fit.epochs(20).verbose(0));
        Sequential weighted = model();
        weighted.fit(data, Fit.epochs(20).verbose(0).classWeight(Map.of(0, 1.0, 1, 9.0)));
        assertThat(predictedOnes(plain, data)).isLessThan(0.05);
        assertThat(predictedOnes(weighted, data)).isGreaterThan(0.3);
        assertThatThrownBy(() -> model().fit(data, Fit.epochs(1).verbose(0).classWeight(Map.of(0, 1.0))))
                .hasMessageContaining("no weight for class 1");
    }

    @Test
    void fullBatchGradientDescentIsOneStepPerEpochAndSgdIsOnePerSample() {
        Dataset data = imbalanced();
        Sequential gd = model();
        gd.fit(data, Fit.epochs(3).batchSize(data.size()).verbose(0));
        assertThat(gd.optimizer().iterations()).isEqualTo(3);
        Sequential sgd = model();
        sgd.fit(data.slice(0, 10), Fit.epochs(2).batchSize(1).verbose(0));
        assertThat(sgd.optimizer().iterations()).isEqualTo(20);
        Sequential mini = model();
        mini.fit(data, Fit.epochs(1).batchSize(64).verbose(0));
        assertThat(mini.optimizer().iterations()).isEqualTo(7);
    }

    @Test
    void predictInBatchesEqualsOneForwardPass() {
        Sequential m = new Sequential(input(3), dense(5, "tanh"), dense(2, "softmax"));
        Tensor x = Tensor.randn(new Random(1), 100, 3);
        Tensor whole = m.forward(x, Mode.INFERENCE);
        assertThat(m.predict(x).toArray()).containsExactly(whole.toArray());
        assertThat(m.predict(x, 7).toArray()).containsExactly(whole.toArray());
        assertThat(m.predict(x).isRequiresGrad()).isFalse();
    }

    @Test
    void validationSplitTakesTheLastSamplesBeforeShuffling() {
        Dataset data = imbalanced();
        Sequential a = model();
        History h = a.fit(data, Fit.epochs(1).verbose(0).validationSplit(0.25));
        Sequential b = model();
        b.fit(data.slice(0, 300), Fit.epochs(1).verbose(0).seed(0).shuffle(false));
        Map<String, Double> lastQuarter = b.evaluate(data.slice(300, 400));
        assertThat(h.get("val_loss")).hasSize(1);
        // a's validation loss is measured on rows 300..399, which b never saw either
        assertThat(lastQuarter).containsKeys("loss", "accuracy");
        assertThat(a.evaluate(data.slice(300, 400)).get("loss")).isEqualTo(h.last("val_loss"), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aModelWithoutInputLayerIsBuiltByItsFirstBatch() {
        Sequential m = new Sequential(dense(4, "relu"), dense(1));
        m.compile(new SGD(0.01), "mse");
        m.fit(Tensor.randn(new Random(1), 8, 3), Tensor.zeros(8, 1), Fit.epochs(1).verbose(0));
        assertThat(m.getWeights()).extracting(Tensor::size).isEqualTo(List.of(12, 4, 4, 1));
    }
}
