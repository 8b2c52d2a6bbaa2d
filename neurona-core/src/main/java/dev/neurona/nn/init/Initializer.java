package dev.neurona.nn.init;

import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * Creates a layer's initial weights. For a 2-D kernel {@code [in, out]}, fan-in is
 * {@code in} and fan-out is {@code out}, as in Keras. Randomness always comes from the
 * generator passed in, so the same seed gives the same weights.
 */
@Registry.Kind(noun = "initializer", plural = "initializers", builtins = Initializers.class)
public interface Initializer {

    /** A new tensor of {@code shape} drawn with {@code random}. */
    Tensor create(int[] shape, Random random);

    /** The Keras identifier, such as {@code "glorot_uniform"}. */
    String name();

    /** Name and parameters, enough for {@link Initializers#fromConfig(Map)}. */
    default Map<String, Object> config() {
        return Map.of("name", name());
    }

    /** Fan-in of a weight shape: the product of all but the last dimension (1-D: its size). */
    static int fanIn(int[] shape) {
        if (shape.length < 2) {
            return shape.length == 0 ? 1 : shape[0];
        }
        int n = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * Fan-out of a weight shape: the last dimension (1-D: its size), times the receptive field
     * (the product of all but the last two dimensions) for a convolution kernel
     * {@code [kh, kw, in, out]}, as Keras computes it.
     */
    static int fanOut(int[] shape) {
        int n = shape.length == 0 ? 1 : shape[shape.length - 1];
        for (int i = 0; i < shape.length - 2; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** The last dimension (1-D: its size): the columns of a weight seen as a matrix. */
    static int columns(int[] shape) {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }
}
