package dev.neurona.nn;

import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Joins its inputs along one axis, Keras's {@code Concatenate}: inputs must agree on every
 * other axis. The axis counts the batch axis as Keras does ({@code -1}, the default, is the
 * last; {@code 1} is the first axis of a sample).
 */
public final class Concatenate extends Layer {

    private final int axis;

    /** Concatenation along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Concatenation along {@code axis} (of the batched tensor; not the batch axis 0). */
    public Concatenate(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("Concatenate: axis 0 is the batch axis; give a sample axis (1, 2, … or -1)");
        }
        this.axis = axis;
    }

    /** The axis as given (of the batched tensor). */
    public int axis() {
        return axis;
    }

    @Override
    protected void requireInputCount(int count) {
        if (count < 2) {
            throw new IllegalArgumentException(label() + " joins two or more inputs, got " + count);
        }
    }

    /** The axis within one sample's shape (0-based, batch excluded). */
    private int sampleAxis(int rank) {
        return LayerShapes.sampleAxis(label(), axis, rank);
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        requireInputCount(inputShapes.size());
        int[] first = inputShapes.get(0);
        int a = sampleAxis(first.length);
        int[] out = first.clone();
        for (int i = 1; i < inputShapes.size(); i++) {
            int[] s = inputShapes.get(i);
            boolean fits = s.length == first.length;
            for (int d = 0; fits && d < s.length; d++) {
                fits = d == a || s[d] == first[d];
            }
            if (!fits) {
                throw new IllegalArgumentException(label() + ": inputs must match on every axis but " + axis + ", got "
                        + batched(first) + " (input 0) and " + batched(s) + " (input " + i + ")");
            }
            out[a] += s[a];
        }
        return out;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        requireInputCount(1);
        return x;
    }

    @Override
    protected Tensor forward(List<Tensor> xs, Mode mode) {
        return Tensor.concat(sampleAxis(xs.get(0).rank() - 1) + 1, xs.toArray(Tensor[]::new));
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("axis", axis);
    }
}
