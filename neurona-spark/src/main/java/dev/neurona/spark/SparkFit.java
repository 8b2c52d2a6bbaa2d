package dev.neurona.spark;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code model.fit(data, fit)} on Spark, for callers that hold an in-memory {@link Dataset}
 * (the command line): the samples are parallelized into as many partitions as the cluster's
 * default parallelism and trained with a synchronous {@link SparkTrainer}.
 */
public final class SparkFit {

    private SparkFit() {
    }

    /**
     * Trains {@code model} on {@code data} on the Spark {@code master} ({@code local[2]},
     * {@code spark://host:7077}, {@code yarn}, …; {@code "default"} takes the master that
     * spark-submit set). A session that exists already is reused and left running; one created
     * here is stopped at the end. Any model that {@link SparkTrainer} takes (one input, one output).
     *
     * @throws IllegalArgumentException for a model of several inputs or outputs, before Spark starts
     */
    public static History fit(String master, Model model, Dataset data, Fit fit) {
        SparkModels.requireSingle(model, "SparkFit");
        boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession.Builder builder = SparkSession.builder().appName("neurona train");
        if (master != null && !master.equals("default")) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            throw new IllegalArgumentException("--spark default: no master is set; run under spark-submit or name one, "
                    + "such as local[2] or spark://host:7077");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = Math.max(1, Math.min(jsc.defaultParallelism(), data.size()));
            JavaRDD<Sample> samples = jsc.parallelize(samples(data), partitions);
            return new SparkTrainer(model).localCheckpoint(true).fit(samples, fit);   // the data is in the tasks otherwise
        } finally {
            if (!existed) {
                spark.stop();
            }
        }
    }

    /** The dataset's rows as samples (features flattened, targets as rows). */
    static List<Sample> samples(Dataset data) {
        Tensor x = data.x();
        Tensor y = data.y();
        int n = data.size();
        int xDim = (int) (x.size() / n);
        int yDim = (int) (y.size() / n);
        List<Sample> out = new ArrayList<>(n);
        x.onHost(y, (xd, yd) -> {   // the rows are copied out: no whole copy of the data set first
            for (int i = 0; i < n; i++) {
                out.add(new Sample(java.util.Arrays.copyOfRange(xd, i * xDim, (i + 1) * xDim),
                        java.util.Arrays.copyOfRange(yd, i * yDim, (i + 1) * yDim)));
            }
        });
        return out;
    }
}
