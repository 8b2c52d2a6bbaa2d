package dev.neurona.nn;

import java.util.List;

/**
 * A placeholder for the values a layer will produce, Keras's {@code KerasTensor}: what
 * {@link Input#of(int...)} and {@link Layer#apply(SymbolicTensor...)} return. It knows its
 * shape (batch excluded), the layer that produces it and that layer's inputs, so that a
 * {@code Model} can be made from the inputs and outputs of such a graph. It holds no values.
 */
public final class SymbolicTensor {

    private final Layer layer;
    private final List<SymbolicTensor> inputs;
    private final int[] shape;

    SymbolicTensor(Layer layer, List<SymbolicTensor> inputs, int[] shape) {
        this.layer = layer;
        this.inputs = inputs;
        this.shape = shape.clone();
    }

    /** The shape of one sample, batch excluded. */
    public int[] shape() {
        return shape.clone();
    }

    /** The layer that produces this tensor (an {@link Input} for a model's input). */
    public Layer layer() {
        return layer;
    }

    /** The tensors the producing layer was applied to (none for an input). */
    public List<SymbolicTensor> inputs() {
        return inputs;
    }

    /** Whether this is a model input, made by {@link Input#of(int...)}. */
    public boolean isInput() {
        return layer instanceof Input;
    }

    /**
     * Names an input ({@code Input.of(32).name("left")}), so that data can be given to it by
     * name; only inputs are named this way (name a layer with {@link Layer#name(String)}).
     *
     * @return this tensor
     * @throws IllegalStateException when this is not an input
     */
    public SymbolicTensor name(String name) {
        if (!isInput()) {
            throw new IllegalStateException("only inputs are named through their tensor; name the layer instead: "
                    + layer.typeName().toLowerCase(java.util.Locale.ROOT) + "(…).name(\"" + name + "\")");
        }
        layer.name(name);
        return this;
    }

    /** The producing layer's name (the input's name for an input), or {@code null} before the model names it. */
    public String name() {
        return layer.name();
    }

    @Override
    public String toString() {
        return "SymbolicTensor(shape=" + Layer.batched(shape) + ", from " + layer + ")";
    }
}
