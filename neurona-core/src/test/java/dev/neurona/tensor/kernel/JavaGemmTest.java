package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** C = alpha · op(A) · op(B) + beta · C in double precision, as a triple loop. */
    private static double[] reference(boolean ta, boolean tb, int m, int n, int k, float alpha,
                                      Stored a, Stored b, float beta, Stored c) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a.data[a.offset + p * a.ld + i] : a.data[a.offset + i * a.ld + p];
                    double bv = tb ? b.data[b.offset + j * b.ld + p] : b.data[b.offset + p * b.ld + j];
                    s += av * bv;
                }
                double old = beta == 0f ? 0 : beta * (double) c.data[c.offset + i * c.ld + j];
                out[i * n + j] = alpha * s + old;
            }
        }
        return out;
    }

    static Stream<Arguments> cases() {
        int[][] sizes = {{1, 1, 1}, {3, 4, 5}, {7, 13, 5}, {33, 17, 40}, {129, 257, 65}, {300, 300, 300}};
        float[][] alphaBeta = {{1f, 0f}, {0.5f, 2f}, {-1.5f, 1f}};
        List<Arguments> out = new ArrayList<>();
        for (int[] s : sizes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (float[] ab : alphaBeta) {
                        if (s[0] == 300 && ab[0] != 1f) {
                            continue; // the big size once per transpose combination keeps the suite fast
                        }
                        out.add(Arguments.of(s[0], s[1], s[2], ta, tb, ab[0], ab[1]));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4} alpha={5} beta={6}")
    @MethodSource("cases")
    void matchesDoublePrecisionReference(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + n * 7L + k);
        // Non-zero offsets and leading dimensions wider than the matrices.
        Stored a = ta ? random(rnd, k, m, 5, 3) : random(rnd, m, k, 5, 3);
        Stored b = tb ? random(rnd, n, k, 2, 1) : random(rnd, k, n, 2, 1);
        Stored c = random(rnd, m, n, 7, 4);
        float[] before = c.data.clone();
        double[] want = reference(ta, tb, m, n, k, alpha, a, b, beta, c);

        GEMM.gemm(ta, tb, m, n, k, alpha, a.data, a.offset, a.ld, b.data, b.offset, b.ld, beta, c.data, c.offset, c.ld);

        assertMatches(c, m, n, k, want, alpha, beta);
        assertOutsideUntouched(c, before, m, n);
    }

    @Test
    void betaZeroIgnoresNanInC() {
        for (int[] s : new int[][] {{7, 13, 5}, {129, 257, 65}, {300, 300, 300}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            SplittableRandom rnd = new SplittableRandom(42);
            Stored a = random(rnd, m, k, 0, 0);
            Stored b = random(rnd, k, n, 0, 0);
            Stored c = new Stored(new float[m * n], 0, n);
            Arrays.fill(c.data, Float.NaN);
            double[] want = reference(false, false, m, n, k, 1f, a, b, 0f, c);
            GEMM.gemm(false, false, m, n, k, 1f, a.data, 0, k, b.data, 0, n, 0f, c.data, 0, n);
            assertMatches(c, m, n, k, want, 1f, 0f);
        }
    }

    @Test
    void alphaZeroOrEmptyKOnlyScalesC() {
        float[] a = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] b = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1, 2, 3, 4};
        GEMM.gemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 3f, c, 0, 2);
        assertThat(c).containsExactly(3, 6, 9, 12);
        GEMM.gemm(false, false, 2, 2, 0, 1f, a, 0, 1, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0, 0, 0, 0);
    }

    @Test
    void convenienceFormMultipliesDenseMatrices() {
        float[] a = {1, 2, 3, 4, 5, 6};       // 2×3
        float[] b = {7, 8, 9, 10, 11, 12};    // 3×2
        float[] c = {Float.NaN, 0, 0, 0};
        GEMM.gemm(2, 2, 3, a, b, c);
        assertThat(c).containsExactly(58, 64, 139, 154);
    }

    @Test
    void deterministicAndIndependentOfThreadCount() {
        int m = 300;
        int n = 280;
        int k = 310;
        SplittableRandom rnd = new SplittableRandom(7);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Stored a = ta ? random(rnd, k, m, 0, 0) : random(rnd, m, k, 0, 0);
                Stored b = tb ? random(rnd, n, k, 0, 0) : random(rnd, k, n, 0, 0);
                Stored c = random(rnd, m, n, 0, 0);
                float[] first = c.data.clone();
                float[] second = c.data.clone();
                float[] single = c.data.clone();
                GEMM.gemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, first, 0, n);
                GEMM.gemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, second, 0, n);
                new JavaGemm(1).gemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, single, 0, n);
                assertThat(second).as("same result twice").isEqualTo(first);
                assertThat(single).as("one thread vs all threads").isEqualTo(first);
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
    void rejectsInvalidArguments() {
        float[] a = new float[20];
        float[] b = new float[20];
        float[] c = new float[20];
        assertThatThrownBy(() -> GEMM.gemm(false, false, -1, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, -2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-2");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 2, -3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=-3");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 2, 5, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: lda=3 is smaller than k=5 for untransposed A");
        assertThatThrownBy(() -> GEMM.gemm(true, false, 4, 2, 2, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: lda=3 is smaller than m=4 for transposed A");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 4, 2, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: ldb=3 is smaller than n=4 for untransposed B");
        assertThatThrownBy(() -> GEMM.gemm(false, true, 2, 2, 4, 1f, a, 0, 4, b, 0, 3, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: ldb=3 is smaller than k=4 for transposed B");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 4, 2, 1f, a, 0, 2, b, 0, 4, 0f, c, 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: ldc=3 is smaller than n=4 for C");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 4, 4, 4, 1f, a, 6, 4, b, 0, 4, 0f, c, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("array a is too short").hasMessageContaining("needs 22").hasMessageContaining("has 20");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 4, 4, 4, 1f, a, 0, 4, b, 5, 4, 0f, c, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array b is too short");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 4, 4, 4, 1f, a, 0, 4, b, 0, 4, 0f, c, 0, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array c is too short");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 2, 2, 1f, a, -1, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aOffset=-1");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, a, 8, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c must not be the same array as a");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, b, 8, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c must not be the same array as b");
        assertThatThrownBy(() -> GEMM.gemm(false, false, 2, 2, 2, 1f, null, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a is null");
        assertThatThrownBy(() -> new JavaGemm(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(c).containsOnly(0f);
    }

    private static void assertMatches(Stored c, int m, int n, int k, double[] want, float alpha, float beta) {
        double tol = 1e-5 * Math.max(1, k) * Math.max(1, Math.abs(alpha)) + 1e-5 * Math.abs(beta) * 2;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float got = c.data[c.offset + i * c.ld + j];
                double w = want[i * n + j];
                if (!(Math.abs(got - w) <= tol * Math.max(1, Math.abs(w)))) {
                    throw new AssertionError("C[" + i + "][" + j + "] = " + got + ", want " + w + " (tol " + tol + ")");
                }
            }
        }
    }

    private static void assertOutsideUntouched(Stored c, float[] before, int m, int n) {
        for (int idx = 0; idx < c.data.length; idx++) {
            int rel = idx - c.offset;
            boolean inside = rel >= 0 && rel / c.ld < m && rel % c.ld < n;
            if (!inside && Float.floatToRawIntBits(c.data[idx]) != Float.floatToRawIntBits(before[idx])) {
                throw new AssertionError("element " + idx + " outside the C window was modified");
            }
        }
    }
}
