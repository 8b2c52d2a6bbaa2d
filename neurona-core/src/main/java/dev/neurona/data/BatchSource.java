package dev.neurona.data;

import java.util.Iterator;

/**
 * Anything that can hand out a pass of mini-batches: a {@link Dataset} in memory, or a stream
 * that reads batches from disk or a database when the data do not fit in memory.
 *
 * <p>One call to {@link #batches} is one epoch. Implementations must be repeatable: the same
 * arguments give the same batches in the same order. A source that cannot shuffle globally
 * (a stream) may shuffle within a buffer and should say so.
 *
 * <pre>{@code
 * BatchSource source = Dataset.of(x, y);
 * for (Iterator<Batch> it = source.batches(32, true, epochSeed); it.hasNext(); ) {
 *     Batch b = it.next();   // b.x(), b.y()
 * }
 * }</pre>
 */
public interface BatchSource {

    /** The number of samples in one pass, or {@code -1} when unknown (an open-ended stream). */
    long sampleCount();

    /**
     * One pass over the data in batches of {@code batchSize} samples (the last may be smaller).
     *
     * @param shuffle whether to visit the samples in a random order drawn from {@code seed}
     * @param seed    the seed of that order; ignored without shuffling
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    Iterator<Batch> batches(int batchSize, boolean shuffle, long seed);
}
