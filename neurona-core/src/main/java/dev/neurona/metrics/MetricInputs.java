package dev.neurona.metrics;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/** Shape checks and label decoding shared by the metrics. */
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

    /** The index of the first largest entry of each row (last axis). */
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

    static int[] argmaxRows(Tensor x) {
        int k = x.rank() == 0 ? 1 : x.dim(-1);
        float[] d = x.data();
        int[] out = new int[d.length / k];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (d[r * k + j] > d[r * k + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /**
     * Integer class ids stored as floats, one per row of {@code yPred} ({@code [B]} or
     * {@code [B, 1]} for {@code yPred} of {@code [B, K]}).
     *
     * @throws IllegalArgumentException for a bad shape or an id that is not an integer in [0, K)
     */
    static int[] classIds(String metric, Tensor ids, int rows, int classes) {
        if (ids.size() != rows) {
            throw new IllegalArgumentException(metric + ": y_true has shape " + Shape.toString(ids.shape()) + "; expected "
                    + rows + " integer class ids ([batch] or [batch, 1])");
        }
        float[] d = ids.data();
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            float v = d[r];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException(metric + ": label " + v + " in row " + r
                        + " is not an integer class id in [0, " + (classes - 1) + "] for " + classes + " classes");
            }
            out[r] = (int) v;
        }
        return out;
    }
}
