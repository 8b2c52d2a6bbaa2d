package dev.neurona.metrics;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Top-k accuracy: the fraction of rows whose true class is among the {@code k} highest
 * scores, i.e. fewer than {@code k} classes score strictly higher than it. Targets are one-hot
 * {@code [B, K]}, or with {@code sparse} integer ids {@code [B]}. Keras's
 * {@code top_k_categorical_accuracy} (default {@code k = 5}) and
 * {@code sparse_top_k_categorical_accuracy}.
 */
public final class TopKCategoricalAccuracy extends AccuracyMetric {

    private final int k;
    private final boolean sparse;

    public TopKCategoricalAccuracy(int k, boolean sparse) {
        super(sparse ? "sparse_top_k_categorical_accuracy" : "top_k_categorical_accuracy");
        if (k < 1) {
            throw new IllegalArgumentException(name() + ": k must be at least 1, got " + k);
        }
        this.k = k;
        this.sparse = sparse;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int classes = yPred.dim(-1);
        int rows = yPred.size() / classes;
        int[] t;
        if (sparse) {
            t = MetricInputs.classIds(name(), yTrue, rows, classes);
        } else {
            MetricInputs.sameShape(name(), yTrue, yPred);
            t = MetricInputs.argmaxRows(yTrue);
        }
        float[] p = yPred.data();
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            float trueScore = p[r * classes + t[r]];
            int higher = 0;
            for (int j = 0; j < classes; j++) {
                higher += p[r * classes + j] > trueScore ? 1 : 0;
            }
            correct += higher < k ? 1 : 0;
        }
        add(correct, rows);
    }

    /** How many of the best scores count. */
    public int k() {
        return k;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "k", k);
    }
}
