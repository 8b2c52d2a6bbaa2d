package dev.neurona.losses;

import dev.neurona.tensor.CrossEntropy;
import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Categorical cross-entropy for one-hot targets {@code [B, K]}: {@code L_b = −Σ_k y_k·log p_k}.
 * <ul>
 *   <li>probabilities (Keras convention): each row of {@code p} is first divided by its sum,
 *       then clipped to {@code [1e-7, 1 − 1e-7]}. For rows that already sum to 1 (softmax
 *       outputs) the value is unchanged, and so is the gradient with respect to the logits
 *       before the softmax; the gradient with respect to {@code p} itself is
 *       {@code (−y_k/p_k + 1)/B} rather than {@code −y_k/(p_k·B)}.</li>
 *   <li>logits: {@code L_b = −Σ_k y_k·log_softmax(z)_k}, by log-sum-exp, finite for logits of
 *       any size; gradient {@code (softmax(z) − y)/B}.</li>
 * </ul>
 * Classes whose target is 0 contribute exactly 0 (never {@code 0 × log 0}), and the sums run
 * in double ({@link CrossEntropy}), so a logit of {@code −3e38} beside {@code 3e38} gives the
 * finite loss it should.
 * With label smoothing {@code s}, targets become {@code y·(1 − s) + s/K}. Targets must be
 * one-hot or probability distributions (rows of non-negative values summing to 1); for
 * integer class ids use {@link SparseCategoricalCrossentropy}. Keras
 * {@code "categorical_crossentropy"}.
 */
public final class CategoricalCrossentropy extends RowwiseLoss {

    private static final float ROW_SUM_TOLERANCE = 1e-3f;

    private final boolean fromLogits;
    private final float labelSmoothing;

    /**
     * @param fromLogits whether {@code yPred} holds logits rather than probabilities
     * @param labelSmoothing in {@code [0, 1]}; 0 leaves targets as they are
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        this.fromLogits = fromLogits;
        this.labelSmoothing = checkedSmoothing(name(), labelSmoothing);
    }

    /** Probabilities in, no label smoothing. */
    public CategoricalCrossentropy() {
        this(false, 0.0);
    }

    @Override
    protected Tensor row(Tensor yTrue, Tensor yPred) {
        int classes = yPred.dim(-1);
        Tensor y = labelSmoothing == 0f ? yTrue : yTrue.mul(1f - labelSmoothing).add(labelSmoothing / classes);
        return crossEntropy(y, yPred, fromLogits);
    }

    /**
     * {@code −Σ_k y_k·log p_k} along the last axis, from logits (by log-softmax) or from
     * (renormalized, clipped) probabilities, as {@link CrossEntropy}'s fused primitives: zero
     * targets contribute exactly 0 and every finite exact loss stays finite.
     */
    static Tensor crossEntropy(Tensor y, Tensor yPred, boolean fromLogits) {
        return fromLogits ? CrossEntropy.softmaxWithLogits(yPred, y)
                : CrossEntropy.categorical(yPred, y, BinaryCrossentropy.EPSILON);
    }

    @Override
    protected void checkTargets(Tensor yTrue, Tensor yPred) {
        new TargetCheck(yTrue, yPred).run();
    }

    @Override
    Runnable targetCheck(Tensor yTrue, Tensor yPred) {
        return new TargetCheck(yTrue, yPred);
    }

    /**
     * {@link #checkTargets} as an object made once per trace (and replayed at every batch): the
     * shape rules, then the rows read in place with itself as the {@link HostAccess}, so that a
     * batch allocates nothing.
     */
    private final class TargetCheck implements Runnable, HostAccess {
        private final Tensor yTrue;
        private final Tensor yPred;
        private int classes;

        TargetCheck(Tensor yTrue, Tensor yPred) {
            this.yTrue = yTrue;
            this.yPred = yPred;
        }

        @Override
        public void run() {
            // runs at every batch (also in a compiled step): ranks and dimensions, no shape copies
            int tr = yTrue.rank();
            int pr = yPred.rank();
            classes = yPred.dim(pr - 1);
            boolean looksLikeIds = classes > 1 && yTrue.size() * classes == yPred.size()
                    && (tr == pr - 1 || yTrue.dim(tr - 1) == 1);
            if (looksLikeIds) {
                throw new IllegalArgumentException(name() + ": y_true has shape " + Shape.toString(yTrue.shape())
                        + " but y_pred has shape " + Shape.toString(yPred.shape()) + "; categorical_crossentropy expects "
                        + "one-hot targets of y_pred's shape. For integer class ids use sparse_categorical_crossentropy");
            }
            boolean same = tr == pr;
            for (int d = 0; same && d < tr; d++) {
                same = yTrue.dim(d) == yPred.dim(d);
            }
            if (!same) {
                return; // the shape check reports it with both shapes
            }
            yTrue.onHost(this);
        }

        /** The one-hot (or distribution) rule on the targets' values. */
        @Override
        public void apply(float[] y) {
            int r = firstBadRow(y, classes);
            if (r >= 0) {
                throw new IllegalArgumentException(name() + ": targets are not one-hot: row " + r + " is "
                        + row(y, r, classes) + " (expected one 1 and the rest 0, or probabilities "
                        + "summing to 1). For integer class ids use sparse_categorical_crossentropy");
            }
        }
    }

    /** One-hot rows (or distributions) of the output's shape, over the whole data set. */
    @Override
    public void checkTargetData(String where, Tensor yTrue, int[] outputShape) {
        super.checkTargetData(where, yTrue, outputShape);
        int classes = yTrue.rank() <= 1 ? 1 : yTrue.dim(-1);
        float[] y = yTrue.toArray();
        int r = firstBadRow(y, classes);
        if (r >= 0) {
            int samples = yTrue.rank() <= 2 ? 1 : yTrue.size() / yTrue.dim(0) / classes;
            throw new IllegalArgumentException(where + " row " + r / samples + " is " + row(y, r, classes)
                    + "; " + name() + " needs one-hot rows (one 1 and the rest 0) or probabilities summing to 1"
                    + "; for integer class ids use sparse_categorical_crossentropy");
        }
    }

    /** The first row (of {@code classes} values) with a negative value or a sum away from 1, or −1. */
    private static int firstBadRow(float[] y, int classes) {
        for (int r = 0; r < y.length / classes; r++) {
            double sum = 0;
            boolean negative = false;
            for (int k = 0; k < classes; k++) {
                float v = y[r * classes + k];
                sum += v;
                negative |= v < 0f || Float.isNaN(v);
            }
            if (negative || Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
                return r;
            }
        }
        return -1;
    }

    private static String row(float[] y, int r, int classes) {
        return java.util.Arrays.toString(java.util.Arrays.copyOfRange(y, r * classes, (r + 1) * classes));
    }

    static float checkedSmoothing(String loss, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(loss + ": label_smoothing must be in [0, 1], got " + labelSmoothing);
        }
        return (float) labelSmoothing;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The label smoothing factor. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "from_logits", fromLogits, "label_smoothing", (double) labelSmoothing);
    }
}
