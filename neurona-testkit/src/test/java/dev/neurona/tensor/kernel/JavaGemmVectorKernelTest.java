package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which micro-kernel {@link JavaGemm} picks, and that the Vector API kernel and the scalar one
 * agree. Both compute each element as the same chain of fused multiply-adds in increasing k,
 * so they must give the same bits, which is stronger than agreeing to float rounding.
 * This module's tests run with {@code --add-modules jdk.incubator.vector} (see its pom).
 */
class JavaGemmVectorKernelTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void vectorKernelIsChosenWhenTheModuleIsPresent() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector"))
                .as("these tests must run with --add-modules jdk.incubator.vector").isPresent();
        assertThat(JavaGemm.VECTOR_PRESENT).isTrue();
        assertThat(JavaGemm.VECTOR_DEFAULT).isTrue();
        assertThat(new JavaGemm().usesVectorKernel()).isTrue();
        assertThat(new JavaGemm(1).usesVectorKernel()).isTrue();
        assertThat(((JavaGemm) new JavaGemmProvider().create().orElseThrow()).usesVectorKernel()).isTrue();
        assertThat(new JavaGemm(1, false).usesVectorKernel()).isFalse();
    }

    /** {m, n, k}: the MLP products of a 784-256-128 network, and a wide hidden layer. */
    private static final int[][] MLP_SHAPES = {{128, 256, 784}, {784, 256, 128}, {128, 784, 256}, {256, 1024, 1024},
        // a few rows (single-sample forward passes: the vector kernel streams B once per row)
        {1, 256, 784}, {1, 128, 256}, {1, 10, 128}, {3, 70, 33}, {7, 1024, 1024}};

    @Test
    void vectorAndScalarKernelsAgreeOnMlpShapes() {
        Gemm[] vector = {new JavaGemm(1, true), new JavaGemm(CORES, true)};
        Gemm[] scalar = {new JavaGemm(1, false), new JavaGemm(CORES, false)};
        for (int[] s : MLP_SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            SplittableRandom rnd = new SplittableRandom(m * 31L + n * 7L + k);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    // offsets and padded leading dimensions, and a C with old content (beta != 0)
                    int lda = (ta ? m : k) + 3;
                    int ldb = (tb ? k : n) + 1;
                    int ldc = n + 5;
                    float[] a = random(rnd, 2 + (ta ? k : m) * lda);
                    float[] b = random(rnd, 1 + (tb ? n : k) * ldb);
                    float[] c = random(rnd, 4 + m * ldc);
                    float[] want = c.clone();
                    scalar[0].gemm(ta, tb, m, n, k, 0.75f, a, 2, lda, b, 1, ldb, 0.5f, want, 4, ldc);
                    for (int v = 0; v < vector.length; v++) {
                        float[] got = c.clone();
                        vector[v].gemm(ta, tb, m, n, k, 0.75f, a, 2, lda, b, 1, ldb, 0.5f, got, 4, ldc);
                        assertThat(got).as("vector (%s threads) vs scalar, %dx%dx%d transA=%s transB=%s",
                                v == 0 ? 1 : CORES, m, n, k, ta, tb).isEqualTo(want);
                        float[] other = c.clone();
                        scalar[v].gemm(ta, tb, m, n, k, 0.75f, a, 2, lda, b, 1, ldb, 0.5f, other, 4, ldc);
                        assertThat(other).as("scalar, %s threads", v == 0 ? 1 : CORES).isEqualTo(want);
                    }
                }
            }
        }
    }

    @Test
    void edgeTilesAgreeWithTheScalarKernel() {
        // sizes around the vector tile (6 rows × 2 vectors) and the blocking (MC, NC, KC)
        Gemm vector = new JavaGemm(CORES, true);
        Gemm scalar = new JavaGemm(1, false);
        int[][] shapes = {{5, 31, 7}, {7, 33, 9}, {13, 47, 257}, {145, 513, 300}, {600, 17, 64}, {61, 700, 35}};
        SplittableRandom rnd = new SplittableRandom(5);
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    float[] a = random(rnd, m * k);
                    float[] b = random(rnd, k * n);
                    float[] c = random(rnd, m * n);
                    float[] want = c.clone();
                    scalar.gemm(ta, tb, m, n, k, -1.25f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, want, 0, n);
                    vector.gemm(ta, tb, m, n, k, -1.25f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n);
                    assertThat(c).as("%dx%dx%d transA=%s transB=%s", m, n, k, ta, tb).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void withoutTheModuleTheScalarKernelRunsAndTheVectorClassIsNeverLoaded() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = List.of(java, "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                NoModule.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).as("the child JVM's output").contains("vector=false")
                .contains("result=" + NoModule.product(new JavaGemm(CORES, false)))
                .doesNotContain("VectorMicroKernel").doesNotContain("jdk.incubator.vector");
    }

    /** Run in a JVM without {@code --add-modules jdk.incubator.vector}. */
    static final class NoModule {
        public static void main(String[] args) {
            JavaGemm gemm = new JavaGemm();
            System.out.println("vector=" + gemm.usesVectorKernel());
            System.out.println("result=" + product(gemm));
        }

        /** A hash of a product large enough for the blocked, split path. */
        static int product(Gemm gemm) {
            SplittableRandom rnd = new SplittableRandom(9);
            int m = 200;
            int n = 300;
            int k = 250;
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, k * n);
            float[] c = new float[m * n];
            gemm.gemm(m, n, k, a, b, c);
            return Arrays.hashCode(c);
        }
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
