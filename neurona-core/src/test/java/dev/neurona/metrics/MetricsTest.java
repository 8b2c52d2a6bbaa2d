package dev.neurona.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.losses.Losses;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MetricsTest {

    // ---------------------------------------------------------------- merge

    private record Data(Tensor yTrue, Tensor yPred) {
        Data half(int start, int end) {
            return new Data(yTrue.slice(start, end), yPred.slice(start, end));
        }
    }

    private static Data binary() {
        Random r = new Random(11);
        return new Data(Tensor.rand(r, 20, 1).gt(0.5f), Tensor.rand(r, 20, 1));
    }

    private static Data categorical() {
        Random r = new Random(12);
        Tensor p = Tensor.rand(r, 20, 4);
        Tensor y = Tensor.zeros(20, 4);
        for (int i = 0; i < 20; i++) {
            y.data()[i * 4 + r.nextInt(4)] = 1f;
        }
        return new Data(y, p);
    }

    private static Data sparse() {
        Data c = categorical();
        return new Data(c.yTrue.argmax(1), c.yPred);
    }

    private static Data regression() {
        Random r = new Random(13);
        Tensor y = Tensor.randn(r, 20, 3);
        return new Data(y, y.add(Tensor.randn(r, 20, 3).mul(0.5f)));
    }

    private static void assertMergeEqualsWhole(Supplier<Metric> factory, Data data) {
        Metric whole = factory.get();
        whole.update(data.yTrue, data.yPred);
        Metric a = factory.get();
        a.update(data.half(0, 7).yTrue, data.half(0, 7).yPred);
        Metric b = factory.get();
        b.update(data.half(7, 20).yTrue, data.half(7, 20).yPred);
        a.merge(b.state());
        assertThat(a.result()).as(whole.name()).isCloseTo(whole.result(), within(1e-12));
        assertThat(a.state()).as(whole.name()).hasSameSizeAs(whole.state());
        Metric empty = factory.get();
        empty.merge(a.state());
        assertThat(empty.result()).as(whole.name() + " into an empty one").isCloseTo(whole.result(), within(1e-12));
        a.reset();
        assertThat(a.result()).as(whole.name() + " after reset").isZero();
    }

    @Test
    void mergingTwoHalvesEqualsTheWhole() {
        assertMergeEqualsWhole(Metrics::binaryAccuracy, binary());
        assertMergeEqualsWhole(Metrics::accuracy, binary());
        assertMergeEqualsWhole(Metrics::accuracy, categorical());
        assertMergeEqualsWhole(Metrics::accuracy, sparse());
        assertMergeEqualsWhole(Metrics::categoricalAccuracy, categorical());
        assertMergeEqualsWhole(Metrics::sparseCategoricalAccuracy, sparse());
        assertMergeEqualsWhole(() -> Metrics.topKCategoricalAccuracy(2), categorical());
        assertMergeEqualsWhole(() -> Metrics.sparseTopKCategoricalAccuracy(2), sparse());
        assertMergeEqualsWhole(Metrics::precision, binary());
        assertMergeEqualsWhole(Metrics::recall, binary());
        assertMergeEqualsWhole(Metrics::f1Score, binary());
        assertMergeEqualsWhole(Metrics::auc, binary());
        assertMergeEqualsWhole(Metrics::mae, regression());
        assertMergeEqualsWhole(Metrics::mse, regression());
        assertMergeEqualsWhole(Metrics::rmse, regression());
        assertMergeEqualsWhole(Metrics::r2Score, regression());
        assertMergeEqualsWhole(() -> Metrics.confusionMatrix(4), categorical());
    }

    @Test
    void confusionMatrixMergesCellByCell() {
        Data d = sparse();
        ConfusionMatrix whole = Metrics.confusionMatrix(4);
        whole.update(d.yTrue, d.yPred);
        ConfusionMatrix a = Metrics.confusionMatrix(4);
        a.update(d.half(0, 9).yTrue, d.half(0, 9).yPred);
        ConfusionMatrix b = Metrics.confusionMatrix(4);
        b.update(d.half(9, 20).yTrue, d.half(9, 20).yPred);
        a.merge(b.state());
        assertThat(a.matrix()).isDeepEqualTo(whole.matrix());
        assertThatThrownBy(() -> a.merge(new double[3])).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- accuracy resolution

    @Test
    void accuracyResolvesFromTheLossAsKerasDoes() {
        Metric bce = Metrics.get("accuracy", Losses.binaryCrossentropy(), new int[] {32, 3});
        assertThat(bce).isInstanceOf(BinaryAccuracy.class);
        assertThat(((BinaryAccuracy) bce).threshold()).isEqualTo(0.5);
        assertThat(Metrics.get("accuracy", Losses.mse(), new int[] {32, 1})).isInstanceOf(BinaryAccuracy.class);
        assertThat(Metrics.get("acc", Losses.mse(), new int[] {32})).isInstanceOf(BinaryAccuracy.class);
        assertThat(Metrics.get("accuracy", Losses.sparseCategoricalCrossentropy(), new int[] {32, 1}))
                .isInstanceOf(SparseCategoricalAccuracy.class);
        assertThat(Metrics.get("accuracy", Losses.sparseCategoricalCrossentropy(true), new int[] {32}))
                .isInstanceOf(SparseCategoricalAccuracy.class);
        assertThat(Metrics.get("accuracy", Losses.categoricalCrossentropy(), new int[] {32, 10}))
                .isInstanceOf(CategoricalAccuracy.class);
        assertThat(Metrics.get("accuracy", Losses.mse(), new int[] {32, 3})).isInstanceOf(CategoricalAccuracy.class);
        assertThat(Metrics.get("accuracy")).isInstanceOf(Accuracy.class);
        for (Metric m : List.of(bce, Metrics.get("accuracy", Losses.categoricalCrossentropy(), new int[] {8, 4}),
                Metrics.get("accuracy", Losses.sparseCategoricalCrossentropy(), new int[] {8}))) {
            assertThat(m.name()).isEqualTo("accuracy");
        }
        assertThat(Metrics.resolve(Metrics.accuracy(), Losses.sparseCategoricalCrossentropy(), new int[] {8}))
                .isInstanceOf(SparseCategoricalAccuracy.class);
    }

    @Test
    void logitsAndHingeScoresAreThresholdedAtZero() {
        BinaryAccuracy logits = (BinaryAccuracy) Metrics.get("accuracy", Losses.binaryCrossentropy(true), new int[] {4, 1});
        assertThat(logits.threshold()).isZero();
        Metric hinge = Metrics.get("accuracy", Losses.hinge(), new int[] {4});
        hinge.update(Tensor.of(-1f, 1f, 1f, -1f), Tensor.of(-0.3f, 0.2f, -0.1f, 0.4f));
        assertThat(hinge.result()).isEqualTo(0.5);
        assertThat(((Precision) Metrics.get("precision", Losses.binaryCrossentropy(true), new int[] {4})).threshold()).isZero();
    }

    @Test
    void aPredictionOfExactlyTheThresholdIsClassZero() {
        Metric acc = Metrics.binaryAccuracy();
        acc.update(Tensor.of(0f, 1f), Tensor.of(0.5f, 0.5f));
        assertThat(acc.result()).isEqualTo(0.5);
        Precision p = new Precision();
        p.update(Tensor.of(1f), Tensor.of(0.5f));
        assertThat(p.truePositives()).isZero();
        assertThat(p.falseNegatives()).isOne();
        assertThat(p.result()).isZero();   // no positive predictions: 0, as Keras
    }

    // ---------------------------------------------------------------- names and configs

    @Test
    void namesInLogsAreKerasNames() {
        assertThat(List.of(Metrics.accuracy(), Metrics.precision(), Metrics.recall(), Metrics.f1Score(), Metrics.auc(),
                Metrics.topKCategoricalAccuracy(5), Metrics.mae(), Metrics.mse(), Metrics.rmse(), Metrics.r2Score()))
                .extracting(Metric::name).containsExactly("accuracy", "precision", "recall", "f1_score", "auc",
                        "top_k_categorical_accuracy", "mae", "mse", "rmse", "r2_score");
    }

    @Test
    void everyNameResolvesAndConfigsRoundTrip() {
        for (String name : Metrics.names()) {
            Metric m = Metrics.get(name, Losses.categoricalCrossentropy(), new int[] {8, 3});
            Metric again = Metrics.fromConfig(m.config());
            assertThat(again.getClass()).as(name).isEqualTo(m.getClass());
            assertThat(again.config()).as(name).isEqualTo(m.config());
            assertThat(again.name()).isEqualTo(m.name());
        }
        Metric resolved = Metrics.get("accuracy", Losses.binaryCrossentropy(true), new int[] {8, 1});
        assertThat(Metrics.fromConfig(resolved.config()).config()).isEqualTo(resolved.config());
        assertThat(Metrics.get("mean_absolute_error")).isInstanceOf(MeanAbsoluteError.class);
        assertThat(Metrics.fromConfig(Map.of("name", "r2_score", "class_aggregation", "variance_weighted")).config())
                .containsEntry("class_aggregation", "variance_weighted");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Metrics.get("acuracy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acuracy").hasMessageContaining("accuracy").hasMessageContaining("r2_score");
    }

    // ---------------------------------------------------------------- values by hand

    @Test
    void aucCountsTiesAsHalf() {
        Metric auc = Metrics.auc();
        auc.update(Tensor.of(1f, 0f, 1f, 0f), Tensor.of(0.5f, 0.5f, 0.9f, 0.1f));
        // pairs (pos, neg): (0.5, 0.5) tie = 1/2, (0.5, 0.1) = 1, (0.9, 0.5) = 1, (0.9, 0.1) = 1 -> 3.5 / 4
        assertThat(auc.result()).isEqualTo(0.875);
    }

    @Test
    void rmseIsTheRootOfTheOverallMse() {
        Metric rmse = Metrics.rmse();
        rmse.update(Tensor.of(new float[][] {{0, 0}, {0, 0}}), Tensor.of(new float[][] {{1, 1}, {3, 3}}));
        assertThat(rmse.result()).isCloseTo(Math.sqrt(5), within(1e-12));
    }

    @Test
    void badShapesAndLabelsAreReported() {
        assertThatThrownBy(() -> Metrics.mse().update(Tensor.zeros(4, 2), Tensor.zeros(4, 3)))
                .hasMessageContaining("[4, 2]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> Metrics.sparseCategoricalAccuracy().update(Tensor.of(0f, 5f), Tensor.zeros(2, 3)))
                .hasMessageContaining("5.0").hasMessageContaining("row 1").hasMessageContaining("3 classes");
    }
}
