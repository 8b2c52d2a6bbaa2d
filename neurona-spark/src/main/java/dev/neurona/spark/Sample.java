package dev.neurona.spark;

import java.io.Serializable;

/**
 * One training sample for {@link SparkTrainer#fit(org.apache.spark.api.java.JavaRDD, dev.neurona.train.Fit)}:
 * the flattened features and the target (one value, or a one-hot or multi-output row).
 */
public record Sample(float[] features, float[] label) implements Serializable {
}
