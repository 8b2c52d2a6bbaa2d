package dev.neurona.nn;

import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens each sample to one dimension, keeping the batch: {@code [batch, 28, 28] → [batch,
 * 784]}. Given input dimensions ({@code flatten(28, 28)}), it also declares the model's input
 * shape, as Keras's {@code Flatten(input_shape=(28, 28))} in the lecture.
 */
public final class Flatten extends Layer {

    private final int[] inputDims;

    /** Flattens inputs of {@code inputDims}, or of any shape when none are given. */
    public Flatten(int... inputDims) {
        this.inputDims = inputDims == null || inputDims.length == 0 ? null : Shape.checked("Flatten", inputDims);
    }

    @Override
    public int[] declaredInputShape() {
        return inputDims == null ? null : inputDims.clone();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return new int[] {Shape.size(inputShape)};
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        return x.rank() == 2 ? x : x.reshape(x.dim(0), -1);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        if (inputDims != null) {
            s.put("input_dims", Input.toList(inputDims));
        }
        return s;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }
}
