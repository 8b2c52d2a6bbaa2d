package dev.neurona.metrics;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Sparse categorical accuracy: the fraction of rows where {@code argmax(ŷ)} equals the integer
 * class id {@code y} ({@code y} of shape {@code [B]} or {@code [B, 1]}, {@code ŷ} of
 * {@code [B, K]}).
 */
public final class SparseCategoricalAccuracy extends AccuracyMetric {

    /** @param name the name shown in logs */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    /** Named {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] p = MetricInputs.argmaxRows(yPred);
        int[] t = MetricInputs.classIds(name(), yTrue, p.length, yPred.dim(-1));
        long correct = 0;
        for (int r = 0; r < p.length; r++) {
            correct += t[r] == p[r] ? 1 : 0;
        }
        add(correct, p.length);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class", "sparse_categorical_accuracy");
    }
}
