package dev.neurona.nn;

import dev.neurona.nn.init.Initializer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * Parametric ReLU (He et al., 2015): {@code y = x} for {@code x > 0}, else {@code alpha·x},
 * with one learnable slope per input feature ({@code alpha} has the sample's shape), started
 * at zero as in Keras (so it begins as a ReLU).
 */
public final class PReLU extends Layer {

    private final Initializer alphaInitializer;
    private Parameter alpha;

    /** A PReLU whose slopes start at zero. */
    public PReLU() {
        this(Initializers.zeros());
    }

    /** A PReLU whose slopes start as {@code alphaInitializer} draws them (e.g. constant 0.25 as PyTorch). */
    public PReLU(Initializer alphaInitializer) {
        this.alphaInitializer = alphaInitializer;
    }

    /** The slopes, or {@code null} before build. */
    public Parameter alpha() {
        return alpha;
    }

    @Override
    protected void createWeights(int[] inputShape, Random random) {
        alpha = addWeight("alpha", alphaInitializer.create(inputShape, random));
    }

    @Override
    public long countParams(int[] inputShape) {
        long n = 1;
        for (int d : inputShape) {
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        return x.prelu(alpha);
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("alpha_initializer", alphaInitializer.config());
    }
}
