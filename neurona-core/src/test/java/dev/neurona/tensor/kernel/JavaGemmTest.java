package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What only the pure-Java kernel promises: the same bits whatever the thread count and
 * whichever internal path (direct loop or blocked) a product takes. The {@link Gemm} contract
 * itself (values, transposes, offsets, beta == 0, argument checks) is {@code GemmContract} in
 * neurona-testkit, run against this kernel by neurona-testkit's {@code JavaGemmContractTest}
 * (core's tests cannot depend on the testkit).
 */
class JavaGemmTest {

    private static final Gemm GEMM = new JavaGemm();

    /** A stored operand: rows × cols inside a larger array, with an offset and a padded row stride. */
    private record Stored(float[] data, int offset, int ld) {
    }

    private static Stored random(SplittableRandom rnd, int rows, int cols, int offset, int pad) {
        int ld = Math.max(1, cols + pad);
        float[] data = new float[offset + rows * ld + 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return new Stored(data, offset, ld);
    }

    @Test
    void independentOfThreadCount() {
        int m = 300;
        int n = 280;
        int k = 310;
        SplittableRandom rnd = new SplittableRandom(7);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Stored a = ta ? random(rnd, k, m, 0, 0) : random(rnd, m, k, 0, 0);
                Stored b = tb ? random(rnd, n, k, 0, 0) : random(rnd, k, n, 0, 0);
                Stored c = random(rnd, m, n, 0, 0);
                float[] all = c.data.clone();
                float[] single = c.data.clone();
                GEMM.gemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, all, 0, n);
                new JavaGemm(1).gemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, single, 0, n);
                // (the same call twice giving the same bits is GemmContract's, for every backend)
                assertThat(single).as("one thread vs all threads, transA=%s transB=%s", ta, tb).isEqualTo(all);
            }
        }
    }

    @Test
    void directAndBlockedPathsAgreeBitForBit() {
        // 40·50·60 takes the blocked path; each element alone (1·1·60) takes the direct loop.
        int m = 40;
        int n = 50;
        int k = 60;
        SplittableRandom rnd = new SplittableRandom(3);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Stored a = ta ? random(rnd, k, m, 0, 0) : random(rnd, m, k, 0, 0);
                Stored b = tb ? random(rnd, n, k, 0, 0) : random(rnd, k, n, 0, 0);
                Stored c = random(rnd, m, n, 0, 0);
                float[] whole = c.data.clone();
                GEMM.gemm(ta, tb, m, n, k, 1.25f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, whole, 0, n);
                float[] single = c.data.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        GEMM.gemm(ta, tb, 1, 1, k, 1.25f, a.data, ta ? i : i * a.ld, a.ld,
                                b.data, tb ? j * b.ld : j, b.ld, 0.5f, single, i * n + j, n);
                    }
                }
                assertThat(single).as("transA=%s transB=%s", ta, tb).isEqualTo(whole);
            }
        }
    }

    @Test
    void rejectsNonPositiveThreadCount() {
        assertThatThrownBy(() -> new JavaGemm(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxThreads=0");
    }
}
