package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Softmax along {@code axis} (the last by default): {@code f(x)_i = e^{x_i} / Σ_j e^{x_j}},
 * max-shifted so that it never overflows. Turns a row of scores into probabilities.
 *
 * @param axis the axis whose entries sum to 1; negative counts from the end
 */
public record Softmax(int axis) implements Activation {

    @Override
    public Tensor apply(Tensor x) {
        return x.softmax(axis);
    }

    @Override
    public void checkInputRank(int rank) {
        Activations.checkAxis(name(), axis, rank);
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "axis", axis);
    }
}
