package dev.neurona.losses;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Categorical cross-entropy with integer class ids as targets: {@code L_b = −log p_{b, y_b}}
 * for {@code y_true} of shape {@code [B]} or {@code [B, 1]} (ids stored as floats) and
 * {@code y_pred} of shape {@code [B, K]}. Probabilities are renormalized and clipped as in
 * {@link CategoricalCrossentropy}; logits go through log-softmax. Equal to
 * categorical_crossentropy on the one-hot encoding of the ids, without building it in the
 * caller. Keras {@code "sparse_categorical_crossentropy"}.
 */
public final class SparseCategoricalCrossentropy extends Loss {

    private final boolean fromLogits;

    /** @param fromLogits whether {@code yPred} holds logits rather than probabilities */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    /** Probabilities in. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        LossChecks.hasClassAxis(name(), yPred);
        Tensor oneHot = oneHot(yTrue, yPred.shape());
        return LossChecks.perSample(CategoricalCrossentropy.crossEntropy(oneHot, yPred, fromLogits));
    }

    /**
     * The one-hot encoding of {@code ids} in {@code predShape}.
     *
     * @throws IllegalArgumentException if the shapes do not fit or an id is not an integer in
     *         {@code [0, K)}, naming the row, the value and K
     */
    private Tensor oneHot(Tensor ids, int[] predShape) {
        int classes = predShape[predShape.length - 1];
        int rows = Shape.size(predShape) / classes;
        int[] t = ids.shape();
        int[] expected = java.util.Arrays.copyOf(predShape, predShape.length - 1);
        boolean fits = java.util.Arrays.equals(t, expected)
                || (t.length == predShape.length && t[t.length - 1] == 1 && ids.size() == rows);
        if (!fits) {
            throw new IllegalArgumentException(name() + ": y_true has shape " + Shape.toString(t) + " but y_pred has shape "
                    + Shape.toString(predShape) + "; expected integer class ids of shape " + Shape.toString(expected)
                    + " (or with a trailing 1)" + (java.util.Arrays.equals(t, predShape)
                    ? ". For one-hot targets use categorical_crossentropy" : ""));
        }
        // an op reading the ids' values, so that a compiled step encodes (and checks) every batch's labels
        return Tensor.generate("one_hot", ids, (y, hot) -> {
            java.util.Arrays.fill(hot, 0f);
            for (int r = 0; r < rows; r++) {
                float v = y[r];
                if (v != Math.rint(v) || v < 0 || v >= classes) {
                    throw new IllegalArgumentException(name() + ": label " + v + " in row " + r + " is "
                            + (v == Math.rint(v) ? "out of range" : "not an integer class id") + "; expected an integer in [0, "
                            + (classes - 1) + "] for " + classes + " classes");
                }
                hot[r * classes + (int) v] = 1f;
            }
        }, predShape);
    }

    /**
     * Integer class ids, one per sample, below the model's number of outputs, over the whole
     * data set; the same rules as each batch's, with the caller's rows.
     */
    @Override
    public void checkTargetData(String where, Tensor yTrue, int[] outputShape) {
        int[] t = yTrue.shape();
        int classes = Integer.MAX_VALUE;
        if (outputShape != null && outputShape.length > 0) {
            int[] out = LossChecks.batched(yTrue, outputShape);
            classes = out[out.length - 1];
            int[] expected = java.util.Arrays.copyOf(out, out.length - 1);
            boolean fits = java.util.Arrays.equals(t, expected)
                    || (t.length == out.length && t[t.length - 1] == 1 && yTrue.size() * classes == Shape.size(out));
            if (!fits) {
                throw new IllegalArgumentException(where + " has shape " + Shape.toString(t) + " but the model outputs "
                        + Shape.toString(out) + "; " + name() + " needs one integer class id per sample, shape "
                        + Shape.toString(expected) + " (or with a trailing 1)"
                        + (java.util.Arrays.equals(t, out) ? "; for one-hot targets use categorical_crossentropy" : ""));
            }
        }
        float[] y = yTrue.toArray();
        for (int i = 0; i < y.length; i++) {
            float v = y[i];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                String range = classes == Integer.MAX_VALUE ? "a non-negative integer"
                        : "an integer in [0, " + (classes - 1) + "] for the model's " + classes + " outputs";
                throw new IllegalArgumentException(where + " has " + v + " at " + LossChecks.at(yTrue, i) + ", which is "
                        + (v == Math.rint(v) ? "out of range" : "not an integer class id") + "; " + name() + " needs "
                        + range + (v == Math.rint(v) ? "" : "; for one-hot or probability targets use "
                        + "categorical_crossentropy"));
            }
        }
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "from_logits", fromLogits);
    }
}
