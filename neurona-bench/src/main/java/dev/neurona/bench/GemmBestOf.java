package dev.neurona.bench;

import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.JavaGemm;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A plain best-of-N timer for the pure-Java GEMM, for shared machines where JMH's means
 * mostly measure the neighbours: each shape runs 40 rounds of 100 ms after the JIT has
 * warmed up, and the fastest round's time per call is reported.
 *
 * <pre>java -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.GemmBestOf THREADS [shape ...]</pre>
 *
 * Shapes are the {@link GemmBenchmark} names ({@code sq512}, {@code mlpForward}, …).
 */
public final class GemmBestOf {

    private GemmBestOf() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        String[] shapes = args.length > 1
                ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"sq256", "sq512", "sq1024", "mlpForward", "mlpGradW", "mlpGradX"};
        Gemm gemm = new JavaGemm(threads);
        System.out.println("| shape | threads | best ms/op | GFLOPS |");
        System.out.println("|---|---:|---:|---:|");
        for (String shape : shapes) {
            int[] d = GemmBenchmark.dims(shape);
            int m = d[0];
            int n = d[1];
            int k = d[2];
            boolean ta = d[3] == 1;
            boolean tb = d[4] == 1;
            SplittableRandom rnd = new SplittableRandom(1);
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            float[] c = new float[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (rnd.nextDouble() - 0.5);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (rnd.nextDouble() - 0.5);
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 50; round++) {
                long t0 = System.nanoTime();
                int calls = 0;
                do {
                    gemm.gemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n);
                    calls++;
                } while (System.nanoTime() - t0 < 100_000_000L);
                if (round >= 10) { // the first rounds are JIT warm-up
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6 / calls);
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.1f |%n", shape, threads, best, 2.0 * m * n * k / (best * 1e-3) / 1e9);
        }
    }
}
