package dev.neurona.io;

/**
 * Upper bounds that a model file must respect before the loader allocates anything for it,
 * so that a corrupt or hostile file fails with a {@link ModelFileException} instead of
 * exhausting memory. The defaults admit any model that fits in a few GiB; tighten them to
 * load files from untrusted sources into a small heap.
 *
 * @param maxFileBytes the size of the {@code .nrn} file itself
 * @param maxEntries the entries of the archive and of each {@code .npz} inside it
 * @param maxJsonBytes the uncompressed size of {@code config.json}
 * @param maxArrayBytes the uncompressed size of each {@code .npz}, and so of all its arrays together
 */
public record ModelFileLimits(long maxFileBytes, int maxEntries, long maxJsonBytes, long maxArrayBytes) {

    /** 8 GiB files, 100,000 entries, 16 MiB of JSON, 8 GiB of arrays per {@code .npz}. */
    public static final ModelFileLimits DEFAULT = new ModelFileLimits(8L << 30, 100_000, 16L << 20, 8L << 30);

    /** @throws IllegalArgumentException if a bound is not positive */
    public ModelFileLimits {
        if (maxFileBytes <= 0 || maxEntries <= 0 || maxJsonBytes <= 0 || maxArrayBytes <= 0) {
            throw new IllegalArgumentException("ModelFileLimits: every bound must be positive, got maxFileBytes="
                    + maxFileBytes + ", maxEntries=" + maxEntries + ", maxJsonBytes=" + maxJsonBytes
                    + ", maxArrayBytes=" + maxArrayBytes);
        }
    }
}
