package dev.neurona.spark;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.EarlyStopping;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.ModelCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synchronous data-parallel training against single-JVM training, and on the digits. */
class SynchronousTrainingTest {

    /**
     * Tolerance on weights after a few epochs: the partitions' gradient sums are added in
     * another order than one batch's (float32 sums, about 1e-7 relative per step), which Adam's
     * normalized steps carry along; everything else is the same computation.
     */
    static final float TOLERANCE = 2e-5f;

    static Dataset blobs(int n, int features, int classes, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][features];
        float[][] y = new float[n][classes];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            for (int j = 0; j < features; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j % classes == c ? 1.5 : 0));
            }
            y[i][c] = 1;
        }
        return Dataset.of(x, y);
    }

    static Sequential model(int features, int classes) {
        Sequential m = new Sequential(input(features), dense(8, "tanh"), dense(classes, "softmax")).seed(3);
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        return m;
    }

    static void assertSameWeights(Model a, Model b, float tolerance) {
        List<Tensor> wa = a.getWeights();
        List<Tensor> wb = b.getWeights();
        assertThat(wb).hasSameSizeAs(wa);
        for (int i = 0; i < wa.size(); i++) {
            float[] x = wa.get(i).data();
            float[] y = wb.get(i).data();
            for (int j = 0; j < x.length; j++) {
                assertThat(Math.abs(x[j] - y[j])).as("weight %d[%d]: %s vs %s", i, j, x[j], y[j])
                        .isLessThanOrEqualTo(tolerance * (1 + Math.abs(x[j])));
            }
        }
    }

    @Test
    void threePartitionsTrainLikeOneJvmWithTheSameBatchesAndSeed() {
        Dataset data = blobs(250, 6, 3, 1);
        Fit fit = Fit.epochs(3).batchSize(32).seed(11).verbose(0).validationSplit(0.2);
        Sequential local = model(6, 3);
        History expected = local.fit(data, fit);

        Sequential distributed = model(6, 3);
        // labels as class indices: one-hot encoded for categorical cross-entropy
        History actual = new SparkTrainer(distributed).fit(TestSpark.frame(data, 3, false, true), fit);

        assertSameWeights(local, distributed, TOLERANCE);
        assertThat(actual.keys()).isEqualTo(expected.keys()).contains("loss", "accuracy", "val_loss", "val_accuracy");
        for (String key : expected.keys()) {
            for (int e = 0; e < 3; e++) {
                assertThat(actual.get(key).get(e)).as(key + " epoch " + e).isCloseTo(expected.get(key).get(e),
                        org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        assertThat(distributed.optimizer().iterations()).isEqualTo(local.optimizer().iterations()).isEqualTo(3 * 7);
        assertThat(distributed.epochsCompleted()).isEqualTo(3);
    }

    @Test
    void anRddOfSamplesWithVectorsOrArraysTrainsTheSame() {
        Dataset data = blobs(150, 5, 2, 2);
        Fit fit = Fit.epochs(2).batchSize(16).seed(5).verbose(0);
        Sequential local = model(5, 2);
        local.fit(data, fit);

        Sequential fromRdd = model(5, 2);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        JavaRDD<Sample> samples = jsc.parallelize(SparkFit.samples(data), 4);
        new SparkTrainer(fromRdd).fit(samples, fit);
        assertSameWeights(local, fromRdd, TOLERANCE);

        Sequential fromVectors = model(5, 2);
        org.apache.spark.sql.Dataset<Row> df = TestSpark.frame(data, 2, true, false);
        new SparkTrainer(fromVectors).fit(df, fit);
        assertSameWeights(local, fromVectors, TOLERANCE);
    }

    @Test
    void digitsReachNinetyFivePercentThroughSparkWithCallbacks(@TempDir Path tmp) throws Exception {
        Split digits = Datasets.digits();
        Sequential model = new Sequential(input(64), dense(64, "relu"), dense(10, "softmax")).seed(1);
        model.compile(new Adam(0.003), "categorical_crossentropy", "accuracy");
        Path checkpoint = tmp.resolve("best.nrn");
        History history = new SparkTrainer(model).localCheckpoint(true).fit(TestSpark.frame(digits.train(), 2, true, true),
                Fit.epochs(12).batchSize(64).seed(1).verbose(0).validationSplit(0.1).callbacks(
                        new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true),
                        new ModelCheckpoint(checkpoint.toString()).monitor("val_loss").saveBestOnly(true)));
        assertThat(history.epochCount()).isGreaterThanOrEqualTo(4);
        assertThat(Files.exists(checkpoint)).isTrue();
        assertThat(Sequential.load(checkpoint).epochsCompleted()).isBetween(1, history.epochCount());

        org.apache.spark.sql.Dataset<Row> test = TestSpark.frame(digits.test(), 2, false, true);
        List<Row> predicted = new SparkPredictor(model).batchSize(50).transform(test).collectAsList();
        Tensor local = model.predict(digits.test().x());
        float[] probabilities = local.data();
        int correct = 0;
        for (int i = 0; i < predicted.size(); i++) {
            Row row = predicted.get(i);
            List<Float> p = row.getList(row.fieldIndex("probability"));
            assertThat(p).hasSize(10);
            for (int j = 0; j < 10; j++) {
                assertThat(p.get(j)).isCloseTo(probabilities[i * 10 + j], org.assertj.core.data.Offset.offset(1e-6f));
            }
            int cls = row.getInt(row.fieldIndex("prediction"));
            assertThat(cls).isEqualTo(SparkPredictor.predictedClass(java.util.Arrays.copyOfRange(probabilities,
                    i * 10, i * 10 + 10)));
            if (cls == row.getInt(row.fieldIndex("label"))) {
                correct++;
            }
        }
        double accuracy = (double) correct / predicted.size();
        assertThat(accuracy).as("test accuracy").isGreaterThanOrEqualTo(0.95);
        assertThat(new SparkTrainer(model).evaluate(test, 128).get("accuracy")).isCloseTo(accuracy,
                org.assertj.core.data.Offset.offset(1e-9));
    }
}
