package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Sparse categorical accuracy: the fraction of rows where {@code argmax(ŷ)} equals the integer
 * class id {@code y} ({@code y} of shape {@code [B]} or {@code [B, 1]}, {@code ŷ} of
 * {@code [B, K]}).
 */
public final class SparseCategoricalAccuracy extends AccuracyMetric {

    /** Reads both tensors in place; made once, so an update allocates nothing. */
    private final Hits hits = new Hits();

    /** Counts the rows whose class id (first array) is the index of the first largest score (second array). */
    private final class Hits implements HostAccess.Pair {
        int k;
        int rows;
        int classes;
        long correct;

        @Override
        public void apply(float[] t, float[] p) {
            long c = 0;
            for (int r = 0; r < rows; r++) {
                c += MetricInputs.classId(name(), t, r, classes) == MetricInputs.argmaxRow(p, r, k) ? 1 : 0;
            }
            correct = c;
        }
    }

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
        int k = yPred.rank() == 0 ? 1 : yPred.dim(-1);
        int rows = yPred.size() / k;
        int classes = yPred.dim(-1);
        MetricInputs.requireIds(name(), yTrue, rows);
        hits.k = k;
        hits.rows = rows;
        hits.classes = classes;
        yTrue.onHost(yPred, hits);
        add(hits.correct, rows);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class", "sparse_categorical_accuracy");
    }
}
