package dev.neurona.data;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;

/**
 * One mini-batch: inputs {@code x} {@code [b, …]} and targets {@code y} {@code [b, …]}, row
 * {@code i} of each belonging together.
 */
public record Batch(Tensor x, Tensor y) {

    /** @throws IllegalArgumentException when x or y is missing or their first dimensions differ */
    public Batch {
        if (x == null || y == null || x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("Batch: x and y need the same first dimension, got "
                    + (x == null ? "null" : Shape.toString(x.shape())) + " and "
                    + (y == null ? "null" : Shape.toString(y.shape())));
        }
    }

    /** The number of samples in the batch. */
    public int size() {
        return x.dim(0);
    }
}
