package dev.neurona.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.kernel.Gemm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Gemm} contract as a reusable JUnit 5 suite: every backend's test extends this
 * class and says how to make its kernel, so the pure-Java and the native kernels are held to
 * exactly the same checks.
 *
 * <p>It checks {@code C = alpha·op(A)·op(B) + beta·C} against a double-precision triple loop for
 * every transpose combination, several alpha/beta pairs and sizes from 1×1×1 to 300³, with
 * non-zero offsets and padded leading dimensions; that nothing outside C's window changes; that
 * {@code beta == 0} ignores NaN in C and {@code alpha == 0} or {@code k == 0} does not read A or B;
 * that the same call twice gives the same bits, also from several threads at once; and that bad
 * arguments are rejected with the same messages, before any array is touched.
 *
 * <pre>
 * class OpenBlasGemmTest extends GemmContract {
 *     protected Gemm gemm() { return new OpenBlasGemmProvider().create().orElseThrow(); }
 * }
 * </pre>
 */
public abstract class GemmContract {

    /** The kernel under test; called once per test method. */
    protected abstract Gemm gemm();

    /** A stored operand: rows × cols inside a larger array, with an offset and a padded row stride. */
    protected record Stored(float[] data, int offset, int ld) {
    }

    /** Uniform values in [-1, 1) around a rows × cols window at {@code offset}, rows {@code pad} apart. */
    protected static Stored random(SplittableRandom rnd, int rows, int cols, int offset, int pad) {
        int ld = Math.max(1, cols + pad);
        float[] data = new float[offset + rows * ld + 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return new Stored(data, offset, ld);
    }

    /** C = alpha · op(A) · op(B) + beta · C in double precision, as a triple loop. */
    protected static double[] reference(boolean ta, boolean tb, int m, int n, int k, float alpha,
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
        // 1×n×k: a single-sample forward pass, which kernels may route to a matrix-vector product
        int[][] sizes = {{1, 1, 1}, {2, 3, 1}, {3, 4, 5}, {7, 13, 5}, {33, 17, 40}, {129, 257, 65}, {300, 300, 300},
            {1, 33, 7}, {1, 256, 784}, {1, 10, 128}};
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
        float[] aBefore = a.data.clone();
        float[] bBefore = b.data.clone();
        double[] want = reference(ta, tb, m, n, k, alpha, a, b, beta, c);

        gemm().gemm(ta, tb, m, n, k, alpha, a.data, a.offset, a.ld, b.data, b.offset, b.ld, beta, c.data, c.offset, c.ld);

        assertMatches(c, m, n, k, want, alpha, beta);
        assertOutsideUntouched(c, before, m, n);
        assertThat(a.data).as("a is only read").isEqualTo(aBefore);
        assertThat(b.data).as("b is only read").isEqualTo(bBefore);
    }

    @Test
    void denseOperandsWithoutPadding() {
        // ld equal to the row length: the contiguous case that kernels may copy in one piece.
        SplittableRandom rnd = new SplittableRandom(11);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int m = 37;
                int n = 45;
                int k = 29;
                Stored a = ta ? random(rnd, k, m, 0, 0) : random(rnd, m, k, 0, 0);
                Stored b = tb ? random(rnd, n, k, 0, 0) : random(rnd, k, n, 0, 0);
                Stored c = random(rnd, m, n, 0, 0);
                double[] want = reference(ta, tb, m, n, k, 1f, a, b, 0.5f, c);
                gemm().gemm(ta, tb, m, n, k, 1f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, c.data, 0, n);
                assertMatches(c, m, n, k, want, 1f, 0.5f);
            }
        }
    }

    @Test
    void betaZeroIgnoresNanInC() {
        Gemm gemm = gemm();
        for (int[] s : new int[][] {{1, 1, 1}, {7, 13, 5}, {129, 257, 65}, {300, 300, 300}, {1, 256, 784}, {1, 10, 128}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            SplittableRandom rnd = new SplittableRandom(42);
            Stored a = random(rnd, m, k, 0, 0);
            Stored b = random(rnd, k, n, 0, 0);
            // First a call with beta != 0 on a NaN-filled C, so that any buffer a kernel keeps
            // between calls holds NaN; then the beta == 0 call must not see it.
            float[] nan = new float[m * n];
            Arrays.fill(nan, Float.NaN);
            gemm.gemm(false, false, m, n, k, 1f, a.data, 0, k, b.data, 0, n, 1f, nan, 0, n);
            Stored c = new Stored(new float[m * n], 0, n);
            Arrays.fill(c.data, Float.NaN);
            double[] want = reference(false, false, m, n, k, 1f, a, b, 0f, c);
            gemm.gemm(false, false, m, n, k, 1f, a.data, 0, k, b.data, 0, n, 0f, c.data, 0, n);
            assertMatches(c, m, n, k, want, 1f, 0f);
        }
    }

    @Test
    void alphaZeroOrEmptyKOnlyScalesC() {
        Gemm gemm = gemm();
        for (int size : new int[] {2, 64}) {
            float[] a = new float[size * size];
            float[] b = new float[size * size];
            Arrays.fill(a, Float.NaN);
            Arrays.fill(b, Float.NaN);
            float[] c = new float[size * size];
            for (int i = 0; i < c.length; i++) {
                c[i] = i + 1;
            }
            gemm.gemm(false, false, size, size, size, 0f, a, 0, size, b, 0, size, 3f, c, 0, size);
            for (int i = 0; i < c.length; i++) {
                assertThat(c[i]).as("alpha=0: C[%d] = 3·C", i).isEqualTo(3f * (i + 1));
            }
            gemm.gemm(false, false, size, size, 0, 1f, a, 0, 1, b, 0, size, 0f, c, 0, size);
            assertThat(c).as("k=0, beta=0 clears C").containsOnly(0f);
        }
        float[] c = {Float.NaN};
        gemm.gemm(false, false, 0, 0, 5, 1f, new float[0], 0, 5, new float[0], 0, 1, 0f, c, 0, 1);
        assertThat(c[0]).as("m=n=0 touches nothing").isNaN();
    }

    @Test
    void convenienceFormMultipliesDenseMatrices() {
        float[] a = {1, 2, 3, 4, 5, 6};       // 2×3
        float[] b = {7, 8, 9, 10, 11, 12};    // 3×2
        float[] c = {Float.NaN, 0, 0, 0};
        gemm().gemm(2, 2, 3, a, b, c);
        assertThat(c).containsExactly(58, 64, 139, 154);
    }

    @Test
    void sameCallTwiceGivesTheSameBits() {
        Gemm gemm = gemm();
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
                gemm.gemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, first, 0, n);
                gemm.gemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, second, 0, n);
                assertThat(second).as("transA=%s transB=%s", ta, tb).isEqualTo(first);
            }
        }
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        // Kernels may keep per-thread buffers; several threads with different shapes, writing
        // disjoint windows of one shared C, must each get what a lone call gives.
        Gemm gemm = gemm();
        int[][] shapes = {{64, 48, 80}, {17, 200, 33}, {150, 9, 120}, {96, 96, 96}};
        int rows = Arrays.stream(shapes).mapToInt(s -> s[0]).sum();
        int ld = 200;
        float[] shared = new float[rows * ld];
        float[] expected = new float[rows * ld];
        List<Runnable> jobs = new ArrayList<>();
        int row = 0;
        for (int t = 0; t < shapes.length; t++) {
            int m = shapes[t][0];
            int n = shapes[t][1];
            int k = shapes[t][2];
            SplittableRandom rnd = new SplittableRandom(100 + t);
            Stored a = random(rnd, m, k, 1, 2);
            Stored b = random(rnd, k, n, 3, 1);
            int cOffset = row * ld;
            gemm.gemm(false, false, m, n, k, 1f, a.data, a.offset, a.ld, b.data, b.offset, b.ld, 0f, expected, cOffset, ld);
            jobs.add(() -> {
                for (int repeat = 0; repeat < 20; repeat++) {
                    gemm.gemm(false, false, m, n, k, 1f, a.data, a.offset, a.ld, b.data, b.offset, b.ld, 0f,
                            shared, cOffset, ld);
                }
            });
            row += m;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            jobs.forEach(job -> done.add(pool.submit(job)));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(shared).isEqualTo(expected);
    }

    @Test
    void rejectsInvalidArguments() {
        Gemm gemm = gemm();
        float[] a = new float[20];
        float[] b = new float[20];
        float[] c = new float[20];
        assertThatThrownBy(() -> gemm.gemm(false, false, -1, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, -2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-2");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 2, -3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=-3");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 2, 5, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: lda=3 is smaller than k=5 for untransposed A");
        assertThatThrownBy(() -> gemm.gemm(true, false, 4, 2, 2, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: lda=3 is smaller than m=4 for transposed A");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 4, 2, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: ldb=3 is smaller than n=4 for untransposed B");
        assertThatThrownBy(() -> gemm.gemm(false, true, 2, 2, 4, 1f, a, 0, 4, b, 0, 3, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: ldb=3 is smaller than k=4 for transposed B");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 4, 2, 1f, a, 0, 2, b, 0, 4, 0f, c, 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: ldc=3 is smaller than n=4 for C");
        assertThatThrownBy(() -> gemm.gemm(false, false, 4, 4, 4, 1f, a, 6, 4, b, 0, 4, 0f, c, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("array a is too short").hasMessageContaining("needs 22").hasMessageContaining("has 20");
        assertThatThrownBy(() -> gemm.gemm(false, false, 4, 4, 4, 1f, a, 0, 4, b, 5, 4, 0f, c, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array b is too short");
        assertThatThrownBy(() -> gemm.gemm(false, false, 4, 4, 4, 1f, a, 0, 4, b, 0, 4, 0f, c, 0, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array c is too short");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 2, 2, 1f, a, -1, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aOffset=-1");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, a, 8, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c must not be the same array as a");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, b, 8, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c must not be the same array as b");
        assertThatThrownBy(() -> gemm.gemm(false, false, 2, 2, 2, 1f, null, 0, 2, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a is null");
        assertThat(c).containsOnly(0f);
    }

    /** Each element within {@code 1e-5·k} (relative, scaled by |alpha| and |beta|) of the reference. */
    protected static void assertMatches(Stored c, int m, int n, int k, double[] want, float alpha, float beta) {
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

    /** Every element of {@code c.data} outside the m × n window keeps its bits. */
    protected static void assertOutsideUntouched(Stored c, float[] before, int m, int n) {
        for (int idx = 0; idx < c.data.length; idx++) {
            int rel = idx - c.offset;
            boolean inside = rel >= 0 && rel / c.ld < m && rel % c.ld < n;
            if (!inside && Float.floatToRawIntBits(c.data[idx]) != Float.floatToRawIntBits(before[idx])) {
                throw new AssertionError("element " + idx + " outside the C window was modified");
            }
        }
    }
}
