package dev.neurona.optim;

import static dev.neurona.optim.GoldenOptimizerTest.setGrad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clipping by value, per-parameter norm and global norm, seen through one plain SGD step with lr 1 (θ ← θ − g). */
class ClippingTest {

    private static float[] displacement(Optimizer sgd, Parameter p, float[] before) {
        float[] d = new float[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = before[i] - p.data()[i];
        }
        return d;
    }

    private static Parameter param(String name, float... grad) {
        Parameter p = new Parameter(name, Tensor.zeros(grad.length));
        setGrad(p, grad);
        return p;
    }

    @Test
    void clipValueClampsEachElement() {
        Parameter p = param("p", 3f, -0.2f, -5f, 0.5f);
        new SGD(1.0).clipValue(1.0).step(List.of(p));
        assertThat(p.data()).containsExactly(-1f, 0.2f, 1f, -0.5f);
        assertThat(p.grad().data()).as("the parameter's own gradient is untouched").containsExactly(3f, -0.2f, -5f, 0.5f);
    }

    @Test
    void clipNormRescalesEachParameterOnItsOwn() {
        Parameter a = param("a", 3f, 4f);        // norm 5 → scaled to norm 1
        Parameter b = param("b", 0.3f, 0.4f);    // norm 0.5 → unchanged
        new SGD(1.0).clipNorm(1.0).step(List.of(a, b));
        assertThat(a.data()[0]).isCloseTo(-0.6f, within(1e-7f));
        assertThat(a.data()[1]).isCloseTo(-0.8f, within(1e-7f));
        assertThat(b.data()).containsExactly(-0.3f, -0.4f);
    }

    @Test
    void globalClipNormRescalesAllTogether() {
        Parameter a = param("a", 3f, 0f);
        Parameter b = param("b", 0f, 4f);        // global norm 5 → scale 2/5
        new SGD(1.0).globalClipNorm(2.0).step(List.of(a, b));
        assertThat(a.data()[0]).isCloseTo(-1.2f, within(1e-6f));
        assertThat(b.data()[1]).isCloseTo(-1.6f, within(1e-6f));

        Parameter c = param("c", 0.3f, 0.4f);    // global norm 0.5 < 2 → unchanged
        new SGD(1.0).globalClipNorm(2.0).step(List.of(c));
        assertThat(c.data()).containsExactly(-0.3f, -0.4f);
    }

    @Test
    void valueThenNormThenGlobalNormInThatOrder() {
        Parameter a = param("a", 10f, 0f);       // value → (1, 0); norm 1 ≤ 2 stays
        Parameter b = param("b", 10f, 10f);      // value → (1, 1); norm √2 ≤ 2 stays
        new SGD(1.0).clipValue(1.0).clipNorm(2.0).globalClipNorm(1.0).step(List.of(a, b));
        double scale = 1.0 / Math.sqrt(3);       // global norm of (1,0,1,1) is √3
        assertThat(a.data()[0]).isCloseTo((float) -scale, within(1e-6f));
        assertThat(b.data()[1]).isCloseTo((float) -scale, within(1e-6f));
    }

    @Test
    void clippingFeedsTheOptimizersUpdateNotJustSgd() {
        Parameter clipped = param("p", 100f);
        Parameter reference = param("p", 1f);
        Optimizer a = new Adam(0.1).beta1(0.5).clipValue(1.0);
        Optimizer b = new Adam(0.1).beta1(0.5);
        for (int i = 0; i < 3; i++) {
            a.step(List.of(clipped));
            b.step(List.of(reference));
        }
        assertThat(clipped.data()).containsExactly(reference.data());
    }
}
