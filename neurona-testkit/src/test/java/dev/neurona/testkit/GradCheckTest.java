package dev.neurona.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradCheckTest {

    private static final Tensor A = Tensor.of(new float[] {0.5f, -1f, 2f, 1.5f, -0.3f, 0.8f}, 2, 3);

    @Test
    void passesForACorrectGradient() {
        GradCheck.Result r = GradCheck.assertGradients(in -> in[0].mul(in[1]).tanh().sum(), A, A.mul(0.5f));
        assertThat(r.passed()).isTrue();
        assertThat(r.worstError()).isLessThan(1e-3);
        assertThat(r.analytic(0)).hasSize(6);
    }

    @Test
    void findsAWrongGradientAndReportsWhere() {
        // x · stop(x): autograd sees only one factor, so it reports x where the truth is 2x
        GradCheck.Result r = GradCheck.check(in -> in[0].mul(in[0].detach()).sum(), A);
        assertThat(r.passed()).isFalse();
        assertThat(r.worstError()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(r.input()).isZero();
        assertThat(r.index()).hasSize(2);
        assertThat(r.numericAtWorst()).isCloseTo(2 * r.analyticAtWorst(), org.assertj.core.api.Assertions.within(1e-2));
        assertThatThrownBy(r::assertPassed).isInstanceOf(AssertionError.class)
                .hasMessageContaining("input 0 [2, 3]").hasMessageContaining("element " + r.flatIndex() + " [");
    }

    @Test
    void worstElementIsLocatedByInputAndMultiIndex() {
        Tensor b = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2);
        // element [1, 0] of input 1 is scaled through a detached path, so its gradient is off by half
        GradCheck.Result r = GradCheck.check(in -> {
            Tensor mask = Tensor.of(new float[] {0, 0, 1, 0}, 2, 2);
            return in[0].sum().add(in[1].mul(in[1].detach().mul(mask)).sum()).add(in[1].sum());
        }, A, b);
        assertThat(r.input()).isEqualTo(1);
        assertThat(r.flatIndex()).isEqualTo(2);
        assertThat(r.index()).containsExactly(1, 0);
    }

    @Test
    void leavesTheCallersTensorsUntouched() {
        Tensor x = A.copy();
        GradCheck.check(in -> in[0].square().sum(), x);
        assertThat(x.toArray()).containsExactly(A.toArray());
        assertThat(x.isRequiresGrad()).isFalse();
        assertThat(x.grad()).isNull();
    }

    @Test
    void anIgnoredInputHasZeroGradient() {
        GradCheck.Result r = GradCheck.assertGradients(in -> in[0].sum(), A, Tensor.of(1f, 2f));
        assertThat(r.analytic(1)).containsExactly(0, 0);
        assertThat(r.numeric(1)).containsExactly(0, 0);
    }

    @Test
    void rejectsNonScalarFunctions() {
        assertThatThrownBy(() -> GradCheck.check(in -> in[0].exp(), A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
    }

    @Test
    void errorUsesTheFloorForSmallGradients() {
        assertThat(GradCheck.error(1.0, 1.01, 1e-2)).isCloseTo(0.01 / 1.01, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(GradCheck.error(0, 1e-5, 1e-2)).isCloseTo(1e-3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(GradCheck.error(Double.NaN, 0, 1e-2)).isInfinite();
    }
}
