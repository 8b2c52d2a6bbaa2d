package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Categorical accuracy: the fraction of rows where {@code argmax(ŷ) == argmax(y)}, for
 * one-hot {@code y} of {@code ŷ}'s shape {@code [B, K]} (ties go to the first index).
 */
public final class CategoricalAccuracy extends AccuracyMetric {

    /** Reads both tensors in place; made once, so an update allocates nothing. */
    private final Hits hits = new Hits();

    /** Counts the rows (of {@code k}) whose first largest entries sit at the same index. */
    private static final class Hits implements HostAccess.Pair {
        int k;
        int rows;
        long correct;

        @Override
        public void apply(float[] t, float[] p) {
            long c = 0;
            for (int r = 0; r < rows; r++) {
                c += MetricInputs.argmaxRow(t, r, k) == MetricInputs.argmaxRow(p, r, k) ? 1 : 0;
            }
            correct = c;
        }
    }

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
        int k = yPred.rank() == 0 ? 1 : yPred.dim(-1);
        int rows = yPred.size() / k;
        hits.k = k;
        hits.rows = rows;
        yTrue.onHost(yPred, hits);
        add(hits.correct, rows);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class", "categorical_accuracy");
    }
}
