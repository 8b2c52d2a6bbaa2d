package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.testkit.GradCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cross-entropy from probabilities on a softmax's or a sigmoid's output runs as one fused
 * primitive from the logits: the same loss as the probability form (clip included), a
 * finite-difference-checked gradient straight to the logits, and the planner sees no softmax
 * backward.
 */
class ActivatedCrossEntropyTest {

    private static final float EPS = 1e-7f;
    private final Random random = new Random(11);

    /** The general probability form on a copy that is no activation's output (so it takes the unfused path). */
    private static Tensor unfusedCategorical(Tensor logits, Tensor y) {
        Tensor p = logits.softmax(-1);
        Tensor plain = p.mul(1f);   // same values, no longer a softmax output
        return CrossEntropy.categorical(plain, y, EPS);
    }

    private static Tensor oneHot(Random r, int rows, int k) {
        float[] v = new float[rows * k];
        for (int i = 0; i < rows; i++) {
            v[i * k + r.nextInt(k)] = 1f;
        }
        return Tensor.of(v, rows, k);
    }

    @Test
    void softmaxFormMatchesTheProbabilityFormInValueAndGradient() {
        for (float scale : new float[] {0.5f, 3f, 30f}) {   // 30: many probabilities fall below the clip
            Tensor z = Tensor.randn(random, 7, 5).mul(scale).detach().requiresGrad(true);
            Tensor y = oneHot(random, 7, 5);
            Tensor fused = CrossEntropy.categorical(z.softmax(-1), y, EPS);
            assertThat(fused.op()).isEqualTo("softmaxCategoricalCrossEntropy");
            fused.sum().backward();
            float[] fusedGrad = z.grad().toArray();
            z.zeroGrad();
            Tensor plain = unfusedCategorical(z, y);
            assertThat(plain.op()).isEqualTo("categoricalCrossEntropy");
            plain.sum().backward();
            float[] plainGrad = z.grad().toArray();
            float[] a = fused.toArray();
            float[] b = plain.toArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("loss row " + i + " at scale " + scale).isCloseTo(b[i],
                        org.assertj.core.data.Offset.offset(2e-6f * Math.max(1f, Math.abs(b[i]))));
            }
            for (int i = 0; i < fusedGrad.length; i++) {
                assertThat(fusedGrad[i]).as("gradient " + i + " at scale " + scale).isCloseTo(plainGrad[i],
                        org.assertj.core.data.Offset.offset(2e-6f));
            }
        }
    }

    @Test
    void sigmoidFormIsTheProbabilityFormInDoubleAndAgreesWithTheFloatOneWhereThatIsAccurate() {
        float lo = EPS;
        float hi = 1f - EPS;
        for (float scale : new float[] {0.5f, 4f, 40f}) {   // 40: most probabilities round to 0 or 1 in float, and clip
            Tensor z = Tensor.randn(random, 6, 3).mul(scale).detach().requiresGrad(true);
            Tensor y = Tensor.rand(random, 6, 3);
            Tensor fused = CrossEntropy.binary(z.sigmoid(), y, EPS);
            assertThat(fused.op()).isEqualTo("sigmoidBinaryCrossEntropy");
            fused.sum().backward();
            float[] fusedGrad = z.grad().toArray();
            z.zeroGrad();
            Tensor plain = CrossEntropy.binary(z.sigmoid().mul(1f), y, EPS);
            assertThat(plain.op()).isEqualTo("binaryCrossEntropy");
            plain.sum().backward();
            float[] plainGrad = z.grad().toArray();
            float[] zs = z.toArray();
            float[] ys = y.toArray();
            float[] a = fused.toArray();
            float[] b = plain.toArray();
            for (int i = 0; i < a.length; i++) {
                // Keras's form with p = σ(z) in double: the float form rounds p, which near 0 and 1 loses log(1 − p)
                double p = 1 / (1 + Math.exp(-(double) zs[i]));
                double pc = Math.min(Math.max(p, lo), hi);
                double exact = -(ys[i] * Math.log(pc) + (1 - ys[i]) * Math.log(1 - pc));
                double exactGrad = p >= lo && p <= hi ? p - ys[i] : 0;
                assertThat((double) a[i]).as("loss " + i + " at scale " + scale).isCloseTo(exact,
                        org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(exact))));
                assertThat((double) fusedGrad[i]).as("gradient " + i + " at scale " + scale).isCloseTo(exactGrad,
                        org.assertj.core.data.Offset.offset(1e-6));
                if (scale < 1f) {
                    assertThat(a[i]).as("float form, loss " + i).isCloseTo(b[i], org.assertj.core.data.Offset.offset(2e-5f));
                    assertThat(fusedGrad[i]).as("float form, gradient " + i).isCloseTo(plainGrad[i],
                            org.assertj.core.data.Offset.offset(2e-5f));
                }
            }
        }
    }

    @Test
    void gradientsPassAFiniteDifferenceCheck() {
        Tensor y = oneHot(random, 4, 3);
        GradCheck.assertGradients(in -> CrossEntropy.categorical(in[0].softmax(-1), y, EPS).sum(),
                Tensor.randn(random, 4, 3).requiresGrad(true));
        Tensor t = Tensor.rand(random, 4, 3);
        GradCheck.assertGradients(in -> CrossEntropy.binary(in[0].sigmoid(), t, EPS).sum(),
                Tensor.randn(random, 4, 3).requiresGrad(true));
    }

    @Test
    void saturatedLogitsStayFiniteWithTheClipsGradientOfZero() {
        Tensor z = Tensor.of(new float[] {3e38f, -3e38f}, 1, 2).requiresGrad(true);
        Tensor loss = CrossEntropy.categorical(z.softmax(-1), Tensor.of(new float[] {0, 1}, 1, 2), EPS);
        assertThat(loss.item()).isCloseTo((float) -Math.log(EPS), org.assertj.core.data.Offset.offset(1e-4f));
        loss.backward();
        // the true class is clipped (no gradient); the other one's probability is 1 − ε…1, inside: q·Σ_inside y = 0
        assertThat(z.grad().toArray()).containsExactly(0f, 0f);
    }

    @Test
    void aCompiledSoftmaxStepHasNoSoftmaxBackward() {
        Parameter w = new Parameter("w", Tensor.randn(random, 6, 4));
        Compiled step = new Compiled("softmax step", in -> {
            w.zeroGrad();
            Tensor loss = CrossEntropy.categorical(in[0].matmul(w).softmax(-1), in[1], EPS).mean();
            loss.backward();
            return new Tensor[] {loss};
        });
        step.run(Tensor.randn(random, 5, 6), oneHot(random, 5, 4));
        List<String> ops = Arrays.asList(step.plannedOps());
        assertThat(ops).contains("softmax", "softmaxCategoricalCrossEntropy", "softmaxCategoricalCrossEntropy_grad")
                .doesNotContain("softmax_backward", "categoricalCrossEntropy_grad");
    }
}
