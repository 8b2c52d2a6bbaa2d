package dev.neurona.metrics;

import dev.neurona.losses.Loss;
import java.util.Map;

/** STUB: metrics by name and from configs; replaced by the metrics work. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The metric for a name. {@code "accuracy"} (and {@code "acc"}) resolve, as in Keras, from
     * the loss and the target shape to binary, categorical or sparse categorical accuracy.
     */
    public static Metric get(String name, Loss loss, int[] targetShape) {
        throw new UnsupportedOperationException("not yet: " + name);
    }

    /** Rebuilds a metric from {@link Metric#config()}. */
    public static Metric fromConfig(Map<String, Object> config) {
        throw new UnsupportedOperationException("not yet");
    }
}
