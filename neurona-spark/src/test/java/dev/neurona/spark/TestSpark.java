package dev.neurona.spark;

import dev.neurona.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One SparkSession for the whole test JVM (Spark starts once): {@code local[2,2]}, two threads
 * and up to two attempts per task, so a task that fails once is retried.
 */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("neurona-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    /** A DataFrame of {@code features} (array of float, or an ML Vector) and {@code label} (an int class or the target row). */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset data, int partitions, boolean vectors, boolean classIndex) {
        float[] x = data.x().data();
        float[] y = data.y().data();
        int n = data.size();
        int xDim = x.length / n;
        int yDim = y.length / n;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object features;
            if (vectors) {
                double[] d = new double[xDim];
                for (int j = 0; j < xDim; j++) {
                    d[j] = x[i * xDim + j];
                }
                features = Vectors.dense(d);
            } else {
                Float[] f = new Float[xDim];
                for (int j = 0; j < xDim; j++) {
                    f[j] = x[i * xDim + j];
                }
                features = f;
            }
            Object label;
            if (classIndex) {
                int best = 0;
                for (int j = 1; j < yDim; j++) {
                    if (y[i * yDim + j] > y[i * yDim + best]) {
                        best = j;
                    }
                }
                label = best;
            } else {
                Float[] f = new Float[yDim];
                for (int j = 0; j < yDim; j++) {
                    f[j] = y[i * yDim + j];
                }
                label = f;
            }
            rows.add(RowFactory.create(features, label));
        }
        StructType schema = new StructType()
                .add("features", vectors ? SQLDataTypes.VectorType() : DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", classIndex ? DataTypes.IntegerType : DataTypes.createArrayType(DataTypes.FloatType));
        // parallelize keeps the list's order: row i of the frame is sample i
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session().sparkContext());
        return session().createDataFrame(jsc.parallelize(rows, partitions), schema);
    }
}
