package dev.neurona.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per steady-state training step and per single-sample predict, counted by
 * the JVM for every thread (HotSpot's {@code com.sun.management.ThreadMXBean}), with nothing
 * else in the process allocating: JMH's {@code -prof gc} divides its own per-iteration
 * allocations (about 6 KB) by the op count, which reads as a few bytes per op for slow steps.
 *
 * <pre>java [--add-modules jdk.incubator.vector] [-Dneurona.backend=java|native] \
 *      -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.StepAllocation [warm-up steps] [measured steps]</pre>
 */
public final class StepAllocation {

    private StepAllocation() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20000;   // 5,000 still left JIT work in the window
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String network : new String[] {"8/32", "256,128/128"}) {
            StepFixture f = new StepFixture(network);
            float sink = 0;
            for (int i = 0; i < warmup; i++) {
                sink += f.step.run(f.x, f.y, null);
                sink += f.model.predict(f.one).data()[0];
            }
            long[] workers = workerIds();
            long before = allocated(threads, workers);
            for (int i = 0; i < steps; i++) {
                sink += f.step.run(f.x, f.y, null);
            }
            long afterSteps = allocated(threads, workers);
            for (int i = 0; i < steps; i++) {
                sink += f.model.predict(f.one).data()[0];
            }
            long afterPredict = allocated(threads, workers);
            System.out.printf("%s (hidden/batch): %d bytes in %d training steps, %d bytes in %d predicts "
                            + "(%.1f per predict: the returned tensor), after %d warm-up steps; sink %s%n",
                    network, afterSteps - before, steps, afterPredict - afterSteps, steps,
                    (afterPredict - afterSteps) / (double) steps, warmup, Float.isNaN(sink) ? "NaN" : "ok");
        }
    }

    /**
     * Bytes allocated so far by the threads that run a step: this one and the GEMM workers
     * (OpenBLAS's threads are native). The JVM's own service threads are left out.
     */
    private static long allocated(com.sun.management.ThreadMXBean threads, long[] workers) {
        long sum = 0;
        for (long id : workers) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum + threads.getCurrentThreadAllocatedBytes();   // last: the loop above allocates nothing
    }

    /** The ids of the GEMM worker threads that exist now (listed once: listing allocates). */
    private static long[] workerIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("neurona-")).mapToLong(Thread::getId).toArray();
    }
}
