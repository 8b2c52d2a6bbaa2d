package dev.neurona.perceptron;

import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * What one {@link Perceptron#fit} did: the weights {@code {w0 (bias), w1, …, wd}}, the mistakes
 * of every epoch, and the weights after every epoch (for plotting how the line moves).
 * Immutable; every accessor returns a copy.
 */
public final class PerceptronResult {

    private final boolean converged;
    private final float[][] weightsAfterEpoch;   // index 0: the initial weights
    private final int[][] mistakeIndices;
    private final float[] weights;
    private final int trainingErrors;

    PerceptronResult(boolean converged, List<float[]> weightsAfterEpoch, List<int[]> mistakeIndices,
                     float[] weights, int trainingErrors) {
        this.converged = converged;
        this.weightsAfterEpoch = weightsAfterEpoch.toArray(new float[0][]);
        this.mistakeIndices = mistakeIndices.toArray(new int[0][]);
        this.weights = weights.clone();
        this.trainingErrors = trainingErrors;
    }

    /** Whether the last epoch made no mistake, that is every training sample has {@code y·(w·x̃) > 0}. */
    public boolean converged() {
        return converged;
    }

    /** The number of epochs run, including the final mistake-free one when it converged. */
    public int epochs() {
        return mistakeIndices.length;
    }

    /** The number of updates in each epoch, {@code [epochs()]}. */
    public int[] mistakesPerEpoch() {
        int[] counts = new int[mistakeIndices.length];
        for (int e = 0; e < counts.length; e++) {
            counts[e] = mistakeIndices[e].length;
        }
        return counts;
    }

    /** For each epoch, the (0-based) indices of the samples that caused an update, in order. */
    public int[][] mistakeIndicesPerEpoch() {
        int[][] copy = new int[mistakeIndices.length][];
        for (int e = 0; e < copy.length; e++) {
            copy[e] = mistakeIndices[e].clone();
        }
        return copy;
    }

    /** The sum of {@link #mistakesPerEpoch()}. */
    public int totalUpdates() {
        int total = 0;
        for (int[] m : mistakeIndices) {
            total += m.length;
        }
        return total;
    }

    /** The learned weights {@code {w0 (bias), w1, …, wd}} (for the pocket variant, the pocketed ones). */
    public float[] weights() {
        return weights.clone();
    }

    /** The bias {@code w0}. */
    public float bias() {
        return weights[0];
    }

    /**
     * The weights after epoch {@code k} (1-based: {@code k = 1} is the end of the first epoch,
     * {@code k = epochs()} the last); {@code k = 0} gives the initial weights.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= k <= epochs()}
     */
    public float[] weightsAfterEpoch(int k) {
        if (k < 0 || k >= weightsAfterEpoch.length) {
            throw new IndexOutOfBoundsException("weightsAfterEpoch: epoch " + k + " is outside 0.." + epochs()
                    + " (0 = before training, 1 = after the first epoch)");
        }
        return weightsAfterEpoch[k].clone();
    }

    /** The number of training samples the final weights get wrong ({@code y·(w·x̃) <= 0}). */
    public int trainingErrors() {
        return trainingErrors;
    }

    /** The raw scores {@code w·x̃} of {@code x} {@code [n, d]}, as {@code [n]}. */
    public Tensor decisionFunction(Tensor x) {
        float[][] rows = Labels.points("PerceptronResult.decisionFunction", x);
        checkFeatures("decisionFunction", rows);
        float[] s = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            s[i] = Labels.score(weights, rows[i]);
        }
        return Tensor.of(s, s.length);
    }

    /**
     * The predicted labels of {@code x} {@code [n, d]}, as {@code [n]} of −1/+1: {@code +1} where
     * {@code w·x̃ >= 0}, else {@code −1} (a point on the boundary counts as +1).
     */
    public Tensor predict(Tensor x) {
        float[] s = decisionFunction(x).toArray();
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i] >= 0 ? 1f : -1f;
        }
        return Tensor.of(s, s.length);
    }

    /** The fraction of samples that {@link #predict} gets right; {@code y} is −1/+1 or 0/1. */
    public double score(Tensor x, Tensor y) {
        float[] predicted = predict(x).toArray();
        int[] labels = Labels.signs("PerceptronResult.score", y, predicted.length);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        return (double) right / predicted.length;
    }

    private void checkFeatures(String where, float[][] rows) {
        if (rows[0].length != weights.length - 1) {
            throw new IllegalArgumentException("PerceptronResult." + where + ": inputs have " + rows[0].length
                    + " features but the perceptron was trained on " + (weights.length - 1));
        }
    }

    @Override
    public String toString() {
        return "PerceptronResult(converged=" + converged + ", epochs=" + epochs() + ", weights="
                + java.util.Arrays.toString(weights) + ")";
    }
}
