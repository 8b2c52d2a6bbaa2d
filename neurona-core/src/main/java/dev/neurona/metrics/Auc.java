package dev.neurona.metrics;

import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Tensor;
import java.util.Arrays;

/**
 * Exact area under the ROC curve: the probability that a random positive scores higher than a
 * random negative, a tied pair counting 1/2 (equal to the trapezoidal area under the ROC
 * curve, and to scikit-learn's {@code roc_auc_score}). Computed from ranks:
 * {@code AUC = (R₊ − P(P + 1)/2) / (P·N)}, with {@code R₊} the sum of the positives' ranks
 * (ties sharing their mean rank), {@code P} positives and {@code N} negatives.
 *
 * <p>Unlike Keras's {@code AUC}, which buckets scores into 200 thresholds, this keeps every
 * (score, label) pair: the state is {@code [s₁, y₁, s₂, y₂, …]} and grows by two doubles per
 * value, and merging concatenates. A value is positive when {@code y > 0.5}. With only one
 * class seen the result is 0 (Keras's convention; the AUC is undefined there). All outputs of
 * a multi-column {@code ŷ} are pooled, as Keras's default {@code multi_label=false}.
 */
public final class Auc implements Metric {

    private double[] pairs = new double[64];
    private int length;
    /** Reads both tensors in place; made once, so an update allocates nothing beyond the growing state. */
    private final Append append = new Append();

    /** Appends each (score, label) pair to the state, which has room for them. */
    private final class Append implements HostAccess.Pair {
        @Override
        public void apply(float[] t, float[] p) {
            for (int i = 0; i < p.length; i++) {
                pairs[length++] = p[i];
                pairs[length++] = t[i] > 0.5f ? 1 : 0;
            }
        }
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        MetricInputs.sameSize(name(), yTrue, yPred);
        ensure(2 * yPred.size());
        yTrue.onHost(yPred, append);
    }

    private void ensure(int more) {
        if (length + more > pairs.length) {
            pairs = Arrays.copyOf(pairs, Math.max(2 * pairs.length, length + more));
        }
    }

    @Override
    public double result() {
        int n = length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(pairs[2 * a], pairs[2 * b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && pairs[2 * order[end]] == pairs[2 * order[start]]) {
                end++;
            }
            double meanRank = (start + 1 + end) / 2.0; // ranks start+1 … end share their mean
            for (int i = start; i < end; i++) {
                if (pairs[2 * order[i] + 1] > 0) {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return 0.0;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    @Override
    public void reset() {
        length = 0;
    }

    @Override
    public double[] state() {
        return Arrays.copyOf(pairs, length);
    }

    @Override
    public void merge(double[] otherState) {
        if (otherState == null || otherState.length % 2 != 0) {
            throw new IllegalArgumentException("auc: a state must hold (score, label) pairs, got length "
                    + (otherState == null ? "null" : otherState.length));
        }
        ensure(otherState.length);
        System.arraycopy(otherState, 0, pairs, length, otherState.length);
        length += otherState.length;
    }
}
