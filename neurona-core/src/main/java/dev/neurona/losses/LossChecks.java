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
        if (yTrue.size() == yPred.size() && fits(t, p)) {
            return yTrue.reshape(p);
        }
        throw new IllegalArgumentException(loss + ": y_true has shape " + Shape.toString(t) + " but y_pred has shape "
                + Shape.toString(p) + "; they must be equal");
    }

    /** Equal shapes, or equal but for a trailing 1 on either ({@code [B]} against {@code [B, 1]}). */
    private static boolean fits(int[] t, int[] p) {
        return java.util.Arrays.equals(t, p) || java.util.Arrays.equals(dropTrailingOne(t), dropTrailingOne(p));
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
        // an op reading yTrue's values, so that a compiled step converts (and checks) every batch's labels
        return Tensor.generate("signed_labels", yTrue, (y, out) -> {
            boolean binary = true;
            for (int i = 0; i < y.length; i++) {
                float v = y[i];
                if (v != -1f && v != 0f && v != 1f) {
                    throw new IllegalArgumentException(loss + ": labels must be -1/+1 (or 0/1, converted to -1/+1); got "
                            + v + " at " + at(yTrue, i));
                }
                binary &= v != -1f;
            }
            for (int i = 0; i < y.length; i++) {
                if (!binary && y[i] == 0f) {
                    throw new IllegalArgumentException(loss + ": labels mix 0 and -1 (0 at " + at(yTrue, i)
                            + "); use either -1/+1 or 0/1");
                }
                out[i] = binary ? 2f * y[i] - 1f : y[i];
            }
        }, yTrue.shape());
    }

    // ---------------------------------------------------------------- whole data sets (Loss.checkTargetData)

    /**
     * Where flat index {@code i} of {@code y} sits: {@code "row 3"}, or {@code "row 3, column 1"} for
     * several columns (0-based, as the caller indexes {@code y}; for samples of rank above 1 the
     * column is the flat index within the sample).
     */
    static String at(Tensor y, int i) {
        int rows = y.rank() == 0 ? 1 : y.dim(0);
        int width = rows == 0 ? 1 : y.size() / rows;
        return width == 1 ? "row " + i : "row " + i / width + ", column " + i % width;
    }

    /** {@code [n]} followed by a sample's output shape: what the model gives for all of {@code y}. */
    static int[] batched(Tensor y, int[] outputShape) {
        int[] p = new int[outputShape.length + 1];
        p[0] = y.rank() == 0 ? 1 : y.dim(0);
        System.arraycopy(outputShape, 0, p, 1, outputShape.length);
        return p;
    }

    /**
     * Requires targets of the output's shape, as {@link #sameShape} does per batch; nothing
     * when {@code outputShape} is {@code null}.
     *
     * @param hint advice appended to the message ({@code "; for … use …"}), or {@code ""} for the general one
     */
    static void fitsOutput(String loss, String where, Tensor y, int[] outputShape, String hint) {
        if (outputShape == null) {
            return;
        }
        int[] p = batched(y, outputShape);
        if (y.size() == Shape.size(p) && fits(y.shape(), p)) {
            return;
        }
        int yWidth = y.rank() <= 1 ? 1 : y.size() / y.dim(0);
        int outWidth = Shape.size(outputShape);
        String advice = !hint.isEmpty() ? hint
                : yWidth == 1 && outWidth > 1 ? "; for class ids 0.." + (outWidth - 1)
                        + " use sparse_categorical_crossentropy, or one-hot encode y"
                : outWidth == 1 && yWidth > 1 ? "; give the last layer one unit per target column (" + yWidth + ")"
                : "";
        throw new IllegalArgumentException(where + " has shape " + Shape.toString(y.shape()) + " but the model outputs "
                + Shape.toString(p) + "; " + loss + " needs targets of the output's shape" + advice);
    }

    /** The flat index of the first value of {@code d} outside {@code [lo, hi]} (or NaN), or −1. */
    static int firstOutside(float[] d, float lo, float hi) {
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= lo && d[i] <= hi)) {
                return i;
            }
        }
        return -1;
    }

    /** Requires every value to be non-negative, as counts and rates are; {@code what} names the expected form. */
    static void nonNegative(String loss, String where, Tensor y, String what) {
        float[] d = y.toArray();
        int i = firstOutside(d, 0f, Float.POSITIVE_INFINITY);
        if (i >= 0) {
            throw new IllegalArgumentException(where + " has " + d[i] + " at " + at(y, i) + "; " + loss + " needs "
                    + what);
        }
    }

    /**
     * Requires −1/+1 or 0/1 labels, as {@link #signedLabels} does per batch, and not both 0 and
     * −1 anywhere in the data (which per batch would be read now one way, now the other).
     */
    static void signedLabelData(String loss, String where, Tensor y) {
        float[] d = y.toArray();
        int zero = -1;
        int minusOne = -1;
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (v != -1f && v != 0f && v != 1f) {
                throw new IllegalArgumentException(where + " has " + v + " at " + at(y, i) + "; " + loss
                        + " needs labels -1/+1 (or 0/1, converted to -1/+1)");
            }
            if (v == 0f && zero < 0) {
                zero = i;
            } else if (v == -1f && minusOne < 0) {
                minusOne = i;
            }
        }
        if (zero >= 0 && minusOne >= 0) {
            throw new IllegalArgumentException(where + " mixes 0 (" + at(y, zero) + ") and -1 (" + at(y, minusOne) + "); "
                    + loss + " needs labels -1/+1 or 0/1, not both");
        }
    }
}
