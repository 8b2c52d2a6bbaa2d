package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Gaussian error linear unit (Hendrycks and Gimpel, 2016): {@code f(x) = x·Φ(x)}, or with
 * {@code approximate} the tanh form {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}.
 * Keras 3's default is the exact form.
 *
 * @param approximate whether to use the tanh approximation
 */
public record Gelu(boolean approximate) implements Activation {

    @Override
    public Tensor apply(Tensor x) {
        return x.gelu(approximate);
    }

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "approximate", approximate);
    }
}
