package dev.neurona.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link GemmBenchmark} through the JMH Runner API and prints a table
 * {@code shape | ms/op | GFLOPS}, with GFLOPS = 2·m·n·k / time, for the mean and for the
 * fastest measurement iteration.
 *
 * <pre>java -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.GemmGflops [shape ...]</pre>
 *
 * Without arguments every shape of {@link GemmBenchmark} is run; system properties
 * {@code gflops.warmup}, {@code gflops.iterations} (counts, each 1 s) and
 * {@code gflops.forks} shorten or lengthen the run, {@code gflops.threads} (default 0, the
 * backend's own choice) limits the pure-Java kernel's threads; {@code neurona.backend} is
 * passed to the fork.
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
        if (args.length > 0) {
            builder.param("shape", args);
        }
        String backend = System.getProperty("neurona.backend");
        if (backend != null) {
            builder.jvmArgsAppend("-Dneurona.backend=" + backend);
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();

        List<String> lines = new ArrayList<>();
        lines.add("| shape | m×n×k | threads | ms/op | ± (99.9%) | GFLOPS | best ms/op | best GFLOPS |");
        lines.add("|---|---|---:|---:|---:|---:|---:|---:|");
        for (RunResult r : results) {
            String shape = r.getParams().getParam("shape");
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
            String dims = d[0] + "×" + d[1] + "×" + d[2] + (d[3] == 1 ? " (Aᵀ)" : "") + (d[4] == 1 ? " (Bᵀ)" : "");
            String threads = r.getParams().getParam("threads");
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %.1f | %.4f | %.1f |", shape, dims,
                    "0".equals(threads) ? "auto" : threads, ms, Double.isNaN(err) ? 0 : err, gflops,
                    best, flops / (best * 1e-3) / 1e9));
        }
        System.out.println();
        lines.forEach(System.out::println);
    }
}
