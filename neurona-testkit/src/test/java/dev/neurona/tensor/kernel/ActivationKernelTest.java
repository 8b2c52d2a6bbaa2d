package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The array loops of {@link ActivationKernel} (written so that the JIT vectorizes them) against
 * its one-element definitions {@code apply} and {@code derivative}, bit for bit, on edge values
 * (zeros of both signs, subnormals, huge values) and random ones.
 */
class ActivationKernelTest {

    private static float[] inputs() {
        float[] edge = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f,
            1f, -1f, 3f, -3f, 20f, -20f, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE};
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[edge.length + 1000];
        System.arraycopy(edge, 0, x, 0, edge.length);
        for (int i = edge.length; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 4);
        }
        return x;
    }

    @Test
    void forwardLoopsMatchApply() {
        float[] x = inputs();
        for (ActivationKernel k : ActivationKernel.values()) {
            float[] y = new float[x.length];
            k.forward(x, y, x.length, 0.2f);
            for (int i = 0; i < x.length; i++) {
                assertThat(y[i]).as("%s(%s)", k, x[i]).isEqualTo(k.apply(x[i], 0.2f));
            }
        }
    }

    @Test
    void backwardLoopsMatchDerivative() {
        float[] x = inputs();
        SplittableRandom rnd = new SplittableRandom(4);
        for (ActivationKernel k : ActivationKernel.values()) {
            float[] y = new float[x.length];
            k.forward(x, y, x.length, 0.2f);
            float[] g = new float[x.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) rnd.nextGaussian();
            }
            float[] want = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                want[i] = g[i] * k.derivative(x[i], y[i], 0.2f);
            }
            k.backwardInPlace(x, y, g, g.length, 0.2f);
            for (int i = 0; i < g.length; i++) {
                assertThat(g[i]).as("%s'(%s)", k, x[i]).isEqualTo(want[i]);
            }
        }
    }

    @Test
    void reluPassesTheGradientForTheSmallestPositiveOutput() {
        // the branch-free mask must be exactly 1 even for a subnormal output, and 0 at 0
        float[] y = {Float.MIN_VALUE, 0f, 2.5f};
        float[] g = {7f, 7f, 7f};
        ActivationKernel.RELU.backwardInPlace(y, y, g, 3, 0f);
        assertThat(g).containsExactly(7f, 0f, 7f);
    }
}
