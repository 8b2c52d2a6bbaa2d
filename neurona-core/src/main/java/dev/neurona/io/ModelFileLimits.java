package dev.neurona.io;

/**
 * What a model file may hold, checked before the loader allocates anything for it, so that a
 * corrupt or hostile file fails with a {@link ModelFileException} instead of exhausting memory
 * or loading garbage. The size bounds admit any model that fits in a few GiB; tighten them to
 * load files from untrusted sources into a small heap. ({@code Sequential.load} bounds every
 * array by the shape its architecture implies as well, whatever these bounds allow.)
 *
 * <p>NaN and ±Infinity in the weights or the optimizer state are refused by default (a model
 * holding them predicts NaN); {@link #allowNonFinite(boolean) allowNonFinite(true)} loads them,
 * to inspect a diverged checkpoint:
 * {@code Sequential.load(path, ModelFileLimits.DEFAULT.allowNonFinite(true))}.
 *
 * @param maxFileBytes the size of the {@code .nrn} file itself
 * @param maxEntries the entries of the archive and of each {@code .npz} inside it
 * @param maxJsonBytes the uncompressed size of {@code config.json}
 * @param maxArrayBytes the uncompressed size of each {@code .npz}, and so of all its arrays together
 * @param allowNonFinite whether arrays may hold NaN and ±Infinity (false by default)
 */
public record ModelFileLimits(long maxFileBytes, int maxEntries, long maxJsonBytes, long maxArrayBytes,
        boolean allowNonFinite) {

    /** 8 GiB files, 100,000 entries, 16 MiB of JSON, 8 GiB of arrays per {@code .npz}, finite values only. */
    public static final ModelFileLimits DEFAULT = new ModelFileLimits(8L << 30, 100_000, 16L << 20, 8L << 30);

    /** @throws IllegalArgumentException if a bound is not positive */
    public ModelFileLimits {
        if (maxFileBytes <= 0 || maxEntries <= 0 || maxJsonBytes <= 0 || maxArrayBytes <= 0) {
            throw new IllegalArgumentException("ModelFileLimits: every bound must be positive, got maxFileBytes="
                    + maxFileBytes + ", maxEntries=" + maxEntries + ", maxJsonBytes=" + maxJsonBytes
                    + ", maxArrayBytes=" + maxArrayBytes);
        }
    }

    /** These bounds, refusing non-finite values. */
    public ModelFileLimits(long maxFileBytes, int maxEntries, long maxJsonBytes, long maxArrayBytes) {
        this(maxFileBytes, maxEntries, maxJsonBytes, maxArrayBytes, false);
    }

    /** The same bounds, with non-finite values allowed ({@code true}, for debugging) or refused. */
    public ModelFileLimits allowNonFinite(boolean allow) {
        return new ModelFileLimits(maxFileBytes, maxEntries, maxJsonBytes, maxArrayBytes, allow);
    }
}
