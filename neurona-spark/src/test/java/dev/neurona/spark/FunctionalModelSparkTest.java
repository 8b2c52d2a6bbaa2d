package dev.neurona.spark;

import static dev.neurona.nn.Layers.concatenate;
import static dev.neurona.nn.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Input;
import dev.neurona.nn.Mode;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.List;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Functional models on Spark: a graph that branches ships to the executors as its model file
 * (format version 2) and trains as {@code model.fit} does, as the Sequential in
 * {@link SynchronousTrainingTest} does; models of several inputs or outputs, and subclassed ones,
 * are refused naming why.
 */
class FunctionalModelSparkTest {

    /** The input joined to a hidden layer's output, then a softmax: one input, one output, not a chain. */
    static Model skipConnection(int features, int classes) {
        SymbolicTensor x = Input.of(features);
        SymbolicTensor joined = concatenate().apply(x, dense(8, "tanh").apply(x));
        Model m = new Model(x, dense(classes, "softmax").apply(joined)).seed(3);
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void aFunctionalGraphTrainsOnThreePartitionsLikeOneJvmAndPredictsAlike() {
        Dataset data = SynchronousTrainingTest.blobs(250, 6, 3, 1);
        Fit fit = Fit.epochs(3).batchSize(32).seed(11).verbose(0).validationSplit(0.2);
        Model local = skipConnection(6, 3);
        History expected = local.fit(data, fit);

        Model distributed = skipConnection(6, 3);
        History actual = new SparkTrainer(distributed).fit(TestSpark.frame(data, 3, false, true), fit);

        SynchronousTrainingTest.assertSameWeights(local, distributed, SynchronousTrainingTest.TOLERANCE);
        assertThat(actual.keys()).isEqualTo(expected.keys()).contains("loss", "accuracy", "val_loss", "val_accuracy");
        for (String key : expected.keys()) {
            for (int e = 0; e < 3; e++) {
                assertThat(actual.get(key).get(e)).as(key + " epoch " + e).isCloseTo(expected.get(key).get(e),
                        Offset.offset(1e-4));
            }
        }
        assertThat(distributed.optimizer().iterations()).isEqualTo(local.optimizer().iterations()).isEqualTo(3 * 7);
        assertThat(distributed.epochsCompleted()).isEqualTo(3);

        org.apache.spark.sql.Dataset<Row> frame = TestSpark.frame(data, 2, true, true);
        List<Row> rows = new SparkPredictor(distributed).batchSize(40).transform(frame).collectAsList();
        float[] p = distributed.predict(data.x()).toArray();
        assertThat(rows).hasSize(250);
        int correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<Float> probabilities = rows.get(i).getList(rows.get(i).fieldIndex("probability"));
            assertThat(probabilities).hasSize(3);
            for (int j = 0; j < 3; j++) {
                assertThat(probabilities.get(j)).isCloseTo(p[i * 3 + j], Offset.offset(1e-6f));
            }
            int predicted = rows.get(i).getInt(rows.get(i).fieldIndex("prediction"));
            assertThat(predicted).isEqualTo(SparkPredictor.predictedClass(java.util.Arrays.copyOfRange(p, i * 3, i * 3 + 3)));
            correct += predicted == rows.get(i).getInt(rows.get(i).fieldIndex("label")) ? 1 : 0;
        }
        assertThat(new SparkTrainer(distributed).evaluate(frame, 64).get("accuracy"))
                .isCloseTo((double) correct / rows.size(), Offset.offset(1e-9));
    }

    @Test
    void aModelOfTwoInputsIsRefusedNamingTheCounts() {
        SymbolicTensor a = Input.of(3).name("left");
        SymbolicTensor b = Input.of(3).name("right");
        Model two = new Model(List.of(a, b), List.of(dense(1).name("score").apply(concatenate().apply(a, b))));
        two.compile("sgd", "mse");
        String counts = "the model has 2 input(s) [left, right] and 1 output(s) [score]";
        assertThatThrownBy(() -> new SparkTrainer(two)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SparkTrainer: " + counts).hasMessageContaining("1 input and 1 output");
        assertThatThrownBy(() -> new SparkPredictor(two)).hasMessageContaining("SparkPredictor: " + counts);
        Dataset data = Dataset.of(List.of(Tensor.zeros(4, 3), Tensor.zeros(4, 3)), List.of(Tensor.zeros(4, 1)));
        assertThatThrownBy(() -> SparkFit.fit("local[1]", two, data, Fit.epochs(1)))
                .hasMessageContaining("SparkFit: " + counts);
    }

    /** Layers as fields and math in code: its file loads only where its class is registered, so unregistered it cannot ship. */
    static final class Subclassed extends Model {
        final Dense out = addChild(dense(2, "softmax"));

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            return out.call(x, mode);
        }
    }

    @Test
    void anUnregisteredSubclassedModelIsRefusedBecauseItsFileCannotLoad() {
        Subclassed model = new Subclassed();
        model.compile(new Adam(0.01), "categorical_crossentropy");
        Dataset data = SynchronousTrainingTest.blobs(20, 4, 2, 5);
        assertThatThrownBy(() -> new SparkTrainer(model).fit(TestSpark.frame(data, 2, false, true), Fit.epochs(1)))
                .hasMessageContaining("unknown layer type 'Subclassed'");
    }
}
