package dev.neurona.nn;

import dev.neurona.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A layer that combines two or more inputs of the same shape element by element, Keras's
 * {@code Merge} base: {@link Add}, {@link Subtract}, {@link Multiply}, {@link Average}. It has
 * no weights; {@code add().apply(x, shortcut)} joins two branches of a graph.
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
        int[] first = inputShapes.get(0);
        for (int i = 1; i < inputShapes.size(); i++) {
            if (!Arrays.equals(first, inputShapes.get(i))) {
                throw new IllegalArgumentException(label() + ": inputs must have the same shape, got "
                        + batched(first) + " (input 0) and " + batched(inputShapes.get(i)) + " (input " + i + ")");
            }
        }
        return first.clone();
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
        Tensor out = xs.get(0);
        for (int i = 1; i < xs.size(); i++) {
            out = combine(out, xs.get(i));
        }
        return finish(out, xs.size());
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }
}
