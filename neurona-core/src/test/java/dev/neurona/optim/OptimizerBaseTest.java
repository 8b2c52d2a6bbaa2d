package dev.neurona.optim;

import static dev.neurona.optim.GoldenOptimizerTest.setGrad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the base does for every optimizer: skipping, counting, weight decay, names. */
class OptimizerBaseTest {

    @Test
    void skipsFrozenParametersAndParametersWithoutGradient() {
        Parameter frozen = new Parameter("frozen", Tensor.of(1f));
        setGrad(frozen, new float[] {1f});
        frozen.trainable(false);
        Parameter noGrad = new Parameter("nograd", Tensor.of(1f));
        Parameter live = new Parameter("live", Tensor.of(1f));
        setGrad(live, new float[] {1f});
        Optimizer adam = new Adam(0.1);
        adam.step(List.of(frozen, noGrad, live));
        assertThat(frozen.data()).containsExactly(1f);
        assertThat(noGrad.data()).containsExactly(1f);
        assertThat(live.data()[0]).isLessThan(1f);
        assertThat(adam.iterations()).isEqualTo(1);
        assertThat(adam.exportState()).containsOnlyKeys("iterations", "live/m", "live/v");
    }

    @Test
    void decoupledWeightDecayShrinksTheParameterBeforeTheUpdate() {
        Parameter p = new Parameter("p", Tensor.of(2f));
        setGrad(p, new float[] {0f});
        new SGD(0.1).momentum(0.9).weightDecay(0.5).step(List.of(p));
        assertThat(p.data()[0]).isCloseTo(2f * (1 - 0.1f * 0.5f), within(1e-6f));   // θ − lr·λ·θ, gradient 0

        Parameter q = new Parameter("q", Tensor.of(2f));
        setGrad(q, new float[] {1f});
        new AdamW(0.1).weightDecay(0.5).step(List.of(q));
        // (1 − lr·λ)·θ, then Adam's first step moves by ≈ lr·sign(g)
        assertThat(q.data()[0]).isCloseTo(1.9f - 0.1f, within(1e-5f));
    }

    @Test
    void coupledWeightDecayAddsTheL2GradientAndFeedsMomentum() {
        Parameter p = new Parameter("p", Tensor.of(2f));
        Optimizer sgd = new SGD(0.1).momentum(0.5).weightDecay(0.5).weightDecayMode(WeightDecayMode.COUPLED);
        setGrad(p, new float[] {0f});
        sgd.step(List.of(p));                      // g' = 0.5·2 = 1; v = −0.1; θ = 1.9
        assertThat(p.data()[0]).isCloseTo(1.9f, within(1e-6f));
        sgd.step(List.of(p));                      // g' = 0.95; v = −0.05 − 0.095 = −0.145; θ = 1.755
        assertThat(p.data()[0]).isCloseTo(1.755f, within(1e-6f));
        assertThat(p.grad().data()).as("the gradient itself is not modified").containsExactly(0f);
    }

    @Test
    void twoParametersWithOneNameAreAnError() {
        Parameter a = new Parameter("dense/kernel", Tensor.of(1f));
        Parameter b = new Parameter("dense/kernel", Tensor.of(1f));
        setGrad(a, new float[] {1f});
        setGrad(b, new float[] {1f});
        assertThatThrownBy(() -> new Adam().step(List.of(a, b))).hasMessageContaining("dense/kernel");
    }

    @Test
    void turningMomentumOnLaterCreatesItsSlot() {
        Parameter p = new Parameter("p", Tensor.of(1f));
        setGrad(p, new float[] {1f});
        SGD sgd = new SGD(0.1);
        sgd.step(List.of(p));
        sgd.momentum(0.9).step(List.of(p));
        assertThat(sgd.exportState()).containsKey("p/momentum");
        assertThat(p.data()[0]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void theUpdateIsCallableOnPlainArrays() {
        Adam adam = new Adam(0.1);
        float[] theta = {1f, 1f};
        Slots slots = adam.newSlots(2);
        adam.update(theta, new float[] {1f, -1f}, slots, 1, 0.1);
        assertThat(theta[0]).isCloseTo(0.9f, within(1e-5f));
        assertThat(theta[1]).isCloseTo(1.1f, within(1e-5f));
        assertThat(slots.get("m")).containsExactly(0.1f, -0.1f);
        assertThatThrownBy(() -> slots.get("nope")).hasMessageContaining("[m, v]");
    }
}
