package dev.neurona.perceptron;

import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Rosenblatt's perceptron, exactly as taught.
 *
 * <p>Each input is augmented with a constant 1, {@code x̃ = (1, x1, …, xd)}, so that the weights
 * {@code w = (w0, w1, …, wd)} carry the bias in {@code w0}; the output is
 * {@code sign(w·x̃)}. An epoch visits every sample once (in the given order, or in a seeded
 * shuffled order) and, for each <em>mistake</em> {@code y·(w·x̃) <= 0} (a tie counts, so with
 * zero weights the first sample is always a mistake), updates
 *
 * <pre>    w ← w + η·y·x̃</pre>
 *
 * <p>Training stops after the first epoch without a mistake (that epoch is recorded, so
 * {@link PerceptronResult#mistakesPerEpoch()} ends with 0) or after {@link #maxEpochs(int)}.
 * On linearly separable data it converges (Novikoff's theorem); on XOR it never does.
 *
 * <pre>{@code
 * Perceptron p = new Perceptron().learningRate(1.0).maxEpochs(100).shuffle(false);
 * PerceptronResult r = p.fit(Tensor.of(points), Tensor.of(labels));   // [n, d] and [n] of -1/+1
 * r.converged(); r.epochs(); r.mistakesPerEpoch(); r.weights();      // {w0, w1, ..., wd}
 * }</pre>
 *
 * <p>Labels are −1/+1; labels in {0, 1} are accepted and read as 0 → −1, 1 → +1. Any other
 * value is an error that names the sample. The options are independent of each other; a
 * {@code Perceptron} holds only its options and can fit several data sets.
 */
public class Perceptron {

    private double learningRate = 1.0;
    private int maxEpochs = 100;
    private boolean shuffle = false;
    private long seed = 0L;
    private float[] initialWeights;

    /** A perceptron with η = 1, at most 100 epochs, fixed order and zero initial weights. */
    public Perceptron() {
    }

    /**
     * The learning rate η (default 1).
     *
     * @throws IllegalArgumentException unless η is finite and positive
     */
    public Perceptron learningRate(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("Perceptron: invalid learning rate " + eta + "; it must be finite and > 0");
        }
        this.learningRate = eta;
        return this;
    }

    /**
     * The most epochs to run (default 100).
     *
     * @throws IllegalArgumentException if {@code epochs < 1}
     */
    public Perceptron maxEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("Perceptron: invalid maxEpochs " + epochs + "; it must be >= 1");
        }
        this.maxEpochs = epochs;
        return this;
    }

    /**
     * Whether each epoch visits the samples in a shuffled order (default {@code false}: the
     * given order, as in the lecture). The order comes from {@link #seed(long)}.
     */
    public Perceptron shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** The seed of the shuffling order (default 0); used only with {@code shuffle(true)}. */
    public Perceptron seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The starting weights {@code {w0, w1, …, wd}} (default: all zero). Their length must be
     * the number of input features plus one; this is checked by {@link #fit}.
     */
    public Perceptron initialWeights(float... weights) {
        if (weights == null || weights.length < 2) {
            throw new IllegalArgumentException("Perceptron: initial weights need w0 (bias) and at least one input weight, got "
                    + Arrays.toString(weights));
        }
        for (float w : weights) {
            if (!Float.isFinite(w)) {
                throw new IllegalArgumentException("Perceptron: initial weights must be finite, got " + Arrays.toString(weights));
            }
        }
        this.initialWeights = weights.clone();
        return this;
    }

    /**
     * Trains on {@code points} {@code [n, d]} with {@code labels} {@code [n]} (or {@code [n, 1]})
     * of −1/+1 (or 0/1).
     *
     * @throws IllegalArgumentException for bad shapes, non-finite inputs, labels outside
     *         {−1, +1} / {0, 1}, or initial weights of the wrong length
     */
    public PerceptronResult fit(Tensor points, Tensor labels) {
        String where = getClass().getSimpleName() + ".fit";
        float[][] x = Labels.points(where, points);
        int[] y = Labels.signs(where, labels, x.length);
        return train(where, x, y);
    }

    PerceptronResult train(String where, float[][] x, int[] y) {
        int n = x.length;
        int d = x[0].length;
        float[] w = new float[d + 1];
        if (initialWeights != null) {
            if (initialWeights.length != d + 1) {
                throw new IllegalArgumentException(where + ": " + initialWeights.length + " initial weights for " + d
                        + " features; need " + (d + 1) + " (w0 for the bias, then one per feature)");
            }
            w = initialWeights.clone();
        }
        float eta = (float) learningRate;
        Random random = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] best = w.clone();
        int bestErrors = keepsPocket() ? Labels.errors(w, x, y) : -1;

        List<float[]> weightsPerEpoch = new ArrayList<>();
        List<int[]> mistakesPerEpoch = new ArrayList<>();
        weightsPerEpoch.add(w.clone());   // "after epoch 0": the start
        boolean converged = false;
        for (int epoch = 0; epoch < maxEpochs && !converged; epoch++) {
            if (shuffle) {
                shuffleInPlace(order, random);
            }
            int[] mistakes = new int[n];
            int count = 0;
            for (int i : order) {
                if (y[i] * Labels.score(w, x[i]) <= 0) {      // a mistake; a tie counts
                    float step = eta * y[i];
                    w[0] += step;
                    for (int j = 0; j < d; j++) {
                        w[j + 1] += step * x[i][j];
                    }
                    mistakes[count++] = i;
                    if (keepsPocket()) {
                        int errors = Labels.errors(w, x, y);
                        if (errors < bestErrors) {
                            bestErrors = errors;
                            best = w.clone();
                        }
                    }
                }
            }
            converged = count == 0;
            mistakesPerEpoch.add(Arrays.copyOf(mistakes, count));
            weightsPerEpoch.add(keepsPocket() ? best.clone() : w.clone());
        }
        float[] result = keepsPocket() ? best : w;
        return new PerceptronResult(converged, weightsPerEpoch, mistakesPerEpoch, result, Labels.errors(result, x, y));
    }

    /** Whether training keeps the weights with the fewest training errors (the pocket). */
    boolean keepsPocket() {
        return false;
    }

    private static void shuffleInPlace(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(learningRate=" + learningRate + ", maxEpochs=" + maxEpochs
                + ", shuffle=" + shuffle + ", seed=" + seed + ")";
    }
}
