package dev.neurona.perceptron;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/** Argument checks and label conversion shared by the perceptrons. */
final class Labels {

    private Labels() {
    }

    /** The rows of {@code points} ({@code [n, d]}), checked to be finite. */
    static float[][] points(String where, Tensor points) {
        if (points == null) {
            throw new IllegalArgumentException(where + ": points must not be null");
        }
        if (points.rank() != 2) {
            throw new IllegalArgumentException(where + ": points must have shape [n, d], got "
                    + Shape.toString(points.shape()));
        }
        float[][] rows = points.toArray2d();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                if (!Float.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(where + ": points[" + i + ", " + j + "] is " + rows[i][j]
                            + "; inputs must be finite");
                }
            }
        }
        return rows;
    }

    /**
     * Labels of shape {@code [n]} or {@code [n, 1]} as −1/+1. Labels in {0, 1} are accepted and
     * mapped 0 → −1, 1 → +1; any other value, or a mix of 0 and −1, is an error.
     */
    static int[] signs(String where, Tensor labels, int n) {
        if (labels == null) {
            throw new IllegalArgumentException(where + ": labels must not be null");
        }
        int[] s = labels.shape();
        boolean column = s.length == 2 && s[1] == 1;
        if (!(s.length == 1 || column) || s[0] != n) {
            throw new IllegalArgumentException(where + ": labels must have shape [" + n + "] or [" + n
                    + ", 1] to match " + n + " points, got " + Shape.toString(s));
        }
        float[] v = labels.toArray();
        boolean sawZero = false;
        boolean sawMinusOne = false;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            if (v[i] == 1f) {
                y[i] = 1;
            } else if (v[i] == -1f) {
                y[i] = -1;
                sawMinusOne = true;
            } else if (v[i] == 0f) {
                y[i] = -1;
                sawZero = true;
            } else {
                throw new IllegalArgumentException(where + ": label " + i + " is " + v[i]
                        + "; labels must be -1/+1 (or 0/1, read as -1/+1)");
            }
            if (sawZero && sawMinusOne) {
                throw new IllegalArgumentException(where + ": labels mix 0 and -1 (label " + i
                        + "); use either -1/+1 or 0/1");
            }
        }
        return y;
    }

    /** {@code w · (1, x)}. */
    static float score(float[] w, float[] x) {
        float s = w[0];
        for (int j = 0; j < x.length; j++) {
            s += w[j + 1] * x[j];
        }
        return s;
    }

    /** The number of samples with {@code y·(w·x̃) <= 0}. */
    static int errors(float[] w, float[][] x, int[] y) {
        int errors = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] * score(w, x[i]) <= 0) {
                errors++;
            }
        }
        return errors;
    }
}
