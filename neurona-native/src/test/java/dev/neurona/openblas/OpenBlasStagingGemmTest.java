package dev.neurona.openblas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.kernel.Gemm;
import dev.neurona.testkit.GemmContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@link Gemm} contract on OpenBLAS's staging route (operands copied into direct buffers),
 * the one taken when netlib's zero-copy binding cannot load, and its agreement, bit for bit,
 * with the zero-copy route.
 */
class OpenBlasStagingGemmTest extends GemmContract {

    private static OpenBlasGemm zeroCopy() {
        OpenBlasGemmProvider provider = new OpenBlasGemmProvider();
        Gemm gemm = provider.create().orElseThrow(() -> new AssertionError(provider.unavailableReason()));
        return (OpenBlasGemm) gemm;
    }

    @Override
    protected Gemm gemm() {
        zeroCopy(); // loads the library
        return new OpenBlasGemm(null);
    }

    @Test
    void theUsualRouteIsZeroCopyOnThisPlatform() {
        assertThat(zeroCopy().isZeroCopy()).as("netlib's JNI binding opened on the bytedeco OpenBLAS").isTrue();
        assertThat(((OpenBlasGemm) gemm()).isZeroCopy()).isFalse();
    }

    @Test
    void bothRoutesGiveTheSameBits() {
        // Same library, same kernel, same thread count: identical results, for every transpose,
        // with offsets and padded leading dimensions, and for a window that ends at its array's
        // last element (the zero-copy route hands that one to staging, see the class comment).
        Gemm copyFree = zeroCopy();
        Gemm staged = gemm();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] s : new int[][] {{3, 3, 3}, {7, 13, 5}, {128, 256, 784}, {256, 64, 1024}}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int pad : new int[] {0, 3}) {
                        int m = s[0];
                        int n = s[1];
                        int k = s[2];
                        Stored a = ta ? random(rnd, k, m, pad, 1) : random(rnd, m, k, pad, 1);
                        Stored b = tb ? random(rnd, n, k, pad, 2) : random(rnd, k, n, pad, 2);
                        Stored c = random(rnd, m, n, pad, 0);
                        float[] viaCopies = c.data().clone();
                        float[] viaPins = c.data().clone();
                        staged.gemm(ta, tb, m, n, k, 0.75f, a.data(), a.offset(), a.ld(), b.data(), b.offset(), b.ld(),
                                0.5f, viaCopies, c.offset(), c.ld());
                        copyFree.gemm(ta, tb, m, n, k, 0.75f, a.data(), a.offset(), a.ld(), b.data(), b.offset(), b.ld(),
                                0.5f, viaPins, c.offset(), c.ld());
                        assertThat(viaPins).as("%dx%dx%d transA=%s transB=%s pad=%d", m, n, k, ta, tb, pad)
                                .isEqualTo(viaCopies);
                    }
                }
            }
        }
    }

    @Test
    void aWindowWhoseLastRowIsShortOfItsStrideStillWorks() {
        // A is 2×3 with lda 5 in an array of exactly (2-1)·5+3 = 8 floats: netlib would reject it,
        // so the zero-copy route stages it; the result must be the plain product.
        float[] a = {1, 2, 3, -9, -9, 4, 5, 6};
        float[] b = {1, 0, 0, 1, 1, 1}; // 3×2
        float[] c = new float[4];
        zeroCopy().gemm(false, false, 2, 2, 3, 1f, a, 0, 5, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(4, 5, 10, 11);
    }
}
