package dev.neurona.perceptron;

import dev.neurona.tensor.Tensor;

/** The {@code k} perceptrons of a {@link OneVsRestPerceptron}, one per class, and their predictions. */
public final class OneVsRestResult {

    private final PerceptronResult[] perClass;

    OneVsRestResult(PerceptronResult[] perClass) {
        this.perClass = perClass.clone();
    }

    /** The number of classes {@code k}. */
    public int classes() {
        return perClass.length;
    }

    /** The perceptron of class {@code c} (class {@code c} as +1, the rest as −1). */
    public PerceptronResult perClass(int c) {
        if (c < 0 || c >= perClass.length) {
            throw new IndexOutOfBoundsException("perClass: class " + c + " is outside 0.." + (perClass.length - 1));
        }
        return perClass[c];
    }

    /** Whether every per-class perceptron converged. */
    public boolean converged() {
        for (PerceptronResult r : perClass) {
            if (!r.converged()) {
                return false;
            }
        }
        return true;
    }

    /** The weights, one row {@code {w0, w1, …, wd}} per class: {@code float[k][d + 1]}. */
    public float[][] weights() {
        float[][] w = new float[perClass.length][];
        for (int c = 0; c < w.length; c++) {
            w[c] = perClass[c].weights();
        }
        return w;
    }

    /** The scores {@code w_c·x̃} of {@code x} {@code [n, d]}, as {@code [n, k]}. */
    public Tensor decisionFunction(Tensor x) {
        int k = perClass.length;
        float[][] scores = new float[k][];
        for (int c = 0; c < k; c++) {
            scores[c] = perClass[c].decisionFunction(x).toArray();
        }
        int n = scores[0].length;
        float[] out = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                out[i * k + c] = scores[c][i];
            }
        }
        return Tensor.of(out, n, k);
    }

    /** The predicted class ids of {@code x} {@code [n, d]}, as {@code [n]}: the class with the largest score (the lowest id on a tie). */
    public Tensor predict(Tensor x) {
        return decisionFunction(x).argmax(1);
    }

    /** The fraction of samples classified right; {@code y} is class ids {@code [n]} or one-hot {@code [n, k]}. */
    public double score(Tensor x, Tensor y) {
        float[] predicted = predict(x).toArray();
        int[] ids = OneVsRestPerceptron.classIds("OneVsRestResult.score", y, predicted.length);
        int right = 0;
        for (int i = 0; i < ids.length; i++) {
            if ((int) predicted[i] == ids[i]) {
                right++;
            }
        }
        return (double) right / ids.length;
    }
}
