package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
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
    /** Reads both tensors in place; made once, so an update allocates nothing. */
    private final Hits hits = new Hits();

    /** Counts the rows whose true class (an id, or the one-hot row's argmax) is among the k best scores. */
    private final class Hits implements HostAccess.Pair {
        int rows;
        int classes;
        long correct;

        @Override
        public void apply(float[] t, float[] p) {
            long c = 0;
            for (int r = 0; r < rows; r++) {
                int id = sparse ? MetricInputs.classId(name(), t, r, classes) : MetricInputs.argmaxRow(t, r, classes);
                float trueScore = p[r * classes + id];
                int higher = 0;
                for (int j = 0; j < classes; j++) {
                    higher += p[r * classes + j] > trueScore ? 1 : 0;
                }
                c += higher < k ? 1 : 0;
            }
            correct = c;
        }
    }

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
        if (sparse) {
            MetricInputs.requireIds(name(), yTrue, rows);
        } else {
            MetricInputs.sameShape(name(), yTrue, yPred);
        }
        hits.rows = rows;
        hits.classes = classes;
        yTrue.onHost(yPred, hits);
        add(hits.correct, rows);
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
