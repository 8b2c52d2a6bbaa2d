package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * The shared part of precision, recall and F1 for a binary problem: the counts
 * {@code [tp, fp, fn, tn]} of the positive class 1, where a value is predicted positive when
 * {@code ŷ > threshold} (strictly) and is truly positive when {@code y > 0.5}.
 */
public abstract class BinaryCounts extends AccumulatingMetric {

    private final float threshold;
    /** Reads both tensors in place; made once, so an update allocates nothing. */
    private final Counts counts = new Counts();

    /** Adds each (true, predicted) value pair to its count. */
    private final class Counts implements HostAccess.Pair {
        @Override
        public void apply(float[] t, float[] p) {
            for (int i = 0; i < p.length; i++) {
                boolean positive = t[i] > 0.5f;
                boolean predicted = p[i] > threshold;
                state[positive ? (predicted ? 0 : 2) : (predicted ? 1 : 3)]++;
            }
        }
    }

    protected BinaryCounts(double threshold) {
        super(4);
        this.threshold = (float) threshold;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        MetricInputs.sameSize(name(), yTrue, yPred);
        yTrue.onHost(yPred, counts);
    }

    /** True positives. */
    public long truePositives() {
        return (long) state[0];
    }

    /** False positives. */
    public long falsePositives() {
        return (long) state[1];
    }

    /** False negatives. */
    public long falseNegatives() {
        return (long) state[2];
    }

    /** True negatives. */
    public long trueNegatives() {
        return (long) state[3];
    }

    /** {@code tp / (tp + fp)}, 0 when nothing was predicted positive. */
    double precisionValue() {
        return ratio(state[0], state[0] + state[1]);
    }

    /** {@code tp / (tp + fn)}, 0 when nothing is truly positive. */
    double recallValue() {
        return ratio(state[0], state[0] + state[2]);
    }

    /** The decision threshold. */
    public double threshold() {
        return threshold;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "threshold", (double) threshold);
    }
}
