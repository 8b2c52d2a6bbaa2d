package dev.neurona.metrics;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Categorical accuracy: the fraction of rows where {@code argmax(ŷ) == argmax(y)}, for
 * one-hot {@code y} of {@code ŷ}'s shape {@code [B, K]} (ties go to the first index).
 */
public final class CategoricalAccuracy extends AccuracyMetric {

    /** @param name the name shown in logs */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    /** Named {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        MetricInputs.sameShape(name(), yTrue, yPred);
        int[] t = MetricInputs.argmaxRows(yTrue);
        int[] p = MetricInputs.argmaxRows(yPred);
        long correct = 0;
        for (int r = 0; r < p.length; r++) {
            correct += t[r] == p[r] ? 1 : 0;
        }
        add(correct, p.length);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class", "categorical_accuracy");
    }
}
