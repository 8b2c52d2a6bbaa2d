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
 * <p>The n-th training call draws its mask from a generator seeded by
 * {@code Seeds.derive(seed, n)}, where {@code seed} comes from the model's seed at build time.
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

    /** Draws the masks; reseeded for each one, so that a training step allocates nothing. */
    private final Random masks = new Random();

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
        float keep = 1f - rate;
        // generated, so that a compiled step draws the next mask at every replay
        Tensor mask = Tensor.generate("dropout_mask", m -> {
            Random random = masks;
            random.setSeed(Seeds.derive(seed, calls++));   // the same stream as new Random(that seed)
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextFloat() < keep ? 1f / keep : 0f;
            }
        }, x.shape());
        return x.mul(mask);
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
