package dev.neurona.tensor.kernel;

/**
 * Splits an elementwise loop over {@code [0, n)} between the calling thread and the
 * {@link GemmWorkers}, without allocating: for updates of large arrays (an optimizer step
 * over a weight matrix). Elementwise work gives the same bits however it is split.
 */
public final class ParallelRange {

    /** The loop body over a range; implementations keep their operands in fields, set before each call. */
    public interface Body {
        /** Processes elements {@code [lo, hi)}. */
        void run(int lo, int hi);
    }

    /** Below this many elements one thread does the whole loop (a hand-off costs a few microseconds). */
    public static final int MIN_PARALLEL = 1 << 16;

    private static final GemmWorkers.Part PART = (operands, unused, lo, hi) -> ((Body) operands).run(lo, hi);

    private ParallelRange() {
    }

    /** Runs {@code body} over {@code [0, n)}, split over the cores when {@code n} is large enough. */
    public static void run(int n, Body body) {
        GemmWorkers workers = GemmWorkers.shared();
        int parts = Math.min(workers.size() + 1, Math.max(1, n / (MIN_PARALLEL / 2)));
        if (n < MIN_PARALLEL || parts < 2 || !workers.tryAcquire()) {
            body.run(0, n);
            return;
        }
        split(workers, n, parts, body);
    }

    /**
     * Runs {@code body.run(p, p + 1)} for every part {@code p < parts}, the parts spread over
     * the cores; when the workers are busy (or there is one core) the caller runs them all, one
     * after the other. For work whose result depends on how it is cut (such as two partial sums
     * added afterwards): the parts are always the same, whoever runs them.
     */
    public static void parts(int parts, Body body) {
        GemmWorkers workers = GemmWorkers.shared();
        int threads = Math.min(parts, workers.size() + 1);
        if (threads < 2 || !workers.tryAcquire()) {
            body.run(0, parts);
            return;
        }
        split(workers, parts, threads, body);
    }

    /** Splits [0, n) into {@code parts} contiguous ranges, the caller taking the first; workers acquired. */
    private static void split(GemmWorkers workers, int n, int parts, Body body) {
        Throwable failure = null;
        try {
            for (int t = 1; t < parts; t++) {
                workers.start(t - 1, PART, body, true, (int) ((long) n * t / parts), (int) ((long) n * (t + 1) / parts));
            }
            try {
                body.run(0, n / parts);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (int t = 1; t < parts; t++) {
                Throwable f = workers.join(t - 1);
                if (failure == null) {
                    failure = f;
                }
            }
        } finally {
            workers.release();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error er) {
            throw er;
        }
    }
}
