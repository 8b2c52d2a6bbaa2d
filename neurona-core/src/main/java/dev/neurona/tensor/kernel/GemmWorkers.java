package dev.neurona.tensor.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Persistent daemon threads that take parts of one large product, handed their part
 * through fields and woken with {@link LockSupport#unpark}, so that splitting a product
 * allocates nothing (a fork/join task per part would, every call).
 *
 * <p>One product at a time uses the workers; a second thread that finds them busy computes
 * its product alone, which gives the same bits (the split never changes an element's
 * arithmetic).
 */
final class GemmWorkers {

    /** The work of one part: rows or columns [lo, hi) of the product. */
    interface Part {
        void run(Object operands, boolean byRows, int lo, int hi);
    }

    private static final class Holder {
        static final GemmWorkers SHARED = new GemmWorkers(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** Spins before parking while waiting for a worker: parts take tens of microseconds or more. */
    private static final int SPINS = 2_000;
    /** Spins (about 5 µs) a worker waits for its next part before parking: long enough for the
     *  next call of a loop of small products (waking a parked thread costs 10–20 µs), short
     *  enough not to hold a core that OpenBLAS's threads want next. */
    private static final int IDLE_SPINS = 300;

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();

    private GemmWorkers(int count) {
        workers = new Worker[count];
    }

    /** The JVM's workers: one fewer than the available processors (the caller is the other). */
    static GemmWorkers shared() {
        return Holder.SHARED;
    }

    /** How many helper threads there are. */
    int size() {
        return workers.length;
    }

    /** Claims the workers for one product; false when another thread is using them. */
    boolean tryAcquire() {
        return busy.compareAndSet(false, true);
    }

    /** Gives the workers back after {@link #join}. */
    void release() {
        busy.set(false);
    }

    /** Starts {@code part} on worker {@code w} for [lo, hi); call {@link #join} before reusing it. */
    void start(int w, Part part, Object operands, boolean byRows, int lo, int hi) {
        Worker worker = worker(w);
        worker.part = part;
        worker.operands = operands;
        worker.byRows = byRows;
        worker.lo = lo;
        worker.hi = hi;
        worker.caller = Thread.currentThread();
        worker.failure = null;
        worker.generation = worker.generation + 1;   // volatile: publishes the fields above
        LockSupport.unpark(worker);
    }

    /** Waits for worker {@code w}'s part and returns what it threw, or {@code null}. */
    Throwable join(int w) {
        Worker worker = workers[w];
        int target = worker.generation;
        for (int spin = 0; worker.finished != target; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable failure = worker.failure;
        worker.operands = null;
        worker.part = null;
        return failure;
    }

    private synchronized Worker worker(int w) {
        if (workers[w] == null) {
            workers[w] = new Worker(w + 1);
            workers[w].start();
        }
        return workers[w];
    }

    private static final class Worker extends Thread {
        volatile int generation;
        volatile int finished;
        Part part;
        Object operands;
        boolean byRows;
        int lo;
        int hi;
        Thread caller;
        Throwable failure;

        Worker(int index) {
            super("neurona-gemm-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                // Stay awake a little (IDLE_SPINS, yielding the core now and then to whatever else
                // wants it, such as OpenBLAS's threads) before parking: waking a parked thread
                // costs several µs, as much as a single-sample forward pass's whole split part.
                for (int spin = 0; spin < IDLE_SPINS && generation == seen; spin++) {
                    if ((spin & 63) == 63) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                while (generation == seen) {
                    LockSupport.park(this);
                }
                seen = generation;
                try {
                    part.run(operands, byRows, lo, hi);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                Thread waiting = caller;
                finished = seen;
                LockSupport.unpark(waiting);
            }
        }
    }
}
