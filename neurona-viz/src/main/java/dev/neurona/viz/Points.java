package dev.neurona.viz;

import dev.neurona.data.Dataset;
import dev.neurona.tensor.Tensor;
import java.util.List;

/** Argument checks and label decoding shared by the 2-D plots. */
final class Points {

    private Points() {
    }

    /** The rows of {@code x}, which must be {@code [n, 2]} with n > 0 and finite values. */
    static float[][] xy(String where, Tensor x) {
        int[] s = x.shape();
        if (s.length != 2 || s[1] != 2 || s[0] == 0) {
            throw new IllegalArgumentException(where + ": needs 2-D points of shape [n, 2], got "
                    + java.util.Arrays.toString(s));
        }
        float[][] rows = x.toArray2d();
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(rows[i][0]) || !Float.isFinite(rows[i][1])) {
                throw new IllegalArgumentException(where + ": point " + i + " is not finite: (" + rows[i][0] + ", "
                        + rows[i][1] + ")");
            }
        }
        return rows;
    }

    /**
     * The class of each sample of {@code data}: targets {@code [n]} or {@code [n, 1]} of 0/1 or −1/+1
     * (values above 0 are class 1) or of class ids 0…K−1; one-hot or score rows {@code [n, K]}
     * (argmax).
     */
    static int[] classes(String where, Dataset data) {
        Tensor y = data.y();
        int[] s = y.shape();
        int n = data.size();
        if (s.length == 2 && s[1] > 1) {
            return Classifiers.argmaxRows(y);
        }
        float[] v = y.toArray();
        if (v.length != n) {
            throw new IllegalArgumentException(where + ": targets of shape " + java.util.Arrays.toString(s)
                    + " are neither [n], [n, 1] nor one-hot [n, K]");
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            float t = v[i];
            if (t == -1f) {
                ids[i] = 0;
            } else if (t >= 0 && t == Math.rint(t) && t < 1000) {
                ids[i] = (int) t;
            } else {
                throw new IllegalArgumentException(where + ": target " + t + " of sample " + i
                        + " is not a class id, 0/1 or -1/+1");
            }
        }
        return ids;
    }

    /** 1 + the largest class id. */
    static int classCount(int[] ids) {
        int k = 0;
        for (int id : ids) {
            k = Math.max(k, id + 1);
        }
        return Math.max(k, 2);
    }

    /** Legend names of the classes: "y = −1" and "y = +1" for −1/+1 targets, else "class 0", "class 1", … */
    static List<String> classNames(Dataset data) {
        Tensor y = data.y();
        boolean column = y.rank() == 1 || y.dim(-1) == 1;
        for (float t : y.toArray()) {
            if (t == -1f && column) {
                return List.of("y = \u22121", "y = +1");
            }
        }
        return List.of();
    }
}
