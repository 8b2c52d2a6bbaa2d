package dev.neurona.metrics;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/**
 * Shape checks and label decoding shared by the metrics. The decoders work on one row of a
 * values array, so that a metric runs them inside its own {@link dev.neurona.tensor.HostAccess}
 * (made once per metric) and an update allocates nothing.
 */
final class MetricInputs {

    private MetricInputs() {
    }

    /** Requires equal element counts, as for elementwise comparisons ({@code [B]} against {@code [B, 1]} is fine). */
    static void sameSize(String metric, Tensor yTrue, Tensor yPred) {
        if (yTrue.size() != yPred.size()) {
            throw new IllegalArgumentException(metric + ": y_true has shape " + Shape.toString(yTrue.shape())
                    + " but y_pred has shape " + Shape.toString(yPred.shape()) + "; they must have the same number of values");
        }
    }

    /** Requires equal shapes. */
    static void sameShape(String metric, Tensor yTrue, Tensor yPred) {
        if (!sameDims(yTrue, yPred)) {
            throw new IllegalArgumentException(metric + ": y_true has shape " + Shape.toString(yTrue.shape())
                    + " but y_pred has shape " + Shape.toString(yPred.shape()) + "; they must be equal");
        }
    }

    /** Shape equality without copying the shapes (this runs every training step). */
    private static boolean sameDims(Tensor a, Tensor b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int d = 0; d < a.rank(); d++) {
            if (a.dim(d) != b.dim(d)) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first largest value in row {@code r} of {@code d} viewed as rows of {@code k}. */
    static int argmaxRow(float[] d, int r, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (d[r * k + j] > d[r * k + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Requires integer class ids, one per row of {@code yPred} ({@code [B]} or {@code [B, 1]}
     * for {@code yPred} of {@code [B, K]}): their count here, each value by {@link #classId}.
     *
     * @throws IllegalArgumentException for a bad shape
     */
    static void requireIds(String metric, Tensor ids, int rows) {
        if (ids.size() != rows) {
            throw new IllegalArgumentException(metric + ": y_true has shape " + Shape.toString(ids.shape()) + "; expected "
                    + rows + " integer class ids ([batch] or [batch, 1])");
        }
    }

    /**
     * The class id stored as a float at {@code d[r]}.
     *
     * @throws IllegalArgumentException for an id that is not an integer in [0, K)
     */
    static int classId(String metric, float[] d, int r, int classes) {
        float v = d[r];
        if (v != Math.rint(v) || v < 0 || v >= classes) {
            throw new IllegalArgumentException(metric + ": label " + v + " in row " + r
                    + " is not an integer class id in [0, " + (classes - 1) + "] for " + classes + " classes");
        }
        return (int) v;
    }
}
