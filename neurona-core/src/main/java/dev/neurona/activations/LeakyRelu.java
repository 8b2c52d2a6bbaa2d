package dev.neurona.activations;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Leaky ReLU: {@code f(x) = x} for {@code x > 0}, else {@code alpha·x}; {@code f'(0) = alpha}.
 * Keras 3's {@code leaky_relu} activation uses {@code alpha} (its {@code negative_slope}) = 0.2.
 *
 * @param alpha the slope for negative inputs
 */
public record LeakyRelu(double alpha) implements Activation {

    /** Keras 3's default slope for the {@code "leaky_relu"} activation. */
    public static final double DEFAULT_ALPHA = 0.2;

    public LeakyRelu {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("leaky_relu: alpha must be finite, got " + alpha);
        }
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.leakyRelu((float) alpha);
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("name", name(), "alpha", alpha);
    }
}
