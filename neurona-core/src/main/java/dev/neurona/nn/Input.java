package dev.neurona.nn;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Declares the shape of one sample (batch dimension excluded) at the start of a model, as
 * Keras's {@code Input(shape=…)}; it passes data through unchanged and has no weights.
 */
public final class Input extends Layer {

    private final int[] shape;
    /** The symbolic tensor this input stands for in a functional model, made once. */
    private SymbolicTensor tensor;

    /** An input of one sample shaped {@code shape}, e.g. {@code new Input(784)}. */
    public Input(int... shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("Input: give the shape of one sample, e.g. input(784)");
        }
        this.shape = Shape.checked("Input", shape);
    }

    /**
     * A model input of one sample shaped {@code shape} (batch excluded), Keras's
     * {@code Input(shape=…)}: the start of a functional model,
     * {@code var x = Input.of(28, 28); … new Model(x, out)}.
     */
    public static SymbolicTensor of(int... shape) {
        return new Input(shape).tensor();
    }

    /** The symbolic tensor of this input, for building a functional model on it (the same one each call). */
    public SymbolicTensor tensor() {
        if (tensor == null) {
            tensor = new SymbolicTensor(this, List.of(), shape);
        }
        return tensor;
    }

    @Override
    public int[] declaredInputShape() {
        return shape.clone();
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        return x;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("shape", toList(shape));
    }

    static List<Integer> toList(int[] shape) {
        return java.util.Arrays.stream(shape).boxed().toList();
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }
}
