package dev.neurona.tensor;

import static dev.neurona.testkit.OpTable.op;
import static dev.neurona.testkit.OpTable.op2;
import static dev.neurona.testkit.OpTable.opN;

import dev.neurona.testkit.OpTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A finite-difference gradient check for every differentiable op of {@link Tensor}, on
 * seeded random inputs, including broadcasting and every reduction axis. Inputs keep
 * clear of kinks by more than the finite-difference step.
 */
class OpGradientTest {

    private static final int[] S34 = {3, 4};
    private static final int[] S234 = {2, 3, 4};

    private static int[] s(int... shape) {
        return shape;
    }

    @TestFactory
    Stream<DynamicTest> arithmeticWithBroadcasting() {
        return OpTable.tests(
                op2("add", Tensor::add).shapes(S34, S34),
                op2("add [3,4]+[4]", Tensor::add).shapes(S34, s(4)),
                op2("add [3,1]+[1,4]", Tensor::add).shapes(s(3, 1), s(1, 4)),
                op2("add [2,3,4]+[3,1]", Tensor::add).shapes(S234, s(3, 1)),
                op2("sub", Tensor::sub).shapes(S34, S34),
                op2("sub [4]-[3,4]", Tensor::sub).shapes(s(4), S34),
                op2("sub [2,1,4]-[3,1]", Tensor::sub).shapes(s(2, 1, 4), s(3, 1)),
                op2("mul", Tensor::mul).shapes(S34, S34),
                op2("mul [3,1]*[1,4]", Tensor::mul).shapes(s(3, 1), s(1, 4)),
                op2("mul scalar*tensor", Tensor::mul).shapes(s(), S34),
                op2("mul tensor*scalar", Tensor::mul).shapes(S234, s()),
                op2("div", Tensor::div).shapes(S34, S34).range(1, 0.5, 2),
                op2("div [3,4]/[4]", Tensor::div).shapes(S34, s(4)).range(1, 0.5, 2),
                op2("div [3,1]/[1,4]", Tensor::div).shapes(s(3, 1), s(1, 4)).range(1, -2, -0.5),
                op2("div scalar/tensor", Tensor::div).shapes(s(), S34).range(1, 0.5, 2),
                op("add float", x -> x.add(1.5f)),
                op("sub float", x -> x.sub(1.5f)),
                op("mul float", x -> x.mul(-2.5f)),
                op("div float", x -> x.div(0.4f)),
                op("neg", Tensor::neg).reference(v -> -v),
                op("broadcastTo [4]->[3,4]", x -> x.broadcastTo(3, 4)).shapes(s(4)),
                op("broadcastTo [3,1]->[2,3,4]", x -> x.broadcastTo(2, 3, 4)).shapes(s(3, 1)),
                op("broadcastTo scalar->[3,4]", x -> x.broadcastTo(3, 4)).shapes(s()));
    }

    @TestFactory
    Stream<DynamicTest> unaryMath() {
        return OpTable.tests(
                op("exp", Tensor::exp).reference(Math::exp),
                op("log", Tensor::log).range(0.3, 4).reference(Math::log),
                op("sqrt", Tensor::sqrt).range(0.3, 4).reference(Math::sqrt),
                op("square", Tensor::square).reference(v -> v * v),
                op("pow 3", x -> x.pow(3f)).reference(v -> v * v * v),
                op("pow 2.5", x -> x.pow(2.5f)).range(0.3, 3).reference(v -> Math.pow(v, 2.5)),
                op("pow -1.5", x -> x.pow(-1.5f)).range(0.5, 3).reference(v -> Math.pow(v, -1.5)),
                op("pow 0", x -> x.pow(0f)).reference(v -> 1),
                op("abs", Tensor::abs).avoid(-0.1, 0.1).reference(Math::abs),
                op("clamp", x -> x.clamp(-0.5f, 0.8f)).avoid(-0.6, -0.4).avoid(0.7, 0.9)
                        .reference(v -> Math.min(Math.max(v, -0.5), 0.8)),
                op2("maximum", Tensor::maximum).inputs(
                        Tensor.of(new float[] {0.5f, -1f, 2f, 0.3f, -0.7f, 1.1f}, 2, 3),
                        Tensor.of(new float[] {0.2f, -0.5f, 2.4f, 0.9f, -1.2f, 0.6f}, 2, 3)),
                op2("maximum [2,3] vs [3]", Tensor::maximum).inputs(
                        Tensor.of(new float[] {0.5f, -1f, 2f, 0.3f, -0.7f, 1.1f}, 2, 3),
                        Tensor.of(0.1f, -0.85f, 1.5f)),
                op2("minimum", Tensor::minimum).inputs(
                        Tensor.of(new float[] {0.5f, -1f, 2f, 0.3f, -0.7f, 1.1f}, 2, 3),
                        Tensor.of(new float[] {0.2f, -0.5f, 2.4f, 0.9f, -1.2f, 0.6f}, 2, 3)),
                op2("minimum [2,3] vs [2,1]", Tensor::minimum).inputs(
                        Tensor.of(new float[] {0.5f, -1f, 2f, 0.3f, -0.7f, 1.1f}, 2, 3),
                        Tensor.of(new float[] {0.8f, -0.2f}, 2, 1)),
                op("maximum float", x -> x.maximum(0.25f)).avoid(0.15, 0.35),
                op("minimum float", x -> x.minimum(0.25f)).avoid(0.15, 0.35));
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        return OpTable.tests(
                op("sum", x -> x.sum()).shapes(S234).expectShape(),
                op("sum axis 0", x -> x.sum(0)).shapes(S234).expectShape(3, 4),
                op("sum axis 1 keepDims", x -> x.sum(1, true)).shapes(S234).expectShape(2, 1, 4),
                op("sum axis -1 keepDims", x -> x.sum(-1, true)).shapes(S234).expectShape(2, 3, 1),
                op("sum axis 0 keepDims", x -> x.sum(0, true)).shapes(S234).expectShape(1, 3, 4),
                op("mean", x -> x.mean()).shapes(S234).expectShape(),
                op("mean axis 0", x -> x.mean(0)).shapes(S34).expectShape(4),
                op("mean axis 1 keepDims", x -> x.mean(1, true)).shapes(S34).expectShape(3, 1),
                op("mean axis 2 keepDims", x -> x.mean(2, true)).shapes(S234).expectShape(2, 3, 1),
                // distinct values more than 2·eps apart, so the arg-extreme never changes under the step
                op("max", x -> x.max()).inputs(distinct(S234)).expectShape(),
                op("max axis 0", x -> x.max(0)).inputs(distinct(S234)).expectShape(3, 4),
                op("max axis 1 keepDims", x -> x.max(1, true)).inputs(distinct(S234)).expectShape(2, 1, 4),
                op("max axis 2 keepDims", x -> x.max(2, true)).inputs(distinct(S234)).expectShape(2, 3, 1),
                op("min", x -> x.min()).inputs(distinct(S34)).expectShape(),
                op("min axis 0 keepDims", x -> x.min(0, true)).inputs(distinct(S234)).expectShape(1, 3, 4),
                op("min axis 1", x -> x.min(1)).inputs(distinct(S234)).expectShape(2, 4),
                op("min axis -1 keepDims", x -> x.min(-1, true)).inputs(distinct(S234)).expectShape(2, 3, 1));
    }

    @TestFactory
    Stream<DynamicTest> shapeOps() {
        return OpTable.tests(
                op("reshape", x -> x.reshape(2, 6)).expectShape(2, 6),
                op("reshape -1", x -> x.reshape(-1, 3, 2)).shapes(S234).expectShape(4, 3, 2),
                op("flatten", Tensor::flatten).shapes(S234).expectShape(2, 12),
                op("flatten scalar", Tensor::flatten).shapes(s()).expectShape(1),
                op("transpose", Tensor::transpose).expectShape(4, 3),
                op("take repeated rows", x -> x.take(2, 0, 2, 2)).expectShape(4, 4),
                op("take 3-D", x -> x.take(1, 1)).shapes(S234).expectShape(2, 3, 4),
                op("slice", x -> x.slice(1, 3)).shapes(s(4, 3)).expectShape(2, 3),
                op("slice 3-D", x -> x.slice(0, 1)).shapes(S234).expectShape(1, 3, 4),
                op2("concat axis 0", (a, b) -> Tensor.concat(0, a, b)).shapes(s(2, 3), s(3, 3)).expectShape(5, 3),
                op2("concat axis 1", (a, b) -> Tensor.concat(1, a, b)).shapes(s(2, 3), s(2, 1)).expectShape(2, 4),
                opN("concat three on axis -1", 3, in -> Tensor.concat(-1, in))
                        .shapes(s(2, 2, 1), s(2, 2, 3), s(2, 2, 2)).expectShape(2, 2, 6),
                op("concat same tensor twice", x -> Tensor.concat(0, x, x)).expectShape(6, 4));
    }

    @TestFactory
    Stream<DynamicTest> matmul() {
        return OpTable.tests(
                op2("matmul [m,k]x[k,n]", Tensor::matmul).shapes(s(3, 5), s(5, 2)).expectShape(3, 2),
                op2("matmul [b,m,k]x[b,k,n]", Tensor::matmul).shapes(s(2, 3, 4), s(2, 4, 5)).expectShape(2, 3, 5),
                op2("matmul [b,m,k]x[k,n]", Tensor::matmul).shapes(s(2, 3, 4), s(4, 2)).expectShape(2, 3, 2),
                op("matmul x·xᵀ (same tensor twice)", x -> x.matmul(x.transpose())).expectShape(3, 3));
    }

    @TestFactory
    Stream<DynamicTest> activations() {
        return OpTable.tests(
                op("sigmoid", Tensor::sigmoid).range(-4, 4).reference(v -> 1 / (1 + Math.exp(-v))),
                op("tanh", Tensor::tanh).reference(Math::tanh),
                op("relu", Tensor::relu).avoid(-0.1, 0.1).reference(v -> Math.max(v, 0)),
                op("leakyRelu", x -> x.leakyRelu(0.2f)).avoid(-0.1, 0.1).reference(v -> v > 0 ? v : 0.2 * v),
                op2("prelu (dx and dalpha)", Tensor::prelu).shapes(S34, s(4)).range(1, 0.05, 0.5).avoid(-0.1, 0.1),
                op2("prelu scalar alpha", Tensor::prelu).shapes(S234, s()).range(1, 0.05, 0.5).avoid(-0.1, 0.1),
                op2("prelu alpha [3,1]", Tensor::prelu).shapes(S234, s(3, 1)).range(1, 0.05, 0.5).avoid(-0.1, 0.1),
                op("elu", x -> x.elu(1f)).avoid(-0.1, 0.1).reference(v -> v > 0 ? v : Math.expm1(v)),
                op("elu alpha 0.5", x -> x.elu(0.5f)).avoid(-0.1, 0.1).reference(v -> v > 0 ? v : 0.5 * Math.expm1(v)),
                op("selu", Tensor::selu).avoid(-0.1, 0.1),
                op("gelu exact", x -> x.gelu(false)),
                op("gelu tanh", x -> x.gelu(true)),
                op("softplus", Tensor::softplus).range(-5, 5).reference(v -> Math.log1p(Math.exp(v))),
                op("softsign", Tensor::softsign).avoid(-0.1, 0.1).reference(v -> v / (1 + Math.abs(v))),
                op("silu", Tensor::silu).range(-4, 4).reference(v -> v / (1 + Math.exp(-v))),
                op("hardSigmoid", Tensor::hardSigmoid).range(-4, 4).avoid(-3.1, -2.9).avoid(2.9, 3.1)
                        .reference(v -> Math.min(Math.max(v / 6 + 0.5, 0), 1)),
                op("sign (zero gradient)", Tensor::sign).avoid(-0.1, 0.1).reference(Math::signum),
                op("softmax axis -1", x -> x.softmax(-1)).range(-3, 3),
                op("softmax axis 0", x -> x.softmax(0)).range(-3, 3),
                op("softmax axis 1 of 3-D", x -> x.softmax(1)).shapes(S234).range(-3, 3),
                op("logSoftmax axis -1", x -> x.logSoftmax(-1)).range(-3, 3),
                op("logSoftmax axis 0", x -> x.logSoftmax(0)).range(-3, 3),
                op("logSoftmax axis 1 of 3-D", x -> x.logSoftmax(1)).shapes(S234).range(-3, 3));
    }

    @TestFactory
    Stream<DynamicTest> composites() {
        return OpTable.tests(
                op2("dense tanh", (x, w) -> x.matmul(w).tanh()).shapes(s(4, 3), s(3, 2)),
                opN("dense + bias + sigmoid", 3, in -> in[0].matmul(in[1]).add(in[2]).sigmoid())
                        .shapes(s(5, 3), s(3, 2), s(2)),
                op2("mse", (p, y) -> p.sub(y).square().mean()).shapes(s(4, 3), s(4, 3)),
                op2("cross-entropy from logits", (z, y) -> y.mul(z.logSoftmax(-1)).sum(-1).mean().neg())
                        .shapes(s(4, 3), s(4, 3)).range(1, 0, 1),
                op("x·x reused", x -> x.mul(x).add(x.exp()).div(x.square().add(1f))));
    }

    @TestFactory
    Stream<DynamicTest> normalization() {
        return OpTable.tests(
                opN("batchNorm [4,3]", 3, in -> in[0].batchNorm(in[1], in[2], null, null, 0.99f, 1e-3f))
                        .shapes(s(4, 3), s(3), s(3)),
                opN("batchNorm [2,3,2,4] no beta", 2, in -> in[0].batchNorm(in[1], null, null, null, 0.9f, 1e-2f))
                        .shapes(s(2, 3, 2, 4), s(4)),
                opN("normalizeChannels", 4, in -> in[0].normalizeChannels(in[1], in[2], in[3]))
                        .shapes(s(2, 3, 3), s(3), s(3), s(3)));
    }

    /** A tensor whose values are a shuffled arithmetic sequence with gaps of 0.1 (no ties, no near-ties). */
    private static Tensor distinct(int[] shape) {
        int n = Shape.size(shape);
        java.util.List<Float> values = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(-1.2f + 0.1f * i);
        }
        java.util.Collections.shuffle(values, new java.util.Random(7));
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = values.get(i);
        }
        return Tensor.of(data, shape);
    }

    /** Tensor's methods that return a tensor but have no gradient to check (masks, indices, copies, graph handles). */
    private static final java.util.Set<String> NOT_DIFFERENTIABLE = java.util.Set.of(
            "gt", "ge", "lt", "le", "eq", "ne", "argmax", "detach", "copy", "grad", "requiresGrad",
            "assign");   // assign overwrites a leaf's values from host arrays: not an op

    @org.junit.jupiter.api.Test
    void everyDifferentiableOpOfTensorIsInTheTables() {
        java.util.List<String> names = Stream.of(arithmeticWithBroadcasting(), unaryMath(), reductions(), shapeOps(),
                        matmul(), activations(), composites(), new MovementOpsTest().gradientsAndCompiledReplays(),
                        new IndexingOpsTest().indexing(), new MathOpsTest().math(),
                        new ConvOpsTest().convolutions(), new ConvOpsTest().pooling(), normalization())
                .flatMap(t -> t).map(DynamicTest::getDisplayName).toList();
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : Tensor.class.getMethods()) {
            boolean op = m.getReturnType() == Tensor.class && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    && !NOT_DIFFERENTIABLE.contains(m.getName());
            if (op && names.stream().noneMatch(n -> n.startsWith(m.getName()))) {
                missing.add(m.getName());
            }
        }
        org.assertj.core.api.Assertions.assertThat(missing).as("ops of Tensor without a gradient check").isEmpty();
    }
}
