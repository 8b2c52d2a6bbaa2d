package dev.neurona.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * A plain best-of-N GEMM timer for shared machines, where JMH's means mostly measure the
 * neighbours. For each shape the backends take turns, one 100 ms round each, 50 times (the
 * first 10 are JIT warm-up), so that all of them meet the same load; the fastest round's time
 * per call is reported, with the ratios native/openblas and java/native.
 *
 * <pre>java [-Dbestof.backends=java,native,openblas] -cp neurona-bench/target/benchmarks.jar \
 *      dev.neurona.bench.GemmBestOf THREADS [shape ...]</pre>
 *
 * Shapes are the {@link GemmBenchmark} names ({@code sq512}, {@code mlpForward}, …), backends
 * the {@link GemmCall} names; THREADS applies to each (0: each backend's default, all cores).
 */
public final class GemmBestOf {

    private static final int ROUNDS = 50;
    private static final int WARMUP_ROUNDS = 10;
    private static final long ROUND_NANOS = 100_000_000L;

    private GemmBestOf() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String[] shapes = args.length > 1
                ? Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"sq256", "sq512", "sq1024", "mlpForward", "mlpGradW", "mlpGradX"};
        String[] backends = System.getProperty("bestof.backends", String.join(",", GemmCall.BACKENDS)).split(",");
        StringBuilder header = new StringBuilder("| shape | threads |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String backend : backends) {
            header.append(' ').append(backend).append(" ms/op | ").append(backend).append(" GFLOPS |");
            rule.append("---:|---:|");
        }
        boolean ratios = Arrays.asList(backends).containsAll(Arrays.asList(GemmCall.BACKENDS));
        if (ratios) {
            header.append(" native / openblas | java / native |");
            rule.append("---:|---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (String shape : shapes) {
            GemmCall[] calls = new GemmCall[backends.length];
            for (int i = 0; i < backends.length; i++) {
                calls[i] = new GemmCall(shape, backends[i], threads);
            }
            double[] best = new double[backends.length];
            Arrays.fill(best, Double.MAX_VALUE);
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < calls.length; i++) {
                    long t0 = System.nanoTime();
                    int count = 0;
                    do {
                        calls[i].run();
                        count++;
                    } while (System.nanoTime() - t0 < ROUND_NANOS);
                    if (round >= WARMUP_ROUNDS) {
                        best[i] = Math.min(best[i], (System.nanoTime() - t0) / 1e6 / count);
                    }
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", shape,
                    threads == 0 ? "auto" : String.valueOf(threads)));
            double[] gflops = new double[backends.length];
            for (int i = 0; i < backends.length; i++) {
                gflops[i] = calls[i].flops() / (best[i] * 1e-3) / 1e9;
                row.append(String.format(Locale.ROOT, " %.4f | %.1f |", best[i], gflops[i]));
            }
            if (ratios) {
                double java = gflops[Arrays.asList(backends).indexOf("java")];
                double nat = gflops[Arrays.asList(backends).indexOf("native")];
                double direct = gflops[Arrays.asList(backends).indexOf("openblas")];
                row.append(String.format(Locale.ROOT, " %.0f %% | %.0f %% |", 100 * nat / direct, 100 * java / nat));
            }
            System.out.println(row);
        }
    }
}
