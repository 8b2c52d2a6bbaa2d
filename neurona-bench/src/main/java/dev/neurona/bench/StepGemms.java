package dev.neurona.bench;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;
import java.util.Arrays;
import java.util.Random;

/**
 * The matrix products of one 784-1024-1024-10 training step (batch 256), alone and in the
 * order a step runs them (three forward, then per layer the weight gradient and, above the
 * first, the input gradient), timed each over 300 steps after 100 warm-up steps: the ceiling
 * the GEMM kernel puts on that network's training speed.
 *
 * <pre>java [--add-modules jdk.incubator.vector] [-Dneurona.backend=java|native] \
 *      -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.StepGemms</pre>
 */
public final class StepGemms {

    private StepGemms() {
    }

    public static void main(String[] args) {
        Gemm g = Backend.gemm();
        int batch = 256;
        int[] d = {784, 1024, 1024, 10};
        Random r = new Random(1);
        float[][] w = new float[3][];
        float[][] act = new float[4][];
        float[][] grad = new float[3][];
        float[][] dw = new float[3][];
        act[0] = random(r, batch * d[0], 1f);
        for (int l = 0; l < 3; l++) {
            w[l] = random(r, d[l] * d[l + 1], 0.05f);
            act[l + 1] = new float[batch * d[l + 1]];
            grad[l] = random(r, batch * d[l + 1], 1f);
            dw[l] = new float[d[l] * d[l + 1]];
        }
        String[] names = new String[8];
        double[] flops = new double[8];
        long[] nanos = new long[8];
        int steps = 0;
        for (int rep = 0; rep < 400; rep++) {
            if (rep == 100) {
                Arrays.fill(nanos, 0);
                steps = 0;
            }
            int q = 0;
            long t = System.nanoTime();
            for (int l = 0; l < 3; l++) {
                g.gemm(false, false, batch, d[l + 1], d[l], 1f, act[l], 0, d[l], w[l], 0, d[l + 1], 0f, act[l + 1], 0, d[l + 1]);
                names[q] = String.format("forward %d: %d×%d×%d", l + 1, batch, d[l + 1], d[l]);
                flops[q] = 2.0 * batch * d[l + 1] * d[l];
                t = lap(nanos, q++, t);
            }
            for (int l = 2; l >= 0; l--) {
                g.gemm(true, false, d[l], d[l + 1], batch, 1f, act[l], 0, d[l], grad[l], 0, d[l + 1], 0f, dw[l], 0, d[l + 1]);
                names[q] = String.format("dW %d: %d×%d×%d (Aᵀ)", l + 1, d[l], d[l + 1], batch);
                flops[q] = 2.0 * batch * d[l + 1] * d[l];
                t = lap(nanos, q++, t);
                if (l > 0) {
                    g.gemm(false, true, batch, d[l], d[l + 1], 1f, grad[l], 0, d[l + 1], w[l], 0, d[l + 1], 0f, grad[l - 1], 0, d[l]);
                    names[q] = String.format("dX %d: %d×%d×%d (Bᵀ)", l + 1, batch, d[l], d[l + 1]);
                    flops[q] = 2.0 * batch * d[l + 1] * d[l];
                    t = lap(nanos, q++, t);
                }
            }
            steps++;
        }
        long total = 0;
        double totalFlops = 0;
        System.out.printf("kernel %s, %d steps%n", g.name(), steps);
        for (int i = 0; i < 8; i++) {
            total += nanos[i];
            totalFlops += flops[i];
            System.out.printf("  %-28s %7.3f ms %7.1f GFLOPS%n", names[i], nanos[i] / 1e6 / steps, flops[i] * steps / nanos[i]);
        }
        System.out.printf("  all eight: %.2f ms per step, %.1f GFLOPS, at most %.0f training samples/s%n",
                total / 1e6 / steps, totalFlops * steps / total, batch * steps / (total / 1e9));
    }

    private static long lap(long[] nanos, int i, long since) {
        long now = System.nanoTime();
        nanos[i] += now - since;
        return now;
    }

    private static float[] random(Random r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (r.nextFloat() - 0.5f) * scale;
        }
        return a;
    }
}
