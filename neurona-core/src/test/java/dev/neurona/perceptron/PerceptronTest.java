package dev.neurona.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.OneHot;
import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PerceptronTest {

    private static PerceptronResult fitLogic(Dataset d) {
        // the truth tables have targets 0/1 as [4, 1]: accepted and read as -1/+1
        return new Perceptron().maxEpochs(100).fit(d.x(), d.y());
    }

    @Test
    void learnsAndAndOrButNotXor() {
        PerceptronResult and = fitLogic(Datasets.and());
        PerceptronResult or = fitLogic(Datasets.or());
        PerceptronResult xor = fitLogic(Datasets.xor());

        assertThat(and.converged()).isTrue();
        assertThat(and.score(Datasets.and().x(), Datasets.and().y())).isEqualTo(1.0);
        assertThat(or.converged()).isTrue();
        assertThat(or.score(Datasets.or().x(), Datasets.or().y())).isEqualTo(1.0);
        assertThat(xor.converged()).isFalse();
        assertThat(xor.epochs()).isEqualTo(100);
        assertThat(xor.score(Datasets.xor().x(), Datasets.xor().y())).isLessThan(1.0);
        assertThat(and.mistakesPerEpoch()[and.epochs() - 1]).isZero();
    }

    @Test
    void convergesOnGeneratedSeparableDataAndPredictsSigns() {
        Dataset d = Datasets.linearlySeparable(60, 3);
        PerceptronResult r = new Perceptron().maxEpochs(1000).fit(d.x(), d.y());
        assertThat(r.converged()).isTrue();
        assertThat(r.trainingErrors()).isZero();
        assertThat(r.predict(d.x()).toArray()).containsOnly(-1f, 1f);
        assertThat(r.score(d.x(), d.y())).isEqualTo(1.0);
        assertThat(r.decisionFunction(d.x()).shape()).containsExactly(60);
    }

    @Test
    void learningRateAndInitialWeightsAreUsed() {
        float[][] x = {{1, 0}};
        PerceptronResult r = new Perceptron().learningRate(0.5).initialWeights(0f, 0f, 0f).fit(Tensor.of(x), Tensor.of(1f));
        assertThat(r.weightsAfterEpoch(1)).containsExactly(0.5f, 0.5f, 0f);
        assertThat(r.epochs()).isEqualTo(2);
        PerceptronResult start = new Perceptron().initialWeights(1f, 1f, 0f).fit(Tensor.of(x), Tensor.of(1f));
        assertThat(start.epochs()).isEqualTo(1);
        assertThat(start.mistakesPerEpoch()).containsExactly(0);
        assertThat(start.weights()).containsExactly(1f, 1f, 0f);
    }

    @Test
    void seededShuffleIsDeterministicAndDiffersFromFixedOrder() {
        Dataset d = Datasets.linearlySeparable(40, 11);
        PerceptronResult a = new Perceptron().shuffle(true).seed(5).maxEpochs(500).fit(d.x(), d.y());
        PerceptronResult b = new Perceptron().shuffle(true).seed(5).maxEpochs(500).fit(d.x(), d.y());
        PerceptronResult fixed = new Perceptron().maxEpochs(500).fit(d.x(), d.y());
        assertThat(a.weights()).containsExactly(b.weights());
        assertThat(a.mistakeIndicesPerEpoch()[0]).isNotEqualTo(fixed.mistakeIndicesPerEpoch()[0]);
        assertThat(a.converged()).isTrue();
    }

    @Test
    void badLabelsAndArgumentsAreClearErrors() {
        Tensor x = Tensor.of(new float[][] {{0, 1}, {1, 0}});
        assertThatThrownBy(() -> new Perceptron().fit(x, Tensor.of(1f, 2f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 1 is 2.0").hasMessageContaining("-1/+1");
        assertThatThrownBy(() -> new Perceptron().fit(x, Tensor.of(0f, -1f)))
                .hasMessageContaining("mix 0 and -1");
        assertThatThrownBy(() -> new Perceptron().fit(x, Tensor.of(1f, -1f, 1f)))
                .hasMessageContaining("shape [2] or [2, 1]");
        assertThatThrownBy(() -> new Perceptron().fit(Tensor.of(1f, 2f), Tensor.of(1f, -1f)))
                .hasMessageContaining("[n, d]");
        assertThatThrownBy(() -> new Perceptron().initialWeights(0f, 0f).fit(x, Tensor.of(1f, -1f)))
                .hasMessageContaining("need 3");
        assertThatThrownBy(() -> new Perceptron().learningRate(-1)).hasMessageContaining("invalid learning rate -1");
        assertThatThrownBy(() -> new Perceptron().maxEpochs(0)).hasMessageContaining("maxEpochs 0");
        assertThatThrownBy(() -> new Perceptron().fit(Tensor.of(new float[][] {{Float.NaN, 1}}), Tensor.of(1f)))
                .hasMessageContaining("finite");
    }

    @Test
    void pocketKeepsTheBestWeightsOnNonSeparableData() {
        Dataset d = Datasets.moons(100, 0.2, 1);
        PerceptronResult plain = new Perceptron().maxEpochs(30).fit(d.x(), d.y());
        PerceptronResult pocket = new PocketPerceptron().maxEpochs(30).fit(d.x(), d.y());
        assertThat(pocket.converged()).isFalse();
        assertThat(pocket.trainingErrors()).isLessThanOrEqualTo(plain.trainingErrors());
        assertThat(pocket.score(d.x(), d.y())).isGreaterThan(0.75);
        // the pocket never gets worse from one epoch to the next
        for (int e = 1; e < pocket.epochs(); e++) {
            int before = errors(pocket.weightsAfterEpoch(e), d);
            int after = errors(pocket.weightsAfterEpoch(e + 1), d);
            assertThat(after).isLessThanOrEqualTo(before);
        }
        // on separable data it ends where the plain perceptron does
        Dataset s = Datasets.linearlySeparable(30, 2);
        assertThat(new PocketPerceptron().maxEpochs(500).fit(s.x(), s.y()).trainingErrors()).isZero();
    }

    private static int errors(float[] w, Dataset d) {
        int[] y = Labels.signs("t", d.y(), d.size());
        return Labels.errors(w, Labels.points("t", d.x()), y);
    }

    @Test
    void oneVsRestSeparatesBlobs() {
        Dataset d = Datasets.blobs(150, 3, 0.5, 4);
        OneVsRestResult r = new OneVsRestPerceptron(new PocketPerceptron().maxEpochs(50)).fit(d.x(), d.y());
        assertThat(r.classes()).isEqualTo(3);
        assertThat(r.weights()).hasDimensions(3, 3);
        assertThat(r.score(d.x(), d.y())).isGreaterThan(0.95);
        assertThat(r.predict(d.x()).shape()).containsExactly(150);
        // class ids work as well as one-hot rows
        OneVsRestResult ids = new OneVsRestPerceptron(new PocketPerceptron().maxEpochs(50)).fit(d.x(), OneHot.toSparse(d.y()));
        assertThat(ids.weights()).isDeepEqualTo(r.weights());
        assertThatThrownBy(() -> new OneVsRestPerceptron().fit(d.x(), Tensor.zeros(150)))
                .hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> new OneVsRestPerceptron().fit(d.x(), Tensor.full(0.5f, 150)))
                .hasMessageContaining("integers >= 0");
    }
}
