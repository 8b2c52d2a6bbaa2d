package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Exponential linear unit: {@code f(x) = x} for {@code x > 0}, else {@code alpha·(e^x − 1)}
 * (Clevert et al., 2015). Keras's default is {@code alpha = 1}.
 *
 * @param alpha the value the function approaches for large negative inputs is {@code −alpha}
 */
public record Elu(double alpha) implements Activation {

    public Elu {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be finite, got " + alpha);
        }
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.elu((float) alpha);
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "alpha", alpha);
    }
}
