package dev.neurona.bench;

import dev.neurona.tensor.kernel.Backend;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes allocated per steady-state training step and per {@code predict} call beyond its
 * result, for every benchmark network ({@link FashionConfig}, each with its own batch size; see
 * {@link StepFixture}), counted by the JVM for the threads that run them (this one and
 * Neurona's GEMM workers, HotSpot's {@code com.sun.management.ThreadMXBean}), with nothing else
 * in the process allocating: JMH's {@code -prof gc} divides its own per-iteration allocations
 * (about 6 KB) by the op count, which reads as a few bytes per op for slow steps.
 *
 * <pre>java [--add-modules jdk.incubator.vector] [-Dneurona.backend=java|native] \
 *      -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.StepAllocation \
 *      [--configs all] [--warmup 20000] [--steps 5000] [--seconds 30]</pre>
 *
 * <p>Per network: {@code --warmup} rounds of (training step, {@code predict} of one sample,
 * {@code predict} of the batch) so that the JIT has compiled the step, then {@code --steps}
 * training steps, {@code --steps} {@code model.predict(one sample)} calls and {@code --steps}
 * {@code model.predict(batch, batch size)} calls (one inference batch), each counted on its
 * own. {@code --seconds} caps the warm-up and each counted loop (at least one call each), so
 * that the large networks finish; the table gives the counts actually run. A predict's
 * "beyond result" is its bytes per call minus the heap size of the tensor it returns, as
 * {@link ResultSize} computes it from HotSpot's layout: the {@code Tensor} object, its
 * {@code float[]} data and its {@code int[]} shape (for a {@code [1, 10]} result, 32 + 56 + 24
 * = 112 bytes with compressed references). {@code --configs} takes
 * {@link FashionConfig#parseList} names (default {@code all}) and the convolutional networks
 * {@code convnet} and {@code vgg} ({@link ConvConfig}, random images).
 */
public final class StepAllocation {

    /** Where measured results go, so that the JIT cannot drop the calls or scalar-replace what they return. */
    private static volatile Object escape;

    private StepAllocation() {
    }

    /** One network's counts. */
    record Row(String id, int batch, int warmup, Count train, Count predictOne, Count predictBatch, long resultOne,
            long resultBatch) {
    }

    /** Bytes allocated over {@code calls} calls. */
    record Count(long bytes, int calls) {
        double perCall() {
            return bytes / (double) calls;
        }
    }

    public static void main(String[] args) {
        List<StepFixture> configs;
        int warmup;
        int steps;
        int seconds;
        try {
            Map<String, String> o = Args.parse(args, "--configs", "--warmup", "--steps", "--seconds");
            configs = fixtures(o.getOrDefault("--configs", "all"));
            warmup = Args.positive(o, "--warmup", 20000);   // 5,000 left JIT work in the window for 784-8-10
            steps = Args.positive(o, "--steps", 5000);
            seconds = Args.positive(o, "--seconds", 30);
        } catch (IllegalArgumentException e) {
            System.err.println("StepAllocation: " + e.getMessage());
            System.err.println("usage: StepAllocation [--configs NAME,...|all] [--warmup 20000] [--steps 5000] [--seconds 30]");
            System.err.println("  NAME: " + FashionConfig.known() + " (default all)");
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "backend %s (-D%s=%s), --warmup %d --steps %d --seconds %d%n",
                Backend.gemm().getClass().getName(), Backend.PROPERTY, System.getProperty(Backend.PROPERTY, "auto"),
                warmup, steps, seconds);
        List<Row> rows = new ArrayList<>();
        for (StepFixture fixture : configs) {
            Row row = measure(fixture, warmup, steps, seconds * 1_000_000_000L);
            System.out.println("  " + line(row));
            rows.add(row);
        }
        System.out.println();
        System.out.println(table(rows));
    }

    /** {@link FashionConfig#parseList} names, {@code all}, or the {@link ConvConfig} names {@code convnet} and {@code vgg}. */
    static List<StepFixture> fixtures(String names) {
        List<StepFixture> out = new ArrayList<>();
        for (String n : names.split(",")) {
            boolean conv = java.util.Arrays.stream(ConvConfig.values()).anyMatch(c -> c.id().equalsIgnoreCase(n.trim()));
            if (conv) {
                out.add(new StepFixture(ConvConfig.parse(n)));
            } else {
                FashionConfig.parseList(n).forEach(c -> out.add(new StepFixture(c)));
            }
        }
        return out;
    }

    static Row measure(StepFixture f, int warmup, int steps, long budgetNanos) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int batch = f.batch;
        float sink = 0;
        int w = 0;
        for (long end = System.nanoTime() + budgetNanos; w < warmup && (w == 0 || System.nanoTime() < end); w++) {
            sink += f.step.run(f.x, f.y, null);
            escape = f.model.predict(f.one);
            escape = f.model.predict(f.x, batch);
        }
        long[] workers = workerIds();

        long before = allocated(threads, workers);
        int n = 0;
        for (long end = System.nanoTime() + budgetNanos; n < steps && (n == 0 || System.nanoTime() < end); n++) {
            sink += f.step.run(f.x, f.y, null);
        }
        Count train = new Count(allocated(threads, workers) - before, n);

        before = allocated(threads, workers);
        n = 0;
        for (long end = System.nanoTime() + budgetNanos; n < steps && (n == 0 || System.nanoTime() < end); n++) {
            escape = f.model.predict(f.one);
        }
        Count one = new Count(allocated(threads, workers) - before, n);

        before = allocated(threads, workers);
        n = 0;
        for (long end = System.nanoTime() + budgetNanos; n < steps && (n == 0 || System.nanoTime() < end); n++) {
            escape = f.model.predict(f.x, batch);
        }
        Count all = new Count(allocated(threads, workers) - before, n);

        if (Float.isNaN(sink)) {
            System.out.println("  (" + f.id + ": the training loss became NaN)");
        }
        return new Row(f.id, f.batch, w, train, one, all, ResultSize.of(f.model.predict(f.one)),
                ResultSize.of(f.model.predict(f.x, batch)));
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "%s (batch %d): %,d bytes in %d training steps, %,d bytes in %d predicts of one "
                        + "sample, %,d bytes in %d predicts of the batch, after %d warm-up rounds",
                r.id(), r.batch(), r.train().bytes(), r.train().calls(), r.predictOne().bytes(),
                r.predictOne().calls(), r.predictBatch().bytes(), r.predictBatch().calls(), r.warmup());
    }

    /** The Markdown table: bytes per call, and for predicts the bytes beyond the result tensor. */
    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder();
        t.append("| network | batch | warm-up rounds | training steps | bytes / training step | predicts (1 / batch) "
                + "| predict(1 sample): bytes beyond result (bytes − result) "
                + "| predict(batch): bytes beyond result (bytes − result) |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %s | %s | %s | %s |%n", r.id(),
                    r.batch(), r.warmup(), r.train().calls(), bytes(r.train().perCall()),
                    r.predictOne().calls() + " / " + r.predictBatch().calls(),
                    beyond(r.predictOne(), r.resultOne()), beyond(r.predictBatch(), r.resultBatch())));
        }
        t.append("\nresult = the returned tensor's heap size: the Tensor object, its float[] data and int[] shape "
                + "(HotSpot layout, see ResultSize).\n");
        return t.toString();
    }

    private static String beyond(Count c, long result) {
        return bytes(c.perCall() - result) + " (" + bytes(c.perCall()) + " − " + bytes(result) + ")";
    }

    private static String bytes(double b) {
        return b == Math.rint(b) ? String.format(Locale.ROOT, "%,d", (long) b) : String.format(Locale.ROOT, "%,.1f", b);
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
