package dev.neurona.testkit;

import static dev.neurona.testkit.OpTable.op;
import static dev.neurona.testkit.OpTable.op2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

class OpTableTest {

    @Test
    void aCorrectOpPasses() {
        GradCheck.Result r = op2("mul [3,1]*[4]", Tensor::mul).shapes(new int[] {3, 1}, new int[] {4})
                .expectShape(3, 4).check();
        assertThat(r.passed()).isTrue();
    }

    @Test
    void aWrongGradientFailsNamingTheCase() {
        assertThatThrownBy(() -> op("square with a stopped factor", x -> x.mul(x.detach())).check())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("square with a stopped factor: gradient check failed: worst error");
    }

    @Test
    void aWrongReferenceOrShapeOrNonFiniteOutputFails() {
        assertThatThrownBy(() -> op("exp", Tensor::exp).reference(Math::sin).check())
                .hasMessageContaining("exp forward");
        assertThatThrownBy(() -> op("sum", x -> x.sum(0)).expectShape(3).check())
                .hasMessageContaining("output shape [4], expected [3]");
        assertThatThrownBy(() -> op("log", Tensor::log).range(-2, -1).check())
                .hasMessageContaining("log: output element 0 [0, 0] is NaN");
    }

    @Test
    void rangesAndAvoidedIntervalsShapeTheInputs() {
        // log is only finite on positive inputs; abs's kink is avoided
        op("log", Tensor::log).range(0.5, 1).check();
        op("abs", Tensor::abs).range(-1, 1).avoid(-0.5, 0.5).check();
        assertThatThrownBy(() -> op("x", x -> x).range(0, 1).avoid(-1, 2).check())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("excludes every value");
    }

    @Test
    void testsAreNamedAfterTheirCases() {
        assertThat(OpTable.tests(op("exp", Tensor::exp).shapes(new int[] {2, 2})).map(DynamicTest::getDisplayName))
                .containsExactly("exp [2, 2]");
    }
}
