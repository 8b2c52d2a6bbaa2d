package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Binary accuracy: the fraction of values where the predicted class {@code ŷ > threshold}
 * (strictly: a prediction equal to the threshold counts as class 0) equals the true class
 * {@code y > 0.5}. For 0/1 labels this is Keras's {@code BinaryAccuracy}; −1/+1 labels work
 * too. Use threshold 0.5 for probabilities and 0 for logits or hinge scores.
 */
public final class BinaryAccuracy extends AccuracyMetric {

    private final float threshold;
    /** Reads both tensors in place; made once, so an update allocates nothing. */
    private final Hits hits = new Hits();

    /**
     * Counts the values whose true class {@code y > 0.5} equals the predicted class
     * {@code ŷ > threshold}; one per metric (it keeps the count of its last use).
     */
    static final class Hits implements HostAccess.Pair {
        private float threshold;
        private long correct;

        /** The count over {@code yTrue} and {@code yPred}, which must hold as many values. */
        long count(String name, Tensor yTrue, Tensor yPred, float threshold) {
            MetricInputs.sameSize(name, yTrue, yPred);
            this.threshold = threshold;
            yTrue.onHost(yPred, this);
            return correct;
        }

        @Override
        public void apply(float[] t, float[] p) {
            long c = 0;
            for (int i = 0; i < p.length; i++) {
                if ((t[i] > 0.5f) == (p[i] > threshold)) {
                    c++;
                }
            }
            correct = c;
        }
    }

    /** @param name the name shown in logs ({@code "accuracy"} or {@code "binary_accuracy"}) */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = (float) threshold;
    }

    /** {@code "binary_accuracy"} with threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        add(hits.count(name(), yTrue, yPred, threshold), yPred.size());
    }

    /** The decision threshold. */
    public double threshold() {
        return threshold;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "class", "binary_accuracy", "threshold", (double) threshold);
    }
}
