package dev.neurona.spark;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.train.Fit;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Training samples/s on the digits: single JVM, Spark local[1] and local[2], synchronous and
 * parameter averaging. A benchmark, not a test: it runs only when asked,
 * {@code ./mvnw -B -q -pl neurona-spark -am verify -Dtest=SparkThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dneurona.bench=true}; numbers go to docs/BENCHMARKS-spark.md.
 */
@EnabledIfSystemProperty(named = "neurona.bench", matches = "true")
class SparkThroughputBenchmark {

    static final int EPOCHS = 5;

    static Sequential model() {
        Sequential m = new Sequential(input(64), dense(64, "relu"), dense(10, "softmax")).seed(1);
        m.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void samplesPerSecond() {
        Dataset train = Datasets.digits().train();
        for (int batch : new int[] {32, 128}) {
            Sequential local = model();
            local.fit(train, Fit.epochs(1).batchSize(batch).verbose(0));   // warm-up
            long t0 = System.nanoTime();
            local.fit(train, Fit.epochs(EPOCHS).batchSize(batch).verbose(0));
            report("single JVM", batch, t0, train.size());
        }
        for (int threads : new int[] {1, 2}) {
            SparkSession.getActiveSession().foreach(s -> {
                s.stop();
                return null;
            });
            SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("bench")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<Sample> samples = jsc.parallelize(SparkFit.samples(train), threads);
            for (int batch : new int[] {32, 128}) {
                Sequential m = model();
                new SparkTrainer(m).localCheckpoint(true).fit(samples, Fit.epochs(1).batchSize(batch).verbose(0));   // warm-up
                long t0 = System.nanoTime();
                new SparkTrainer(m).localCheckpoint(true).fit(samples, Fit.epochs(EPOCHS).batchSize(batch).verbose(0));
                report("Spark local[" + threads + "] synchronous", batch, t0, train.size());
                t0 = System.nanoTime();
                new SparkTrainer(m).localCheckpoint(true).parameterAveraging(8).fit(samples, Fit.epochs(EPOCHS).batchSize(batch).verbose(0));
                report("Spark local[" + threads + "] averaging k=8", batch, t0, train.size());
            }
            spark.stop();
        }
    }

    static void report(String what, int batch, long t0, int n) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "BENCH %-34s batch %4d: %9.0f samples/s (%.2f s for %d epochs)%n", what, batch,
                (double) EPOCHS * n / seconds, seconds, EPOCHS);
    }
}
