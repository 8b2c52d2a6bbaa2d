package dev.neurona.perceptron;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/**
 * Multi-class classification with one perceptron per class ("one versus rest"): perceptron
 * {@code c} learns class {@code c} as +1 against all others as −1, and a sample goes to the
 * class whose perceptron gives the largest score {@code w_c·x̃}.
 *
 * <p>The binary learner is any configured {@link Perceptron}; on data where the classes do not
 * separate, a {@link PocketPerceptron} works better.
 *
 * <pre>{@code
 * OneVsRestResult r = new OneVsRestPerceptron(new PocketPerceptron().maxEpochs(50)).fit(x, y);
 * Tensor classes = r.predict(x);     // [n] class ids
 * }</pre>
 */
public final class OneVsRestPerceptron {

    private final Perceptron binary;

    /** One-vs-rest with plain perceptrons of the default options. */
    public OneVsRestPerceptron() {
        this(new Perceptron());
    }

    /** One-vs-rest with {@code binary} (its options) as the learner for each class. */
    public OneVsRestPerceptron(Perceptron binary) {
        if (binary == null) {
            throw new IllegalArgumentException("OneVsRestPerceptron: the binary learner must not be null");
        }
        this.binary = binary;
    }

    /**
     * Trains one perceptron per class on {@code points} {@code [n, d]}. {@code labels} are either
     * class ids {@code [n]} / {@code [n, 1]} (integers 0 … k−1, k = largest + 1) or one-hot rows
     * {@code [n, k]}.
     *
     * @throws IllegalArgumentException for bad shapes, ids that are not non-negative integers,
     *         or rows that are not one-hot
     */
    public OneVsRestResult fit(Tensor points, Tensor labels) {
        String where = "OneVsRestPerceptron.fit";
        float[][] x = Labels.points(where, points);
        int[] ids = classIds(where, labels, x.length);
        int k = 0;
        for (int id : ids) {
            k = Math.max(k, id + 1);
        }
        if (k < 2) {
            throw new IllegalArgumentException(where + ": need at least 2 classes, the labels hold only class 0");
        }
        PerceptronResult[] perClass = new PerceptronResult[k];
        for (int c = 0; c < k; c++) {
            int[] y = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                y[i] = ids[i] == c ? 1 : -1;
            }
            perClass[c] = binary.train(where + " (class " + c + ")", x, y);
        }
        return new OneVsRestResult(perClass);
    }

    /** Class ids from {@code [n]}, {@code [n, 1]} ids or {@code [n, k]} one-hot labels. */
    static int[] classIds(String where, Tensor labels, int n) {
        if (labels == null) {
            throw new IllegalArgumentException(where + ": labels must not be null");
        }
        int[] s = labels.shape();
        if (s.length < 1 || s.length > 2 || s[0] != n) {
            throw new IllegalArgumentException(where + ": labels must be [" + n + "] class ids or [" + n
                    + ", k] one-hot rows, got " + Shape.toString(s));
        }
        float[] v = labels.toArray();
        int[] ids = new int[n];
        if (s.length == 1 || s[1] == 1) {
            for (int i = 0; i < n; i++) {
                if (v[i] < 0 || v[i] != Math.rint(v[i]) || !Float.isFinite(v[i])) {
                    throw new IllegalArgumentException(where + ": label " + i + " is " + v[i]
                            + "; class ids must be integers >= 0");
                }
                ids[i] = (int) v[i];
            }
            return ids;
        }
        int k = s[1];
        for (int i = 0; i < n; i++) {
            int hot = -1;
            for (int c = 0; c < k; c++) {
                float f = v[i * k + c];
                if (f == 1f && hot < 0) {
                    hot = c;
                } else if (f != 0f) {
                    hot = -2;
                    break;
                }
            }
            if (hot < 0) {
                throw new IllegalArgumentException(where + ": label row " + i + " is not one-hot (exactly one 1, the rest 0)");
            }
            ids[i] = hot;
        }
        return ids;
    }
}
