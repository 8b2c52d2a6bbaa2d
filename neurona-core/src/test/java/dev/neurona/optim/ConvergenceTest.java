package dev.neurona.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every optimizer lowers a convex quadratic and the Rosenbrock function, with gradients from autograd. */
class ConvergenceTest {

    private static final int STEPS = 300;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd (gradient descent)", (Supplier<Optimizer>) () -> new SGD(5e-4)),
                Arguments.of("sgd momentum", (Supplier<Optimizer>) () -> new SGD(2e-4).momentum(0.9)),
                Arguments.of("sgd nesterov", (Supplier<Optimizer>) () -> new SGD(2e-4).momentum(0.9).nesterov(true)),
                Arguments.of("adagrad", (Supplier<Optimizer>) () -> new Adagrad(0.1)),
                Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RMSprop(0.01)),
                Arguments.of("rmsprop centered momentum",
                        (Supplier<Optimizer>) () -> new RMSprop(0.005).centered(true).momentum(0.5)),
                Arguments.of("adadelta", (Supplier<Optimizer>) () -> new Adadelta(1.0).epsilon(1e-4)),
                Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.02)),
                Arguments.of("adam amsgrad", (Supplier<Optimizer>) () -> new Adam(0.02).amsgrad(true)),
                Arguments.of("adamw", (Supplier<Optimizer>) () -> new AdamW(0.02)),
                Arguments.of("adamax", (Supplier<Optimizer>) () -> new Adamax(0.02)),
                Arguments.of("nadam", (Supplier<Optimizer>) () -> new Nadam(0.02)));
    }

    /** f = (x − 3)² + 10·(y + 2)², minimum 0 at (3, −2). */
    private static Tensor quadratic(Parameter p) {
        Tensor x = p.slice(0, 1);
        Tensor y = p.slice(1, 2);
        return x.sub(3).square().add(y.add(2).square().mul(10)).sum();
    }

    /** f = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1). */
    private static Tensor rosenbrock(Parameter p) {
        Tensor x = p.slice(0, 1);
        Tensor y = p.slice(1, 2);
        return x.neg().add(1).square().add(y.sub(x.square()).square().mul(100)).sum();
    }

    private static double[] minimize(Optimizer optimizer, Function<Parameter, Tensor> f, float x0, float y0) {
        Parameter p = new Parameter("p", Tensor.of(x0, y0));
        double start = f.apply(p).item();
        for (int i = 0; i < STEPS; i++) {
            p.zeroGrad();
            f.apply(p).backward();
            optimizer.step(List.of(p));
        }
        return new double[] {start, f.apply(p).item()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void lowersAConvexQuadratic(String name, Supplier<Optimizer> optimizer) {
        double[] values = minimize(optimizer.get(), ConvergenceTest::quadratic, 0f, 0f);
        assertThat(values[1]).as(name + ": f from %.4f", values[0]).isLessThan(0.5 * values[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void lowersRosenbrock(String name, Supplier<Optimizer> optimizer) {
        double[] values = minimize(optimizer.get(), ConvergenceTest::rosenbrock, -1.5f, 2f);
        assertThat(values[1]).as(name + ": f from %.4f", values[0]).isFinite().isLessThan(0.5 * values[0]);
    }
}
