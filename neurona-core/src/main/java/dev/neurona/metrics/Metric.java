package dev.neurona.metrics;

import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * A metric accumulated over batches. Its state is a plain {@code double[]} so that partial
 * results from several workers (threads, Spark partitions) can be {@link #merge merged}.
 */
@Registry.Kind(noun = "metric", plural = "metrics", builtins = Metrics.class)
public interface Metric {

    /** The name used in logs and histories, such as {@code "accuracy"} or {@code "auc"}. */
    String name();

    /** Adds one batch: {@code yTrue} and {@code yPred} as the loss sees them. */
    void update(Tensor yTrue, Tensor yPred);

    /** The value over everything added since the last {@link #reset()}. */
    double result();

    /** Forgets everything added. */
    void reset();

    /** The accumulated state, for merging elsewhere. */
    double[] state();

    /** Adds another instance's {@link #state()} (of the same configuration) into this one. */
    void merge(double[] otherState);

    /** Name and parameters, enough for {@link Metrics#fromConfig(Map)} to rebuild an equal metric. */
    default Map<String, Object> config() {
        return Map.of("name", name());
    }
}
