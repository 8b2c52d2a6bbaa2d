package dev.neurona.spark;

/** How {@link SparkTrainer} combines the partitions' work. */
public enum Strategy {

    /**
     * One Spark job per global batch: every partition computes the gradient sum of its share,
     * the sums are tree-aggregated, and the driver takes one optimizer step on their mean. The
     * same updates as single-JVM training (up to the order of floating-point sums).
     */
    SYNCHRONOUS,

    /**
     * One Spark job per {@code k} global batches: every partition takes {@code k} local optimizer
     * steps on its shares of them, starting from the driver's weights and optimizer state, and
     * the driver averages the resulting weights and optimizer slots (weighted by samples). Fewer
     * rounds of communication; not the same updates as single-JVM training.
     */
    PARAMETER_AVERAGING
}
