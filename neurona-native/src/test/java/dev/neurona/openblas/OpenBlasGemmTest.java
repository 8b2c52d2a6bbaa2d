package dev.neurona.openblas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.tensor.kernel.JavaGemm;
import dev.neurona.testkit.GemmContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The {@link Gemm} contract on OpenBLAS, plus agreement with the pure-Java kernel. */
class OpenBlasGemmTest extends GemmContract {

    @Override
    protected Gemm gemm() {
        OpenBlasGemmProvider provider = new OpenBlasGemmProvider();
        return provider.create().orElseThrow(() -> new AssertionError(provider.unavailableReason()));
    }

    @Test
    void agreesWithThePureJavaKernel() {
        // Both backends on the same operands, across the size threshold and the transposes: a
        // different summation order only, so the results agree to float rounding.
        Gemm openblas = gemm();
        Gemm java = new JavaGemm();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int[] s : new int[][] {{1, 1, 2}, {3, 3, 3}, {8, 8, 8}, {128, 256, 784}, {784, 256, 128}, {128, 784, 256}}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    Stored a = ta ? random(rnd, k, m, 3, 2) : random(rnd, m, k, 3, 2);
                    Stored b = tb ? random(rnd, n, k, 1, 0) : random(rnd, k, n, 1, 0);
                    Stored c = random(rnd, m, n, 2, 1);
                    float[] viaJava = c.data().clone();
                    float[] viaBlas = c.data().clone();
                    java.gemm(ta, tb, m, n, k, 0.5f, a.data(), a.offset(), a.ld(), b.data(), b.offset(), b.ld(),
                            -1f, viaJava, c.offset(), c.ld());
                    openblas.gemm(ta, tb, m, n, k, 0.5f, a.data(), a.offset(), a.ld(), b.data(), b.offset(), b.ld(),
                            -1f, viaBlas, c.offset(), c.ld());
                    for (int i = 0; i < viaJava.length; i++) {
                        assertThat(viaBlas[i]).as("%dx%dx%d transA=%s transB=%s element %d", m, n, k, ta, tb, i)
                                .isCloseTo(viaJava[i], org.assertj.core.data.Offset.offset(2e-6f * k + 1e-6f));
                    }
                }
            }
        }
    }

    @Test
    void tinyProductsTakeThePureJavaPathBitForBit() {
        // Below JAVA_BELOW the product is JavaGemm's, so the bits are the same.
        float[] a = {1.1f, -2.3f, 0.7f};
        float[] b = {0.3f, 4.1f, -1.9f};
        assertThat(1L * 1 * 3).isLessThan(OpenBlasGemm.JAVA_BELOW);
        float[] viaBlas = new float[1];
        float[] viaJava = new float[1];
        gemm().gemm(false, false, 1, 1, 3, 1f, a, 0, 3, b, 0, 1, 0f, viaBlas, 0, 1);
        new JavaGemm().gemm(false, false, 1, 1, 3, 1f, a, 0, 3, b, 0, 1, 0f, viaJava, 0, 1);
        assertThat(viaBlas).isEqualTo(viaJava);
    }

    @Test
    void nameIsOpenblas() {
        assertThat(gemm().name()).isEqualTo("openblas");
    }
}
