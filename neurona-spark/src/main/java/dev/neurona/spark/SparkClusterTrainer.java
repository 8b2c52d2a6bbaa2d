package dev.neurona.spark;

import dev.neurona.data.Dataset;
import dev.neurona.models.ClusterTrainer;
import dev.neurona.models.Model;
import dev.neurona.train.Fit;
import dev.neurona.train.History;

/**
 * The {@link ClusterTrainer} named {@code "spark"}: {@link SparkFit} behind core's
 * service-provider interface, so that the command line trains on Spark without compiling
 * against it. This class names no Spark type, so it loads (and reports Spark missing) on a
 * class path without Spark.
 */
public final class SparkClusterTrainer implements ClusterTrainer {

    /** The class whose presence says that Spark (SQL, with its core) is on the class path. */
    static final String SPARK_CLASS = "org.apache.spark.sql.SparkSession";

    /** Called by {@link java.util.ServiceLoader}. */
    public SparkClusterTrainer() {
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public boolean available() {
        return loadable(SPARK_CLASS);
    }

    @Override
    public String unavailableReason() {
        return "Apache Spark 4 (Scala 2.13) is not on the class path";
    }

    /**
     * Trains with {@link SparkFit#fit}: {@code master} is a Spark master URL or {@code "default"};
     * any model of one input and one output.
     */
    @Override
    public History fit(String master, Model model, Dataset data, Fit fit) {
        return SparkFit.fit(master, model, data, fit);
    }

    static boolean loadable(String className) {
        try {
            Class.forName(className, false, SparkClusterTrainer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
