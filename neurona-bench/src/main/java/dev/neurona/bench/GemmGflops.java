package dev.neurona.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link GemmBenchmark} through the JMH Runner API and prints a table
 * {@code shape | backend | ms/op | GFLOPS}, with GFLOPS = 2·m·n·k / time, for the mean and for
 * the fastest measurement iteration, then the ratios between backends per shape.
 *
 * <pre>java -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.GemmGflops [shape ...]</pre>
 *
 * Without arguments every shape of {@link GemmBenchmark} is run. System properties:
 * {@code gflops.backend} (comma-separated, default {@code java,native,openblas}; see
 * {@link GemmCall}), {@code gflops.warmup}, {@code gflops.iterations} (counts, each 1 s),
 * {@code gflops.forks}, {@code gflops.threads} (default 0, each backend's own choice);
 * {@code neurona.backend} is passed to the fork (it steers {@code auto}).
 */
public final class GemmGflops {

    private GemmGflops() {
    }

    public static void main(String[] args) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(GemmBenchmark.class.getName() + ".gemm$")
                .warmupIterations(Integer.getInteger("gflops.warmup", 2))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(Integer.getInteger("gflops.iterations", 3))
                .measurementTime(TimeValue.seconds(1))
                .forks(Integer.getInteger("gflops.forks", 1));
        builder.param("threads", String.valueOf(Integer.getInteger("gflops.threads", 0)));
        builder.param("backend", System.getProperty("gflops.backend", String.join(",", GemmCall.BACKENDS)).split(","));
        if (args.length > 0) {
            builder.param("shape", args);
        }
        String backend = System.getProperty("neurona.backend");
        if (backend != null) {
            builder.jvmArgsAppend("-Dneurona.backend=" + backend, "--add-modules=jdk.incubator.vector");
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();

        List<String> lines = new ArrayList<>();
        lines.add("| shape | m×n×k | backend | threads | ms/op | ± (99.9%) | GFLOPS | best ms/op | best GFLOPS |");
        lines.add("|---|---|---|---:|---:|---:|---:|---:|---:|");
        // shape -> backend -> {mean GFLOPS, best GFLOPS}
        Map<String, Map<String, double[]>> byShape = new LinkedHashMap<>();
        for (RunResult r : results) {
            String shape = r.getParams().getParam("shape");
            String kernel = r.getParams().getParam("backend");
            int[] d = GemmBenchmark.dims(shape);
            double ms = r.getPrimaryResult().getScore();
            double err = r.getPrimaryResult().getScoreError();
            double flops = 2.0 * d[0] * d[1] * d[2];
            double gflops = flops / (ms * 1e-3) / 1e9;
            // The fastest measurement iteration: on a shared machine, closer to the kernel's own speed.
            double best = r.getBenchmarkResults().stream()
                    .flatMap(br -> br.getIterationResults().stream())
                    .mapToDouble(ir -> ir.getPrimaryResult().getScore())
                    .min().orElse(ms);
            double bestGflops = flops / (best * 1e-3) / 1e9;
            byShape.computeIfAbsent(shape, s -> new LinkedHashMap<>()).put(kernel, new double[] {gflops, bestGflops});
            String dims = d[0] + "×" + d[1] + "×" + d[2] + (d[3] == 1 ? " (Aᵀ)" : "") + (d[4] == 1 ? " (Bᵀ)" : "");
            String threads = r.getParams().getParam("threads");
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4f | %.4f | %.1f | %.4f | %.1f |", shape, dims,
                    kernel, "0".equals(threads) ? "auto" : threads, ms, Double.isNaN(err) ? 0 : err, gflops,
                    best, bestGflops));
        }
        System.out.println();
        lines.forEach(System.out::println);
        printRatios(byShape);
    }

    /** native/openblas (the wrapper's cost) and java/native, from means and from best iterations. */
    private static void printRatios(Map<String, Map<String, double[]>> byShape) {
        System.out.println();
        System.out.println("| shape | native / openblas (mean) | native / openblas (best) | java / native (mean) | java / native (best) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, Map<String, double[]>> e : byShape.entrySet()) {
            Map<String, double[]> g = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", e.getKey(),
                    ratio(g, "native", "openblas", 0), ratio(g, "native", "openblas", 1),
                    ratio(g, "java", "native", 0), ratio(g, "java", "native", 1));
        }
    }

    private static String ratio(Map<String, double[]> g, String top, String bottom, int which) {
        if (!g.containsKey(top) || !g.containsKey(bottom)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f %%", 100 * g.get(top)[which] / g.get(bottom)[which]);
    }
}
