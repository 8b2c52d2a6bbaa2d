package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CPU kernels whose arithmetic is their own (not a loop the ops also define). */
class CpuKernelsTest {

    private final CpuKernels k = new CpuKernels(new JavaGemm());

    @Test
    void sumOfSquaresIsWithinAFewUlpsOfTheExactSumAtEveryLengthAroundItsBlocks() {
        Random r = new Random(4);
        for (int n : new int[] {0, 1, 7, 8, 9, 255, 256, 257, 263, 1000, 4096, 235_146}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (r.nextGaussian() * (i % 3 == 0 ? 1e3 : 1e-2));
            }
            java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
            for (float x : v) {
                exact = exact.add(new java.math.BigDecimal(x).multiply(new java.math.BigDecimal(x)));
            }
            float[] out = {Float.NaN};
            k.sumOfSquares(Buffer.wrap(v), Buffer.wrap(out));
            double want = exact.doubleValue();
            assertThat((double) out[0]).as("n = " + n).isCloseTo(want,
                    org.assertj.core.data.Offset.offset(Math.max(1e-30, 4 * Math.ulp((float) want))));
        }
    }

    @Test
    void aWrappedBufferIsTheArrayItselfAndNullIsRefused() {
        float[] a = {1f, 2f};
        org.assertj.core.api.Assertions.assertThat(Buffer.wrap(a).array()).isSameAs(a);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Buffer.wrap(null))
                .hasMessageContaining("values must not be null");
    }

    @Test
    void sumOfSquaresBackwardAddIsTheBackwardAddedInPlace() {
        float[] x = {1.5f, -2f, 0.1f, 3e-3f};
        float[] g = {0.37f};
        float[] dx = new float[4];
        k.sumOfSquaresBackward(Buffer.wrap(g), Buffer.wrap(x), Buffer.wrap(dx));
        float[] dst = {10f, -1f, 0.5f, 1e-7f};
        float[] expected = dst.clone();
        for (int i = 0; i < 4; i++) {
            expected[i] += dx[i];
        }
        k.sumOfSquaresBackwardAdd(Buffer.wrap(g), Buffer.wrap(x), Buffer.wrap(dst));
        assertThat(dst).containsExactly(expected);
    }
}
