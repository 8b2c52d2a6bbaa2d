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

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
