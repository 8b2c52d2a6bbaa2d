package dev.neurona.metrics;

import static dev.neurona.golden.GoldenJson.flat;
import static dev.neurona.golden.GoldenJson.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neurona.golden.GoldenJson;
import dev.neurona.losses.Losses;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case of {@code metrics.json}: counts exactly, ratios at rtol 1e-5, atol 1e-6. */
class MetricsGoldenTest {

    @Test
    void allTenCasesArePresent() {
        assertThat(GoldenJson.cases("metrics.json")).hasSize(10);
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        List<JsonNode> cases = GoldenJson.cases("metrics.json");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        JsonNode expected = c.get("expected");
        Tensor yTrue = tensor(c.get("y_true"));
        Tensor yPred = tensor(c.has("y_score") ? c.get("y_score") : c.get("y_pred"));
        switch (c.get("metric").asText()) {
            case "binary_accuracy" -> {
                assertRatio(name, Metrics.binaryAccuracy(), yTrue, yPred, expected.get("binary_accuracy"));
                assertRatio(name + " resolved", Metrics.get("accuracy", Losses.binaryCrossentropy(), yTrue.shape()),
                        yTrue, yPred, expected.get("binary_accuracy"));
            }
            case "categorical_accuracy" -> {
                assertRatio(name, Metrics.categoricalAccuracy(), yTrue, yPred, expected.get("categorical_accuracy"));
                assertRatio(name + " resolved", Metrics.get("accuracy", Losses.categoricalCrossentropy(), yTrue.shape()),
                        yTrue, yPred, expected.get("categorical_accuracy"));
            }
            case "sparse_categorical_accuracy" -> {
                JsonNode value = expected.get("sparse_categorical_accuracy");
                assertRatio(name, Metrics.sparseCategoricalAccuracy(), yTrue, yPred, value);
                assertRatio(name + " resolved", Metrics.get("accuracy", Losses.sparseCategoricalCrossentropy(),
                        yTrue.shape()), yTrue, yPred, value);
                assertRatio(name + " auto", Metrics.accuracy(), yTrue, yPred, value);
            }
            case "precision_recall_f1" -> {
                assertRatio(name, Metrics.precision(), yTrue, yPred, expected.get("precision"));
                assertRatio(name, Metrics.recall(), yTrue, yPred, expected.get("recall"));
                assertRatio(name, Metrics.f1Score(), yTrue, yPred, expected.get("f1"));
                assertRatio(name, Metrics.binaryAccuracy(), yTrue, yPred, expected.get("accuracy"));
                Precision counts = new Precision();
                counts.update(yTrue, yPred);
                assertThat(new long[] {counts.truePositives(), counts.falsePositives(), counts.falseNegatives(),
                        counts.trueNegatives()}).containsExactly(expected.get("tp").asLong(), expected.get("fp").asLong(),
                        expected.get("fn").asLong(), expected.get("tn").asLong());
            }
            case "roc_auc" -> assertRatio(name, Metrics.auc(), yTrue, yPred, expected.get("roc_auc"));
            case "regression" -> {
                assertRatio(name, Metrics.mae(), yTrue, yPred, expected.get("mae"));
                assertRatio(name, Metrics.mse(), yTrue, yPred, expected.get("mse"));
                boolean multi = expected.has("rmse_overall");
                assertRatio(name, Metrics.rmse(), yTrue, yPred, expected.get(multi ? "rmse_overall" : "rmse"));
                assertRatio(name, Metrics.r2Score(), yTrue, yPred, expected.get(multi ? "r2_uniform_average" : "r2"));
                if (multi) {
                    R2Score r2 = new R2Score();
                    r2.update(yTrue, yPred);
                    GoldenJson.assertClose(name + " r2_raw_values", r2.rawScores(), flat(expected.get("r2_raw_values")),
                            1e-5, 1e-6);
                    assertRatio(name, new R2Score(R2Score.Aggregation.VARIANCE_WEIGHTED), yTrue, yPred,
                            expected.get("r2_variance_weighted"));
                }
            }
            case "confusion_matrix" -> {
                ConfusionMatrix m = Metrics.confusionMatrix(c.get("params").get("labels").size());
                m.update(yTrue, yPred);
                int[][] want = new int[m.numClasses()][];
                for (int i = 0; i < want.length; i++) {
                    want[i] = new int[m.numClasses()];
                    for (int j = 0; j < want.length; j++) {
                        want[i][j] = expected.get("confusion_matrix").get(i).get(j).asInt();
                    }
                }
                assertThat(m.matrix()).as(name).isDeepEqualTo(want);
            }
            case "top_k_accuracy" -> {
                int k = c.get("params").get("k").asInt();
                assertRatio(name + " sparse", Metrics.sparseTopKCategoricalAccuracy(k), yTrue, yPred,
                        expected.get("top_k_accuracy"));
                assertRatio(name + " one-hot", Metrics.topKCategoricalAccuracy(k), tensor(c.get("y_true_one_hot")), yPred,
                        expected.get("top_k_accuracy"));
            }
            default -> throw new AssertionError("unhandled golden metric case " + name);
        }
    }

    private static void assertRatio(String what, Metric metric, Tensor yTrue, Tensor yPred, JsonNode expected) {
        if (expected == null) {
            throw new AssertionError(what + ": missing expected value for " + metric.name());
        }
        metric.update(yTrue, yPred);
        GoldenJson.assertClose(what + " " + metric.name(), new double[] {metric.result()}, new double[] {expected.asDouble()},
                1e-5, 1e-6);
    }
}
