package dev.neurona.data;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/**
 * Samples in memory: inputs {@code x} of shape {@code [n, …]} and targets {@code y} of shape
 * {@code [n, …]}, row {@code i} of each belonging together.
 */
public final class Dataset {

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

    /** The samples at {@code rows}, in that order. */
    public Dataset take(int... rows) {
        return new Dataset(x.take(rows), y.take(rows));
    }

    /** The samples {@code [start, end)}. */
    public Dataset slice(int start, int end) {
        return new Dataset(x.slice(start, end), y.slice(start, end));
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " samples, x " + Shape.toString(x.shape()) + ", y " + Shape.toString(y.shape()) + ")";
    }
}
