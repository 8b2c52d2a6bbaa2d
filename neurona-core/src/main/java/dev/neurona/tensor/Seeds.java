package dev.neurona.tensor;

/**
 * Derives independent seeds from a seed and a stream number, so that a random stream can be
 * recreated from its position alone (a dropout layer's n-th mask, an epoch's shuffle) instead
 * of from hidden generator state that a saved model would lose.
 *
 * <p>The mixing function is SplitMix64's finalizer (Steele, Lea and Flood, 2014): nearby
 * inputs give unrelated outputs, which {@code new java.util.Random(seed + n)} does not.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A seed for stream {@code stream} of {@code seed}; a pure function of both. */
    public static long derive(long seed, long stream) {
        return mix(mix(seed) + (stream + 1) * GOLDEN_GAMMA);
    }

    /**
     * The {@code index}-th uniform float in {@code [0, 1)} of the stream {@code stream} (a seed
     * from {@link #derive}): a counter-based generator, SplitMix64 over the index, each 64-bit
     * output giving two 24-bit values (elements {@code 2j} and {@code 2j + 1}), so that a mask of
     * a million values costs a few multiplications each, with no shared state, no atomics and no
     * allocation, and any element can be drawn on its own.
     */
    public static float uniform(long stream, long index) {
        return bits24(stream, index) * 0x1.0p-24f;
    }

    /**
     * The 24 random bits behind {@link #uniform}: {@code uniform(s, i) < p} exactly when
     * {@code bits24(s, i) < threshold24(p)}, which a loop can test without float conversions.
     */
    public static int bits24(long stream, long index) {
        long z = pair(stream, index >>> 1);
        return (int) ((index & 1) == 0 ? z >>> 40 : (z >>> 8) & 0xFFFFFF);
    }

    /** The random 64 bits of the pair of elements {@code 2·pair} and {@code 2·pair + 1}. */
    public static long pair(long stream, long pair) {
        return mix(stream + (pair + 1) * GOLDEN_GAMMA);
    }

    /** The smallest integer {@code t} with {@code k < t ⇔ k·2⁻²⁴ < p} for every 24-bit {@code k}. */
    public static int threshold24(float p) {
        return (int) Math.min(1 << 24, Math.max(0, Math.ceil(p * 16777216.0)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
