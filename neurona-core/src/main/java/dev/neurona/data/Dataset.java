package dev.neurona.data;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Samples in memory: inputs {@code x} of shape {@code [n, …]} and targets {@code y} of shape
 * {@code [n, …]}, row {@code i} of each belonging together.
 *
 * <pre>{@code
 * Dataset data = Dataset.of(Tensor.of(x), Tensor.of(y));
 * Iterator<Batch> epoch = data.batches(32, true, 7);   // seeded shuffle
 * }</pre>
 */
public final class Dataset implements BatchSource {

    private final Tensor x;
    private final Tensor y;

    private Dataset(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
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
        return new Dataset(x, y);
    }

    /** Pairs rows of inputs {@code [n][d]} with rows of targets {@code [n][k]}. */
    public static Dataset of(float[][] x, float[][] y) {
        return of(Tensor.of(x), Tensor.of(y));
    }

    /** The inputs, {@code [n, …]}. */
    public Tensor x() {
        return x;
    }

    /** The targets, {@code [n, …]}. */
    public Tensor y() {
        return y;
    }

    /** The number of samples. */
    public int size() {
        return x.dim(0);
    }

    /** The number of samples, as {@link BatchSource} asks. */
    @Override
    public long sampleCount() {
        return size();
    }

    /** The samples at {@code rows}, in that order. */
    public Dataset take(int... rows) {
        return new Dataset(x.take(rows), y.take(rows));
    }

    /** The samples {@code [start, end)}. */
    public Dataset slice(int start, int end) {
        return new Dataset(x.slice(start, end), y.slice(start, end));
    }

    /** All samples in an order drawn from {@code seed}. */
    public Dataset shuffle(long seed) {
        return take(permutation(size(), new Random(seed)));
    }

    /**
     * One epoch of batches; with {@code shuffle}, the order is a permutation drawn from
     * {@code seed} (the same seed, the same batches). Each batch is a copy of its rows.
     */
    @Override
    public Iterator<Batch> batches(int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset.batches: batch size must be >= 1, got " + batchSize);
        }
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
        return "Dataset(" + size() + " samples, x " + Shape.toString(x.shape()) + ", y " + Shape.toString(y.shape()) + ")";
    }
}
