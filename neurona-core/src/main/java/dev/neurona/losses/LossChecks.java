package dev.neurona.losses;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/** Shape and label checks shared by every loss, so that each is written once. */
final class LossChecks {

    private LossChecks() {
    }

    /**
     * {@code yTrue} in {@code yPred}'s shape. Equal shapes pass; {@code [B]} against
     * {@code [B, 1]} (either way round) is reshaped, as Keras squeezes a trailing 1.
     *
     * @throws IllegalArgumentException naming the loss and both shapes otherwise
     */
    static Tensor sameShape(String loss, Tensor yTrue, Tensor yPred) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException(loss + ": y_true and y_pred must not be null");
        }
        int[] t = yTrue.shape();
        int[] p = yPred.shape();
        if (java.util.Arrays.equals(t, p)) {
            return yTrue;
        }
        if (yTrue.size() == yPred.size() && java.util.Arrays.equals(dropTrailingOne(t), dropTrailingOne(p))) {
            return yTrue.reshape(p);
        }
        throw new IllegalArgumentException(loss + ": y_true has shape " + Shape.toString(t) + " but y_pred has shape "
                + Shape.toString(p) + "; they must be equal");
    }

    private static int[] dropTrailingOne(int[] shape) {
        return shape.length > 0 && shape[shape.length - 1] == 1 ? java.util.Arrays.copyOf(shape, shape.length - 1) : shape;
    }

    /** Requires {@code [batch, …, classes]}: a rank of at least 2. */
    static void hasClassAxis(String loss, Tensor yPred) {
        if (yPred.rank() < 2) {
            throw new IllegalArgumentException(loss + ": y_pred has shape " + Shape.toString(yPred.shape())
                    + "; expected [batch, classes]");
        }
    }

    /**
     * Averages whatever is left after the last axis was reduced into one value per sample:
     * {@code [B] → [B]}, {@code [B, T] → [B]} (mean over T, which keeps Keras's overall mean).
     */
    static Tensor perSample(Tensor reduced) {
        return reduced.rank() <= 1 ? reduced : reduced.reshape(reduced.dim(0), -1).mean(1);
    }

    /**
     * Hinge-style labels as −1/+1: labels already in {−1, 1} pass, labels all in {0, 1} become
     * {@code 2y − 1} (as Keras does for a batch of 0/1 labels).
     *
     * @throws IllegalArgumentException for any other label, naming it
     */
    static Tensor signedLabels(String loss, Tensor yTrue) {
        float[] y = yTrue.data();
        boolean binary = true;
        for (int i = 0; i < y.length; i++) {
            float v = y[i];
            if (v != -1f && v != 0f && v != 1f) {
                throw new IllegalArgumentException(loss + ": labels must be -1/+1 (or 0/1, converted to -1/+1); got "
                        + v + " at flat index " + i);
            }
            binary &= v != -1f;
        }
        if (binary) {
            return yTrue.mul(2f).sub(1f);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0f) {
                throw new IllegalArgumentException(loss + ": labels mix 0 and -1 (0 at flat index " + i
                        + "); use either -1/+1 or 0/1");
            }
        }
        return yTrue;
    }
}
