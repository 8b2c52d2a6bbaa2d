package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.testkit.Golden;
import dev.neurona.testkit.GoldenNode;
import dev.neurona.testkit.Tolerance;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code activations.json}: values {@code y} and the vector-Jacobian product
 * {@code dx = d(sum(y·g))/dx} (and prelu's {@code dalpha}) at the README's float32
 * tolerance. Our kink conventions equal the README's (relu'(0) = 0, leaky'(0) = alpha,
 * selu'(0) = scale·alpha, sign' = 0, prelu'(0) = alpha), so no {@code kink_indices} entry is
 * masked.
 */
class ActivationGoldenTest {

    /** Loaded per test, so that a missing folder fails each test with the paths tried. */
    private static Golden golden() {
        return Golden.load("activations");
    }

    @Test
    void coversEveryActivationOfTheFile() {
        assertThat(golden().cases()).hasSize(17);
        for (GoldenNode c : golden().cases()) {
            // fails naming the id if the file gains an activation we do not map
            activation(c);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return golden().cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(GoldenNode c) {
        Tolerance tol = Tolerance.FLOAT32;
        Tensor x = c.tensor("x").requiresGrad(true);
        Tensor alpha = c.string("activation").equals("prelu")
                ? c.object("params").tensor("alpha").requiresGrad(true) : null;
        Tensor y = alpha != null ? x.prelu(alpha) : activation(c).apply(x);
        tol.assertClose(y, c.matrix("y"), c.name() + " y");
        if (y == x) {
            // identity returns its input: its gradient is g itself
            tol.assertClose(c.tensor("g"), c.matrix("dx"), c.name() + " dx");
            return;
        }
        y.backward(c.tensor("g"));
        Tensor dx = x.grad() != null ? x.grad() : Tensor.zeros(x.shape());
        tol.assertClose(dx, c.matrix("dx"), c.name() + " dx");
        if (alpha != null) {
            tol.assertClose(alpha.grad(), c.vector("dalpha"), c.name() + " dalpha");
        }
    }

    /** The Tensor method for an activation id of the golden file (prelu is handled apart). */
    private static UnaryOperator<Tensor> activation(GoldenNode c) {
        GoldenNode p = c.object("params");
        String id = c.string("activation");
        return switch (id) {
            case "identity" -> x -> x;
            case "sign" -> Tensor::sign;
            case "sigmoid" -> Tensor::sigmoid;
            case "tanh" -> Tensor::tanh;
            case "relu" -> Tensor::relu;
            case "leaky_relu" -> x -> x.leakyRelu((float) p.number("alpha"));
            case "elu" -> x -> x.elu((float) p.number("alpha"));
            case "selu" -> {
                assertThat(p.number("alpha")).isEqualTo(dev.neurona.tensor.kernel.ActivationKernel.SELU_ALPHA);
                assertThat(p.number("scale")).isEqualTo(dev.neurona.tensor.kernel.ActivationKernel.SELU_SCALE);
                yield Tensor::selu;
            }
            case "gelu" -> {
                boolean tanh = switch (p.string("approximate")) {
                    case "none" -> false;
                    case "tanh" -> true;
                    default -> throw new AssertionError(c.name() + ": unknown gelu approximation");
                };
                yield x -> x.gelu(tanh);
            }
            case "softplus" -> {
                // Tensor.softplus is PyTorch's default: beta 1, linear above 20
                assertThat(p.number("beta")).isEqualTo(1.0);
                assertThat(p.number("threshold")).isEqualTo(20.0);
                yield Tensor::softplus;
            }
            case "silu" -> Tensor::silu;
            case "hard_sigmoid" -> Tensor::hardSigmoid;
            case "softmax" -> x -> x.softmax(p.integer("axis"));
            case "log_softmax" -> x -> x.logSoftmax(p.integer("axis"));
            case "prelu" -> x -> x.prelu(c.object("params").tensor("alpha"));
            default -> throw new AssertionError(c.name() + ": no Tensor method mapped for activation '" + id + "'");
        };
    }
}
