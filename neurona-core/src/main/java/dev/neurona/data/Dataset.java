package dev.neurona.data;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Samples in memory: inputs {@code x} of shape {@code [n, …]} and targets {@code y} of shape
 * {@code [n, …]}, row {@code i} of each belonging together; for models of several inputs or
 * outputs, several of each, by position or by name, and optional per-sample weights.
 *
 * <pre>{@code
 * Dataset data = Dataset.of(Tensor.of(x), Tensor.of(y));
 * Iterator<Batch> epoch = data.batches(32, true, 7);   // seeded shuffle
 * Dataset pairs = Dataset.of(Map.of("left", xl, "right", xr), Map.of("same", y)).sampleWeight(w);
 * }</pre>
 */
public final class Dataset implements BatchSource {

    private final List<Tensor> inputs;
    private final List<String> inputNames;
    private final List<Tensor> targets;
    private final List<String> targetNames;
    private final Tensor sampleWeight;

    private Dataset(List<Tensor> inputs, List<String> inputNames, List<Tensor> targets, List<String> targetNames,
            Tensor sampleWeight) {
        this.inputs = inputs;
        this.inputNames = inputNames;
        this.targets = targets;
        this.targetNames = targetNames;
        this.sampleWeight = sampleWeight;
    }

    /**
     * Pairs inputs and targets.
     *
     * @throws IllegalArgumentException when either is a scalar or their first dimensions differ
     */
    public static Dataset of(Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("Dataset.of: x and y must not be null");
        }
        if (x.rank() == 0 || y.rank() == 0) {
            throw new IllegalArgumentException("Dataset.of: x and y need a batch dimension, got shapes "
                    + Shape.toString(x.shape()) + " and " + Shape.toString(y.shape()));
        }
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("Dataset.of: x has " + x.dim(0) + " samples (shape " + Shape.toString(x.shape())
                    + ") but y has " + y.dim(0) + " (shape " + Shape.toString(y.shape()) + "); they must match");
        }
        return new Dataset(List.of(x), null, List.of(y), null, null);
    }

    /** Pairs rows of inputs {@code [n][d]} with rows of targets {@code [n][k]}. */
    public static Dataset of(float[][] x, float[][] y) {
        return of(Tensor.of(x), Tensor.of(y));
    }

    /**
     * Several inputs and targets by position, in the order of the model's inputs and outputs;
     * the targets may be empty, for a model whose own training step needs none (a GAN).
     *
     * @throws IllegalArgumentException when the inputs are empty, a list holds null or a scalar,
     *         or the sample counts differ
     */
    public static Dataset of(List<Tensor> inputs, List<Tensor> targets) {
        check("inputs", inputs, null);
        if (targets == null || !targets.isEmpty()) {
            check("targets", targets, null);
        }
        Dataset d = new Dataset(List.copyOf(inputs), null, List.copyOf(targets), null, null);
        d.requireSameCount();
        return d;
    }

    /**
     * Several inputs and targets by name: the names of the model's inputs
     * ({@code Input.of(32).name("left")}) and outputs (the layers that produce them).
     *
     * @throws IllegalArgumentException when a map is empty, holds null or a scalar, or the sample counts differ
     */
    public static Dataset of(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        if (inputs == null || targets == null) {
            throw new IllegalArgumentException("Dataset.of: inputs and targets must not be null");
        }
        Map<String, Tensor> in = new TreeMap<>(inputs);   // a stable order, whatever map was given
        Map<String, Tensor> out = new TreeMap<>(targets);
        check("inputs", List.copyOf(in.values()), in.keySet());
        check("targets", List.copyOf(out.values()), out.keySet());
        Dataset d = new Dataset(List.copyOf(in.values()), List.copyOf(in.keySet()), List.copyOf(out.values()),
                List.copyOf(out.keySet()), null);
        d.requireSameCount();
        return d;
    }

    private static void check(String what, List<Tensor> tensors, java.util.Set<String> names) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("Dataset.of: give at least one tensor of " + what + ", got " + tensors);
        }
        List<String> keys = names == null ? null : List.copyOf(names);
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            String label = keys == null ? what + "[" + i + "]" : what + " '" + keys.get(i) + "'";
            if (t == null) {
                throw new IllegalArgumentException("Dataset.of: " + label + " is null");
            }
            if (t.rank() == 0) {
                throw new IllegalArgumentException("Dataset.of: " + label + " needs a batch dimension, got a scalar");
            }
        }
    }

    private void requireSameCount() {
        int n = inputs.get(0).dim(0);
        for (int i = 0; i < inputs.size() + targets.size(); i++) {
            Tensor t = i < inputs.size() ? inputs.get(i) : targets.get(i - inputs.size());
            if (t.dim(0) != n) {
                throw new IllegalArgumentException("Dataset.of: " + describe(i) + " has " + t.dim(0) + " samples (shape "
                        + Shape.toString(t.shape()) + ") but " + describe(0) + " has " + n + "; they must match");
            }
        }
    }

    private String describe(int i) {
        if (i < inputs.size()) {
            return inputNames == null ? (inputs.size() == 1 ? "x" : "inputs[" + i + "]") : "input '" + inputNames.get(i) + "'";
        }
        int k = i - inputs.size();
        return targetNames == null ? (targets.size() == 1 ? "y" : "targets[" + k + "]") : "target '" + targetNames.get(k) + "'";
    }

    /**
     * These samples with per-sample weights {@code [n]}: each sample's loss counts that much
     * (Keras's {@code sample_weight}), in training and in evaluation.
     *
     * @throws IllegalArgumentException when the weights are not one finite, non-negative value per sample
     */
    public Dataset sampleWeight(Tensor weights) {
        if (weights != null) {
            if (weights.rank() != 1 || weights.dim(0) != size()) {
                throw new IllegalArgumentException("Dataset.sampleWeight: needs one weight per sample, shape [" + size()
                        + "], got " + Shape.toString(weights.shape()));
            }
            float[] w = weights.toArray();
            for (int i = 0; i < w.length; i++) {
                if (!Float.isFinite(w[i]) || w[i] < 0) {
                    throw new IllegalArgumentException("Dataset.sampleWeight: the weight of sample " + i + " is " + w[i]
                            + "; weights must be finite and >= 0");
                }
            }
        }
        return new Dataset(inputs, inputNames, targets, targetNames, weights);
    }

    /** The per-sample weights {@code [n]}, or {@code null} when every sample counts once. */
    public Tensor sampleWeight() {
        return sampleWeight;
    }

    /**
     * The inputs, {@code [n, …]}.
     *
     * @throws IllegalStateException when the dataset has several inputs (see {@link #inputs()})
     */
    public Tensor x() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("this dataset has " + inputs.size() + " inputs" + names(inputNames)
                    + "; use inputs()");
        }
        return inputs.get(0);
    }

    /**
     * The targets, {@code [n, …]}.
     *
     * @throws IllegalStateException when the dataset has several targets (see {@link #targets()})
     */
    public Tensor y() {
        if (targets.size() != 1) {
            throw new IllegalStateException("this dataset has " + targets.size() + " targets" + names(targetNames)
                    + "; use targets()");
        }
        return targets.get(0);
    }

    private static String names(List<String> names) {
        return names == null ? "" : " " + names;
    }

    /** All inputs, in order (sorted by name for a dataset made from named maps). */
    public List<Tensor> inputs() {
        return inputs;
    }

    /** All targets, in order (sorted by name for a dataset made from named maps). */
    public List<Tensor> targets() {
        return targets;
    }

    /** The inputs' names in the order of {@link #inputs()}, or empty when they are given by position. */
    public Optional<List<String>> inputNames() {
        return Optional.ofNullable(inputNames);
    }

    /** The targets' names in the order of {@link #targets()}, or empty when they are given by position. */
    public Optional<List<String>> targetNames() {
        return Optional.ofNullable(targetNames);
    }

    /** The number of samples. */
    public int size() {
        return inputs.get(0).dim(0);
    }

    /** The number of samples, as {@link BatchSource} asks. */
    @Override
    public long sampleCount() {
        return size();
    }

    /** The samples at {@code rows}, in that order. */
    public Dataset take(int... rows) {
        return new Dataset(each(inputs, t -> t.take(rows)), inputNames, each(targets, t -> t.take(rows)), targetNames,
                sampleWeight == null ? null : sampleWeight.take(rows));
    }

    /** The samples {@code [start, end)}. */
    public Dataset slice(int start, int end) {
        return new Dataset(each(inputs, t -> t.slice(start, end)), inputNames, each(targets, t -> t.slice(start, end)),
                targetNames, sampleWeight == null ? null : sampleWeight.slice(start, end));
    }

    private static List<Tensor> each(List<Tensor> tensors, java.util.function.UnaryOperator<Tensor> f) {
        if (tensors.size() == 1) {
            return List.of(f.apply(tensors.get(0)));
        }
        List<Tensor> out = new java.util.ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(f.apply(t));
        }
        return List.copyOf(out);
    }

    /**
     * These samples with the images channels-last {@code [n, height, width, channels]}, the layout
     * of Keras's {@code Conv2D} ({@code data_format="channels_last"}): grayscale images
     * {@code [n, height, width]} (MNIST, Fashion-MNIST) get a trailing channel axis of 1 by a
     * reshape that shares their values (no copy of a 188 MB image set); images that already have
     * one ({@code [n, 32, 32, 3]}, CIFAR-10) come back as they are. Targets and sample weights are
     * kept.
     *
     * <p>A view on the data rather than an option of each loader, so that it works on any image
     * set (one's own, a {@link #slice}, a {@link Split}); named for the layout rather than
     * {@code channels()}, which would read as a number of channels.
     *
     * <pre>{@code
     * Split fashion = Datasets.fashionMnist().channelsLast();   // x [60000, 28, 28, 1]
     * }</pre>
     *
     * @throws IllegalStateException when the dataset has several inputs, or its input is not
     *         {@code [n, height, width]} or {@code [n, height, width, channels]} (flat rows
     *         {@code [n, 784]} must be reshaped to {@code [n, 28, 28]} first)
     */
    public Dataset channelsLast() {
        Tensor x = x();
        int[] s = x.shape();
        if (s.length == 4) {
            return this;
        }
        if (s.length != 3) {
            int side = s.length == 2 ? (int) Math.round(Math.sqrt(s[1])) : -1;
            throw new IllegalStateException("Dataset.channelsLast: needs images [n, height, width] or [n, height, width,"
                    + " channels], got x " + Shape.toString(s) + (side > 0 && side * side == s[1]
                    ? "; for flat rows of " + side + "×" + side + " pixels, use Dataset.of(x.reshape(" + s[0] + ", " + side
                    + ", " + side + ", 1), y)" : ""));
        }
        return new Dataset(List.of(x.reshape(s[0], s[1], s[2], 1)), inputNames, targets, targetNames, sampleWeight);
    }

    /** All samples in an order drawn from {@code seed}. */
    public Dataset shuffle(long seed) {
        return take(permutation(size(), new Random(seed)));
    }

    /**
     * One epoch of batches; with {@code shuffle}, the order is a permutation drawn from
     * {@code seed} (the same seed, the same batches). Each batch is a copy of its rows.
     *
     * @throws IllegalStateException for a dataset of several inputs or targets
     */
    @Override
    public Iterator<Batch> batches(int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset.batches: batch size must be >= 1, got " + batchSize);
        }
        Tensor x = x();
        Tensor y = y();
        int n = size();
        int[] order = shuffle ? permutation(n, new Random(seed)) : identity(n);
        return new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < n;
            }

            @Override
            public Batch next() {
                if (start >= n) {
                    throw new NoSuchElementException("Dataset.batches: the epoch is over");
                }
                int end = Math.min(n, start + batchSize);
                int[] rows = java.util.Arrays.copyOfRange(order, start, end);
                start = end;
                return new Batch(x.take(rows), y.take(rows));
            }
        };
    }

    /** The number of batches of {@code batchSize} in one epoch, the last one possibly smaller. */
    public int batchCount(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset.batchCount: batch size must be >= 1, got " + batchSize);
        }
        return (size() + batchSize - 1) / batchSize;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** A Fisher–Yates permutation of {@code 0 … n−1}. */
    static int[] permutation(int n, Random random) {
        int[] a = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    @Override
    public String toString() {
        if (inputs.size() == 1 && targets.size() == 1) {
            return "Dataset(" + size() + " samples, x " + Shape.toString(x().shape()) + ", y " + Shape.toString(y().shape())
                    + (sampleWeight == null ? "" : ", weighted") + ")";
        }
        StringBuilder sb = new StringBuilder("Dataset(" + size() + " samples");
        for (int i = 0; i < inputs.size() + targets.size(); i++) {
            Tensor t = i < inputs.size() ? inputs.get(i) : targets.get(i - inputs.size());
            sb.append(", ").append(describe(i)).append(' ').append(Shape.toString(t.shape()));
        }
        return sb.append(sampleWeight == null ? "" : ", weighted").append(')').toString();
    }
}
