package dev.neurona.data;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/**
 * Class ids ↔ one-hot rows (Keras's {@code to_categorical}).
 *
 * <pre>{@code
 * Tensor y = OneHot.toCategorical(Tensor.of(2, 0, 1), 3);   // [[0,0,1], [1,0,0], [0,1,0]]
 * int[] ids = OneHot.classIds(y);                           // {2, 0, 1}
 * }</pre>
 */
public final class OneHot {

    private OneHot() {
    }

    /** One-hot rows {@code [n, k]} for {@code ids} in {@code 0 … k−1}. */
    public static Tensor toCategorical(int[] ids, int k) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("OneHot.toCategorical: need at least one class id");
        }
        if (k < 1) {
            throw new IllegalArgumentException("OneHot.toCategorical: the number of classes must be >= 1, got " + k);
        }
        float[] out = new float[Shape.allocatable("OneHot.toCategorical", ids.length, k)];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= k) {
                throw new IllegalArgumentException("OneHot.toCategorical: class id " + ids[i] + " at row " + i
                        + " is outside 0.." + (k - 1));
            }
            out[i * k + ids[i]] = 1f;
        }
        return Tensor.of(out, ids.length, k);
    }

    /** One-hot rows {@code [n, k]} for class ids {@code [n]} or {@code [n, 1]} in {@code 0 … k−1}. */
    public static Tensor toCategorical(Tensor ids, int k) {
        return toCategorical(ids(ids), k);
    }

    /** One-hot rows for class ids {@code [n]} or {@code [n, 1]}, with {@code k} = the largest id + 1. */
    public static Tensor toCategorical(Tensor ids) {
        int[] v = ids(ids);
        int max = 0;
        for (int id : v) {
            max = Math.max(max, id);
        }
        return toCategorical(v, max + 1);
    }

    /**
     * The class id of each row: the argmax of one-hot (or probability) rows {@code [n, k]} with
     * {@code k > 1}, or the integer values of {@code [n]} / {@code [n, 1]} ids.
     */
    public static int[] classIds(Tensor labels) {
        if (labels == null || labels.rank() < 1 || labels.rank() > 2) {
            throw new IllegalArgumentException("OneHot.classIds: need [n] ids or [n, k] rows, got "
                    + (labels == null ? "null" : Shape.toString(labels.shape())));
        }
        if (labels.rank() == 1 || labels.dim(1) == 1) {
            return ids(labels);
        }
        float[] arg = labels.argmax(1).toArray();
        int[] out = new int[arg.length];
        for (int i = 0; i < arg.length; i++) {
            out[i] = (int) arg[i];
        }
        return out;
    }

    /** Class ids {@code [n]} as a float tensor, from one-hot rows {@code [n, k]} (sparse labels). */
    public static Tensor toSparse(Tensor oneHot) {
        int[] ids = classIds(oneHot);
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            f[i] = ids[i];
        }
        return Tensor.of(f, f.length);
    }

    static int[] ids(Tensor ids) {
        if (ids == null) {
            throw new IllegalArgumentException("OneHot: class ids must not be null");
        }
        int[] s = ids.shape();
        if (!(s.length == 1 || (s.length == 2 && s[1] == 1))) {
            throw new IllegalArgumentException("OneHot: class ids must have shape [n] or [n, 1], got " + Shape.toString(s));
        }
        float[] v = ids.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0) || v[i] != Math.rint(v[i]) || v[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("OneHot: class id at row " + i + " is " + v[i]
                        + "; ids must be integers >= 0");
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
