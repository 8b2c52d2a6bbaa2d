package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Errors name the op and the offending shapes or values; extreme inputs stay finite. */
class BadInputTest {

    @Test
    void matmulShapeMismatchMessage() {
        assertThatThrownBy(() -> Tensor.zeros(32, 784).matmul(Tensor.zeros(10, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: [32, 784] x [10, 8]: inner dimensions differ (784 vs 10)");
    }

    @Test
    void matmulRankAndBatchMismatches() {
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matmul: [3] x [3, 2]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch sizes differ (2 vs 3)");
    }

    @Test
    void wrongValueCountNamesBothCounts() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5").hasMessageContaining("6").hasMessageContaining("[2, 3]");
    }

    @Test
    void zeroAndNegativeDimensionsAreRejected() {
        assertThatThrownBy(() -> Tensor.zeros(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 0").hasMessageContaining("[0, 3]");
        assertThatThrownBy(() -> Tensor.ones(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Tensor.of(new float[0], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.full(1f, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.ones(6).reshape(0, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reshape");
        assertThatThrownBy(() -> Tensor.ones(6).broadcastTo(0, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backwardOnANonScalarSaysSo() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2f);
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scalar").hasMessageContaining("[2, 3]");
    }

    @Test
    void broadcastingMismatchNamesOpAndBothShapes() {
        Tensor a = Tensor.zeros(3, 4);
        Tensor b = Tensor.zeros(3);
        assertThatThrownBy(() -> a.add(b)).hasMessageContaining("add").hasMessageContaining("[3, 4]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> a.sub(b)).hasMessageStartingWith("sub: ").hasMessageContaining("[3, 4] and [3]");
        assertThatThrownBy(() -> a.mul(b)).hasMessageStartingWith("mul: ").hasMessageContaining("[3, 4] and [3]");
        assertThatThrownBy(() -> a.div(b)).hasMessageStartingWith("div: ").hasMessageContaining("[3, 4] and [3]");
        assertThatThrownBy(() -> a.maximum(b)).hasMessageStartingWith("maximum: ").hasMessageContaining("[3, 4] and [3]");
        assertThatThrownBy(() -> a.gt(b)).hasMessageContaining("[3, 4] and [3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).broadcastTo(4, 3)).hasMessageContaining("broadcastTo")
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 4).prelu(Tensor.zeros(3))).hasMessageContaining("prelu");
    }

    @Test
    void shapeOpsRejectBadArguments() {
        Tensor x = Tensor.zeros(3, 4);
        assertThatThrownBy(() -> x.reshape(5, -1)).hasMessageContaining("[3, 4]").hasMessageContaining("[5, -1]");
        assertThatThrownBy(() -> x.reshape(2, 2)).hasMessageContaining("12");
        assertThatThrownBy(() -> x.take(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row 3");
        assertThatThrownBy(() -> x.slice(2, 5)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("[2, 5)");
        assertThatThrownBy(() -> x.sum(2)).hasMessageContaining("axis 2");
        assertThatThrownBy(() -> x.softmax(-3)).hasMessageContaining("softmax").hasMessageContaining("axis -3");
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).transpose()).hasMessageContaining("transpose");
        assertThatThrownBy(() -> Tensor.concat(0, x, Tensor.zeros(2, 3))).hasMessageContaining("concat")
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(x::item).isInstanceOf(IllegalStateException.class).hasMessageContaining("12 elements");
        assertThatThrownBy(() -> x.get(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> x.clamp(1f, 0f)).hasMessageContaining("clamp");
    }

    /** Activations (and exp-based reductions) at ±1e4 and nearby stay finite in values and gradients. */
    @TestFactory
    Stream<DynamicTest> activationsStayFiniteAtExtremeInputs() {
        return Stream.of(
                named("sigmoid", Tensor::sigmoid),
                named("tanh", Tensor::tanh),
                named("relu", Tensor::relu),
                named("leakyRelu", x -> x.leakyRelu(0.01f)),
                named("prelu", x -> x.prelu(Tensor.scalar(0.25f))),
                named("elu", x -> x.elu(1f)),
                named("selu", Tensor::selu),
                named("gelu exact", x -> x.gelu(false)),
                named("gelu tanh", x -> x.gelu(true)),
                named("softplus", Tensor::softplus),
                named("softsign", Tensor::softsign),
                named("silu", Tensor::silu),
                named("hardSigmoid", Tensor::hardSigmoid),
                named("sign", Tensor::sign),
                named("softmax axis -1", x -> x.softmax(-1)),
                named("softmax axis 0", x -> x.softmax(0)),
                named("logSoftmax axis -1", x -> x.logSoftmax(-1)),
                named("logSoftmax axis 0", x -> x.logSoftmax(0)))
                .map(n -> DynamicTest.dynamicTest(n.name, () -> assertFinite(n.name, n.f)));
    }

    private record Named(String name, UnaryOperator<Tensor> f) {
    }

    private static Named named(String name, UnaryOperator<Tensor> f) {
        return new Named(name, f);
    }

    private static void assertFinite(String name, UnaryOperator<Tensor> f) {
        Tensor x = Tensor.of(new float[][] {
                {-1e4f, 1e4f, 0f, -1e4f, 1e4f},
                {-1e4f, -1e4f, -1e4f, -1e4f, -1e4f},
                {1e4f, 1e4f, 1e4f, 1e4f, 1e4f},
                {-1e3f, -88f, 89f, 1e3f, -30f}}).requiresGrad(true);
        Tensor y = f.apply(x);
        assertAllFinite(y, name + " values");
        y.backward(Tensor.full(0.5f, 4, 5).sub(Tensor.of(new float[] {1, 0, 0, 2, -1}, 1, 5)));
        Tensor g = x.grad() != null ? x.grad() : Tensor.zeros(4, 5);
        assertAllFinite(g, name + " gradients");
    }

    private static void assertAllFinite(Tensor t, String what) {
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new AssertionError(what + ": element " + i + " is " + v[i] + " in " + t);
            }
        }
    }

    @Test
    void softmaxAndLogSoftmaxAtExtremesHaveTheRightValues() {
        Tensor x = Tensor.of(new float[][] {{-1e4f, 0f, 1e4f}});
        assertThat(x.softmax(-1).toArray()).containsExactly(0f, 0f, 1f);
        assertThat(x.logSoftmax(-1).toArray()).containsExactly(-2e4f, -1e4f, 0f);
        assertThat(Tensor.of(-1e4f, 1e4f).sigmoid().toArray()).containsExactly(0f, 1f);
        assertThat(Tensor.of(-1e4f, 1e4f).softplus().toArray()).containsExactly(0f, 1e4f);
    }
}
