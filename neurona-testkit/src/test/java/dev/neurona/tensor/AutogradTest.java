package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The behaviour of the autograd engine: accumulation, scopes, graph lifetime, long chains. */
class AutogradTest {

    @Test
    void gradientsOfSeveralUsesWithinOneGraphAdd() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        // d/dx (x·x + 3x + x) = 2x + 4
        x.mul(x).add(x.mul(3f)).add(x).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(6f, 8f, 10f);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor x = Tensor.of(1f, -2f).requiresGrad(true);
        x.square().sum().backward();
        assertThat(x.grad().toArray()).containsExactly(2f, -4f);
        x.square().sum().backward();
        assertThat(x.grad().toArray()).containsExactly(4f, -8f);
        Tensor buffer = x.grad();
        x.zeroGrad();
        assertThat(x.grad().toArray()).containsExactly(0f, 0f);
        assertThat(x.grad()).as("zeroGrad keeps the buffer").isSameAs(buffer);
        x.mul(5f).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(5f, 5f);
    }

    @Test
    void zeroGradBeforeAnyBackwardCreatesTheBufferThatBackwardFills() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        assertThat(x.grad()).isNull();
        x.zeroGrad();
        Tensor buffer = x.grad();
        assertThat(buffer.toArray()).containsExactly(0f, 0f);
        x.mul(3f).sum().backward();
        assertThat(x.grad()).isSameAs(buffer);
        assertThat(buffer.toArray()).containsExactly(3f, 3f);
    }

    @Test
    void detachStopsGradients() {
        Tensor x = Tensor.of(2f, 3f).requiresGrad(true);
        Tensor d = x.detach();
        assertThat(d.isRequiresGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
        // only the attached factor contributes: d/dx (stop(x) · x) = x
        d.mul(x).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(2f, 3f);
        Tensor y = x.exp().detach();
        assertThat(y.isRequiresGrad()).isFalse();
        assertThat(y.op()).isNull();
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        assertThat(NoGrad.isGradEnabled()).isTrue();
        try (NoGrad outer = NoGrad.enter()) {
            Tensor y = x.mul(2f).exp();
            assertThat(y.isRequiresGrad()).isFalse();
            assertThat(y.isLeaf()).isTrue();
            assertThat(y.op()).isNull();
            try (NoGrad inner = NoGrad.enter()) {
                assertThat(NoGrad.isGradEnabled()).isFalse();
            }
            assertThat(NoGrad.isGradEnabled()).as("closing the inner scope keeps the outer one").isFalse();
            assertThat(x.add(1f).isRequiresGrad()).isFalse();
        }
        assertThat(NoGrad.isGradEnabled()).isTrue();
        Tensor z = x.mul(2f);
        assertThat(z.isRequiresGrad()).isTrue();
        assertThat(z.op()).isEqualTo("mul");
    }

    @Test
    void closingANoGradScopeTwiceChangesNothing() {
        NoGrad outer = NoGrad.enter();
        NoGrad inner = NoGrad.enter();
        inner.close();
        inner.close();
        assertThat(NoGrad.isGradEnabled()).isFalse();
        outer.close();
        assertThat(NoGrad.isGradEnabled()).isTrue();
    }

    @Test
    void opsOnTensorsWithoutGradRecordNothing() {
        Tensor y = Tensor.of(1f, 2f).exp().sum();
        assertThat(y.isRequiresGrad()).isFalse();
        assertThat(y.isLeaf()).isTrue();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("require grad");
    }

    @Test
    void secondBackwardThroughAReleasedGraphThrowsAClearError() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward();
        assertThatThrownBy(loss::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released");
    }

    @Test
    void reusingAnIntermediateAfterItsGraphWasReleasedThrows() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor h = x.mul(2f);
        h.sum().backward();
        Tensor again = h.mul(3f).sum();
        assertThatThrownBy(again::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released");
    }

    @Test
    void aChainOfTenThousandOpsBackpropagatesWithoutStackOverflow() {
        Tensor x = Tensor.of(0.5f, -0.5f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 10_000; i++) {
            y = i % 2 == 0 ? y.add(0.001f) : y.mul(1f);
        }
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(1f, 1f);
    }

    @Test
    void backwardWithAGradientOutputOnANonScalar() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.square();
        y.backward(Tensor.of(new float[] {1, 0, -1, 0.5f}, 2, 2));
        assertThat(x.grad().toArray()).containsExactly(2f, 0f, -6f, 4f);
    }

    @Test
    void backwardWithAGradientOfTheWrongShapeNamesBothShapes() {
        Tensor y = Tensor.ones(2, 2).requiresGrad(true).mul(2f);
        assertThatThrownBy(() -> y.backward(Tensor.ones(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 2]").hasMessageContaining("[4]");
    }

    @Test
    void backwardOnALeafAccumulatesIntoItsOwnGradient() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        x.backward(Tensor.of(3f, 4f));
        assertThat(x.grad().toArray()).containsExactly(3f, 4f);
    }

    @Test
    void requiresGradCanOnlyBeSetOnLeaves() {
        Tensor y = Tensor.ones(2).requiresGrad(true).exp();
        assertThatThrownBy(() -> y.requiresGrad(false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exp").hasMessageContaining("detach");
    }

    @Test
    void onlyInputsThatRequireGradReceiveOne() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor b = Tensor.of(3f, 4f);
        a.mul(b).sum().backward();
        assertThat(a.grad().toArray()).containsExactly(3f, 4f);
        assertThat(b.grad()).isNull();
    }

    @Test
    void parametersRequireGradUnlessFrozen() {
        Parameter w = new Parameter("dense_1/kernel", Tensor.of(1f, 2f));
        Parameter frozen = new Parameter("dense_1/bias", Tensor.of(1f, 1f)).trainable(false);
        w.mul(frozen).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(1f, 1f);
        assertThat(frozen.grad()).isNull();
        assertThat(w.name()).isEqualTo("dense_1/kernel");
    }

    @Test
    void meanDividesTheGradientByTheCount() {
        Tensor x = Tensor.ones(4, 5).requiresGrad(true);
        x.mean().backward();
        assertThat(x.grad().toArray()).usingComparatorWithPrecision(1e-7f).containsOnly(0.05f);
    }

    @Test
    void diamondGraphSumsBothPaths() {
        Tensor x = Tensor.of(0.3f).requiresGrad(true);
        Tensor h = x.tanh();
        // y = h·h + h.exp(); dy/dx = (2h + e^h)(1 − h²)
        h.mul(h).add(h.exp()).sum().backward();
        double t = Math.tanh(0.3);
        assertThat((double) x.grad().item()).isCloseTo((2 * t + Math.exp(t)) * (1 - t * t), within(1e-6));
    }

    @Test
    void kinkConventions() {
        Tensor x = Tensor.of(0f, 0f).requiresGrad(true);
        Tensor y = Tensor.of(0f, 1f).requiresGrad(true);
        // maximum/minimum split a tie evenly; abs and relu have gradient 0 at 0; clamp passes at its bounds
        x.maximum(y).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0.5f, 0f);
        assertThat(y.grad().toArray()).containsExactly(0.5f, 1f);
        Tensor z = Tensor.of(0f, -1f, 1f).requiresGrad(true);
        z.abs().add(z.relu()).add(z.clamp(-1f, 1f)).sum().backward();
        assertThat(z.grad().toArray()).containsExactly(1f, 0f, 3f);
    }
}
