package dev.neurona.nn;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * Inverted dropout (Srivastava et al., 2014): in training, each value is zeroed with
 * probability {@code rate} and the survivors are scaled by {@code 1 / (1 − rate)}, so that
 * inference needs no rescaling; in inference it passes data through unchanged.
 *
 * <p>The n-th training call draws its mask from the counter-based stream
 * {@code Seeds.uniform(Seeds.derive(seed, n), i)} ({@link Tensor#dropout}), where {@code seed}
 * comes from the model's seed at build time (a mask is drawn at every replay of a compiled step,
 * allocating nothing).
 * The mask therefore depends only on the layer's {@link #state()} ({@code seed} and
 * {@code calls}), which a saved model keeps, so a resumed run drops the same values as an
 * uninterrupted one. The stream and its state are {@link RandomLayer}'s, which the other layers that
 * draw in training share.
 */
public final class Dropout extends RandomLayer {

    private final float rate;

    /**
     * @param rate the fraction of values to drop, in {@code [0, 1)}
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1) || (float) rate >= 1f) {   // a rate that rounds to 1 would scale by 1/0
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = (float) rate;
    }

    /** The fraction of values dropped in training. */
    public float rate() {
        return rate;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        if (mode != Mode.TRAINING || rate == 0f) {
            return x;
        }
        // the op asks for the next stream each time it runs, so a compiled step draws a new mask at every replay
        return x.dropout(rate, this::nextStream);
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("rate", (double) rate);
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }
}
