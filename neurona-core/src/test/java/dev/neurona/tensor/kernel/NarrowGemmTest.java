package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Products with few output columns, which JavaGemm computes transposed. */
class NarrowGemmTest {

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    @Test
    void narrowProductsMatchTheReferenceForEveryTransposeAlphaBetaAndLayout() {
        Random r = new Random(5);
        int[][] shapes = {{32, 8, 784}, {784, 8, 32}, {1000, 10, 64}, {40, 1, 300}, {300, 15, 7}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int lda = (ta ? m : k) + 3;
                    int ldb = (tb ? k : n) + 2;
                    int ldc = n + 5;
                    float[] a = random(r, 2 + (ta ? k : m) * lda);
                    float[] b = random(r, 1 + (tb ? n : k) * ldb);
                    float[] c = random(r, 4 + m * ldc);
                    float[] expected = c.clone();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) {
                                double av = ta ? a[2 + p * lda + i] : a[2 + i * lda + p];
                                double bv = tb ? b[1 + j * ldb + p] : b[1 + p * ldb + j];
                                sum += av * bv;
                            }
                            expected[4 + i * ldc + j] = (float) (0.5 * sum + 2.0 * c[4 + i * ldc + j]);
                        }
                    }
                    new JavaGemm().gemm(ta, tb, m, n, k, 0.5f, a, 2, lda, b, 1, ldb, 2f, c, 4, ldc);
                    for (int i = 0; i < c.length; i++) {
                        assertThat(c[i]).as("%s ta=%s tb=%s element %d", java.util.Arrays.toString(s), ta, tb, i)
                                .isCloseTo(expected[i], within(1e-4f + 1e-5f * k));
                    }
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        float[] a = new float[64 * 20];
        float[] b = new float[20 * 3];
        java.util.Arrays.fill(a, 1f);
        java.util.Arrays.fill(b, 1f);
        float[] c = new float[64 * 3];
        java.util.Arrays.fill(c, Float.NaN);
        new JavaGemm().gemm(64, 3, 20, a, b, c);
        assertThat(c).containsOnly(20f);
    }
}
