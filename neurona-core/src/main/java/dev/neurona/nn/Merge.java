package dev.neurona.nn;

import dev.neurona.tensor.Tensor;
import java.util.List;

/**
 * A layer that combines two or more inputs element by element, Keras's {@code Merge} base:
 * {@link Add}, {@link Subtract}, {@link Multiply}, {@link Average}, {@link Divide}. It has no
 * weights; {@code add().apply(x, shortcut)} joins two branches of a graph.
 *
 * <p>Sample shapes broadcast as Keras's merge layers do: aligned at the last axis, a size of 1
 * stretches to the other's ({@code [None, 4, 8]} and {@code [None, 1, 8]} give {@code [None, 4, 8]}),
 * and an input of lower rank gains axes of size 1 right after the batch ({@code [None, 8]} against
 * {@code [None, 4, 8]} is read as {@code [None, 1, 8]}). The batch axis never broadcasts.
 */
public abstract class Merge extends Layer {

    /** The combination of two inputs (the running result and the next input). */
    protected abstract Tensor combine(Tensor a, Tensor b);

    /** The result after all inputs were combined; the default keeps it. */
    protected Tensor finish(Tensor combined, int inputCount) {
        return combined;
    }

    /** The most inputs this layer merges; unlimited by default. */
    protected int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected final void requireInputCount(int count) {
        if (count < 2 || count > maxInputs()) {
            String expected = maxInputs() == 2 ? "exactly two inputs" : "two or more inputs";
            throw new IllegalArgumentException(label() + " merges " + expected + ", got " + count);
        }
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        requireInputCount(inputShapes.size());
        int[] out = inputShapes.get(0).clone();
        for (int i = 1; i < inputShapes.size(); i++) {
            out = broadcast(out, inputShapes.get(i), i, inputShapes);
        }
        return out;
    }

    /** The broadcast of {@code a} (inputs 0 to i−1) and input {@code i}, or an error naming two inputs' shapes. */
    private int[] broadcast(int[] a, int[] b, int i, List<int[]> shapes) {
        if (!broadcastable(a, b)) {
            int j = 0;
            while (j < i - 1 && broadcastable(shapes.get(j), b)) {
                j++;
            }
            throw new IllegalArgumentException(label() + ": inputs must have the same shape, or shapes that broadcast"
                    + " (sizes equal or 1, aligned at the last axis), got " + batched(shapes.get(j)) + " (input " + j
                    + ") and " + batched(b) + " (input " + i + ")");
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 1; d <= rank; d++) {
            int da = d <= a.length ? a[a.length - d] : 1;
            int db = d <= b.length ? b[b.length - d] : 1;
            out[rank - d] = da == 1 ? db : da;
        }
        return out;
    }

    private static boolean broadcastable(int[] a, int[] b) {
        for (int d = 1; d <= Math.min(a.length, b.length); d++) {
            int da = a[a.length - d];
            int db = b[b.length - d];
            if (da != db && da != 1 && db != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        requireInputCount(1);
        return inputShape;
    }

    @Override
    protected final Tensor forward(Tensor x, Mode mode) {
        requireInputCount(1);
        return x;
    }

    @Override
    protected final Tensor forward(List<Tensor> xs, Mode mode) {
        int rank = xs.stream().mapToInt(Tensor::rank).max().orElseThrow();
        Tensor out = aligned(xs.get(0), rank);
        for (int i = 1; i < xs.size(); i++) {
            out = combine(out, aligned(xs.get(i), rank));
        }
        return finish(out, xs.size());
    }

    /** {@code x} with axes of size 1 after the batch up to {@code rank}, a view, so that it broadcasts sample-wise. */
    private static Tensor aligned(Tensor x, int rank) {
        if (x.rank() == rank) {
            return x;
        }
        int[] shape = new int[rank];
        java.util.Arrays.fill(shape, 1);
        shape[0] = x.dim(0);
        System.arraycopy(x.shape(), 1, shape, rank - x.rank() + 1, x.rank() - 1);
        return x.reshape(shape);
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }
}
