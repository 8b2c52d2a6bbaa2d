package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector path that reads A unpacked gives the bits of the packed path. */
class UnpackedAGemmTest {

    @Test
    void unpackedAPanelsMatchPackedPanelsBitForBit() {
        assumeThat(JavaGemm.VECTOR_PRESENT).as("jdk.incubator.vector in the boot layer").isTrue();
        int nr = VectorMicroKernel.NR;
        Random r = new Random(11);
        float[] alphas = {1f, 0.37f, -1.5f};
        float[] betas = {0f, 1f, 0.75f};
        for (int trial = 0; trial < 120; trial++) {
            int m = 1 + r.nextInt(3 * VectorMicroKernel.MR + 20);
            int n = 1 + r.nextInt(2 * nr);
            int k = 1 + r.nextInt(trial % 10 == 0 ? 3 * JavaGemm.KC : 70);
            boolean ta = r.nextBoolean();
            boolean tb = r.nextBoolean();
            float alpha = alphas[trial % alphas.length];
            float beta = betas[(trial / 3) % betas.length];
            int lda = (ta ? m : k) + r.nextInt(5);
            int ldb = (tb ? k : n) + r.nextInt(5);
            int ldc = n + r.nextInt(5);
            int aOff = r.nextInt(7);
            int bOff = r.nextInt(7);
            int cOff = r.nextInt(7);
            float[] a = random(r, aOff + (ta ? k : m) * lda);
            float[] b = random(r, bOff + (tb ? n : k) * ldb);
            float[] c = random(r, cOff + m * ldc + 3);
            float[] packed = c.clone();
            float[] unpacked = c.clone();
            run(false, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, packed, cOff, ldc);
            run(true, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, unpacked, cOff, ldc);
            String shape = String.format("m=%d n=%d k=%d ta=%s tb=%s alpha=%s beta=%s", m, n, k, ta, tb, alpha, beta);
            for (int i = 0; i < c.length; i++) {
                assertThat(Float.floatToRawIntBits(unpacked[i])).as("%s element %d", shape, i)
                        .isEqualTo(Float.floatToRawIntBits(packed[i]));
            }
            // the product really changed C (a test of a no-op would pass too)
            assertThat(packed).isNotEqualTo(c);
        }
    }

    @Test
    void javaGemmTakesTheUnpackedPathAndAgreesWithThePackedOne() {
        assumeThat(JavaGemm.VECTOR_PRESENT).as("jdk.incubator.vector in the boot layer").isTrue();
        Random r = new Random(3);
        int m = 301;
        int n = 40;
        int k = 290;
        for (boolean ta : new boolean[] {false, true}) {
            float[] a = random(r, m * k);
            float[] b = random(r, k * n);
            float[] viaGemm = new float[m * n];
            float[] packed = new float[m * n];
            new JavaGemm(1, true).gemm(ta, false, m, n, k, 1f, a, 0, ta ? m : k, b, 0, n, 0f, viaGemm, 0, n);
            run(false, ta, false, m, n, k, 1f, a, 0, ta ? m : k, b, 0, n, 0f, packed, 0, n);
            assertThat(viaGemm).as("ta=%s", ta).containsExactly(packed);
        }
    }

    /** The vector blocked loop over C, each panel through the packed or the unpacked-A kernel. */
    private static void run(boolean unpackedA, boolean ta, boolean tb, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        GemmArgs g = new GemmArgs().set(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        g.vector = true;
        GemmScratch s = new GemmScratch();
        DirectGemm.scaleC(beta, c, cOff, ldc, 0, m, 0, n);
        float[] packedB = s.packedBv();
        for (int pc = 0; pc < k; pc += JavaGemm.KC) {
            int kc = Math.min(JavaGemm.KC, k - pc);
            GemmPacking.packBv(g, pc, kc, 0, n, packedB);
            if (unpackedA) {
                BlockedGemm.panelUnpackedA(g, 0, m, 0, n, pc, kc, packedB, s);
            } else {
                BlockedGemm.panelV(g, 0, m, 0, n, pc, kc, packedB, s);
            }
        }
    }

    private static float[] random(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }
}
