package dev.neurona.spark;

import dev.neurona.train.Trainer;
import java.io.Serializable;

/**
 * The order of one epoch, broadcast as three numbers and recomputed once per executor (the
 * permutation itself is never shipped): {@link Trainer#epochOrder} with the seed the local fit
 * loop would use, so Spark visits the samples exactly as single-JVM training does.
 */
final class EpochPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int n;
    private final boolean shuffle;
    private final long seed;
    private transient volatile int[] order;

    EpochPlan(int n, boolean shuffle, long seed) {
        this.n = n;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    int[] order() {
        int[] o = order;
        if (o == null) {
            synchronized (this) {
                if (order == null) {
                    order = Trainer.epochOrder(n, shuffle, seed);
                }
                o = order;
            }
        }
        return o;
    }
}
