package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Split products on the persistent workers, from several threads at once. */
class GemmWorkersTest {

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() - 0.5f;
        }
        return v;
    }

    @Test
    void concurrentLargeProductsGiveTheBitsOfASingleThread() throws Exception {
        int m = 200;
        int n = 180;
        int k = 190;   // m·n·k above the split threshold
        assertThat((long) m * n * k).isGreaterThanOrEqualTo(JavaGemm.PARALLEL_FLOPS);
        Random r = new Random(1);
        List<float[][]> problems = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            problems.add(new float[][] {random(r, m * k), random(r, k * n)});
        }
        List<float[]> expected = new ArrayList<>();
        for (float[][] p : problems) {
            float[] c = new float[m * n];
            new JavaGemm(1).gemm(m, n, k, p[0], p[1], c);
            expected.add(c);
        }
        JavaGemm gemm = new JavaGemm();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<float[]>> results = new ArrayList<>();
                for (float[][] p : problems) {
                    Callable<float[]> task = () -> {
                        float[] c = new float[m * n];
                        gemm.gemm(m, n, k, p[0], p[1], c);
                        return c;
                    };
                    results.add(pool.submit(task));
                }
                for (int i = 0; i < problems.size(); i++) {
                    assertThat(results.get(i).get()).as("round %d, product %d", round, i).containsExactly(expected.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
