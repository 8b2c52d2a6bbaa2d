package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A layer that draws random values in training (spatial dropout, the image augmentation
 * layers), seeded as {@link Dropout} is: the n-th training call draws from
 * {@code Seeds.derive(seed, n)}, where {@code seed} is Keras's {@code seed} argument when given
 * and otherwise comes from the model's seed at build time. What it draws depends only on its
 * {@link #state()} ({@code seed}, {@code calls}), which a saved model keeps, so a resumed run
 * draws what an uninterrupted one would. The stream is taken inside the op that uses it, so a
 * compiled step draws anew at every replay.
 */
abstract class RandomLayer extends Layer {

    private Long fixedSeed;
    private long seed;
    private long calls;

    /** Keras's {@code seed}: the layer's own stream, or {@code null} (default) for one from the model's seed. */
    final void setSeed(Long seed) {
        if (isBuilt()) {
            throw new IllegalStateException(label() + ": set the seed before the layer is built");
        }
        this.fixedSeed = seed;
    }

    /** The seed given, or {@code null}. */
    final Long fixedSeed() {
        return fixedSeed;
    }

    @Override
    protected void createWeights(int[] inputShape, Random random) {
        checkInput(inputShape);
        long drawn = random.nextLong();   // always drawn, so that the layers after it build alike with or without a seed
        this.seed = fixedSeed != null ? fixedSeed : drawn;
        this.calls = 0;
    }

    /** Checks the input shape at build; by default accepts any. */
    void checkInput(int[] inputShape) {
    }

    /** The stream of the next training call (advancing the count): call it inside a kernel, once per run. */
    final long nextStream() {
        return Seeds.derive(seed, calls++);
    }

    /** The training calls so far. */
    final long calls() {
        return calls;
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

    /** Adds {@code seed} to {@code settings} when one was given. */
    final Map<String, Object> withSeed(Map<String, Object> settings) {
        if (fixedSeed != null) {
            settings.put("seed", fixedSeed);
        }
        return settings;
    }

    /** Reads an optional {@code seed} (any 64-bit integer) into {@code layer}. */
    static <L extends RandomLayer> L seeded(ConfigKeys c, L layer) {
        if (c.has("seed")) {
            layer.setSeed(c.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE));
        }
        return layer;
    }
}
