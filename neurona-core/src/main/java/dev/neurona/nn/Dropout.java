package dev.neurona.nn;

import dev.neurona.tensor.Seeds;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

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
 * uninterrupted one.
 */
public final class Dropout extends Layer {

    private final float rate;
    private long seed;
    private long calls;

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
    protected void createWeights(int[] inputShape, Random random) {
        // its own stream, seeded from the model's, so that masks are reproducible
        this.seed = random.nextLong();
        this.calls = 0;
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        if (mode != Mode.TRAINING || rate == 0f) {
            return x;
        }
        // the op asks for the next stream each time it runs, so a compiled step draws a new mask at every replay
        return x.dropout(rate, () -> Seeds.derive(seed, calls++));
    }

    /** {@code seed}: the layer's stream; {@code calls}: the training calls so far (both longs). */
    @Override
    public Map<String, Object> state() {
        if (!isBuilt()) {
            return Map.of();
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("seed", seed);
        state.put("calls", calls);
        return state;
    }

    @Override
    public void loadState(Map<String, Object> state) {
        if (!isBuilt()) {
            throw new IllegalStateException(label() + ": build the layer before loading its state");
        }
        if (state == null || state.size() != 2) {
            throw new IllegalArgumentException(label() + ": state must hold 'seed' and 'calls', got " + state);
        }
        long newSeed = integer(state.get("seed"), "seed");
        long newCalls = integer(state.get("calls"), "calls");
        if (newCalls < 0) {
            throw new IllegalArgumentException(label() + ": 'calls' must not be negative, got " + newCalls);
        }
        seed = newSeed;
        calls = newCalls;
    }

    private long integer(Object value, String key) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException(label() + ": state '" + key + "' must be an integer (64 bits at most), got "
                + value);
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
