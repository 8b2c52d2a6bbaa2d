package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Log-softmax along {@code axis} (the last by default): {@code f(x)_i = x_i − log Σ_j e^{x_j}},
 * computed by log-sum-exp so that it stays finite for logits of any size.
 *
 * @param axis the axis to normalize over; negative counts from the end
 */
public record LogSoftmax(int axis) implements Activation {

    @Override
    public Tensor apply(Tensor x) {
        return x.logSoftmax(axis);
    }

    @Override
    public void checkInputRank(int rank) {
        Activations.checkAxis(name(), axis, rank);
    }

    @Override
    public String name() {
        return "log_softmax";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "axis", axis);
    }
}
