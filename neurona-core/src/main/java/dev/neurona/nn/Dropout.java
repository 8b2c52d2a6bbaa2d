package dev.neurona.nn;

import dev.neurona.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * Inverted dropout (Srivastava et al., 2014): in training, each value is zeroed with
 * probability {@code rate} and the survivors are scaled by {@code 1 / (1 − rate)}, so that
 * inference needs no rescaling; in inference it passes data through unchanged.
 */
public final class Dropout extends Layer {

    private final float rate;
    private Random random;

    /**
     * @param rate the fraction of values to drop, in {@code [0, 1)}
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = (float) rate;
    }

    /** The fraction of values dropped in training. */
    public float rate() {
        return rate;
    }

    @Override
    protected void createWeights(int[] inputShape, Random random) {
        // its own generator, seeded from the model's, so that masks are reproducible
        this.random = new Random(random.nextLong());
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        if (mode != Mode.TRAINING || rate == 0f) {
            return x;
        }
        float keep = 1f - rate;
        Tensor mask = Tensor.zeros(x.shape());
        float[] m = mask.data();
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextFloat() < keep ? 1f / keep : 0f;
        }
        return x.mul(mask);
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("rate", (double) rate);
    }
}
