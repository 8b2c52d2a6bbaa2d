package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the planner does to a dense layer's training step: the bias and activation fused
 * forward and backward, weight gradients written straight by their GEMM (no zeroing, no copy),
 * intermediates sharing buffers; and that the planned replay still gives the eager bits.
 */
class PlannerTest {

    private final Random random = new Random(5);
    private final Parameter w1 = new Parameter("w1", Tensor.randn(random, 6, 5));
    private final Parameter b1 = new Parameter("b1", Tensor.randn(random, 5));
    private final Parameter w2 = new Parameter("w2", Tensor.randn(random, 5, 3));
    private final Parameter b2 = new Parameter("b2", Tensor.randn(random, 3));
    private final List<Parameter> params = List.of(w1, b1, w2, b2);

    private Tensor[] step(Tensor[] in) {
        params.forEach(Parameter::zeroGrad);
        Tensor h = in[0].matmul(w1).add(b1).relu();
        Tensor z = h.matmul(w2).add(b2).tanh();
        Tensor loss = z.sub(in[1]).square().mean();
        loss.backward();
        return new Tensor[] {loss, w1.grad(), b1.grad(), w2.grad(), b2.grad()};
    }

    @Test
    void aDenseStepIsFusedAndWritesItsGradientsInPlace() {
        Compiled compiled = new Compiled("dense step", this::step);
        compiled.run(Tensor.randn(random, 4, 6), Tensor.randn(random, 4, 3));
        List<String> ops = Arrays.asList(compiled.plannedOps());
        // the output layer's bias and tanh chain on into the loss's elementwise ops, forward and backward
        assertThat(ops).contains("bias+relu", "bias+tanh+sub+square", "relu_backward+bias_grad",
                "square_backward+tanh_backward+bias_grad");
        assertThat(ops).as("the gradients come straight from their ops").doesNotContain("zero_grad", "set_grad",
                "accumulate_grad");
        assertThat(ops).doesNotContain("add", "relu", "tanh", "reduce_to");
    }

    @Test
    void aWeightGradientComesStraightFromItsProductAlsoWithAPenaltyAddedAfter() {
        Compiled compiled = new Compiled("penalized step", in -> {
            params.forEach(Parameter::zeroGrad);
            Tensor loss = in[0].matmul(w1).add(b1).relu().matmul(w2).add(b2).sub(in[1]).square().mean()
                    .add(w1.sumOfSquares().mul(1e-2f));
            loss.backward();
            return new Tensor[] {loss, w1.grad(), w2.grad()};
        });
        compiled.run(Tensor.randn(random, 4, 6), Tensor.randn(random, 4, 3));
        List<String> ops = Arrays.asList(compiled.plannedOps());
        assertThat(ops).doesNotContain("zero_grad", "set_grad").contains("accumulate_grad");
        Tensor x = Tensor.randn(random, 4, 6);
        Tensor y = Tensor.randn(random, 4, 3);
        float[][] replayed = values(compiled.run(x, y));
        params.forEach(Parameter::zeroGrad);
        Tensor loss = x.matmul(w1).add(b1).relu().matmul(w2).add(b2).sub(y).square().mean().add(w1.sumOfSquares().mul(1e-2f));
        loss.backward();
        assertThat(replayed[0]).containsExactly(loss.toArray());
        assertThat(replayed[1]).as("w1's gradient, product plus penalty").containsExactly(w1.grad().toArray());
        assertThat(replayed[2]).containsExactly(w2.grad().toArray());
    }

    @Test
    void aPenaltyAddedFirstIsDifferentiatedLastAndAddedStraightIntoTheProductsGradient() {
        Compiled compiled = new Compiled("penalty first", in -> {
            params.forEach(Parameter::zeroGrad);
            Tensor loss = w1.sumOfSquares().mul(1e-2f).add(in[0].matmul(w1).add(b1).relu().matmul(w2).add(b2).sub(in[1])
                    .square().mean());
            loss.backward();
            return new Tensor[] {loss, w1.grad(), w2.grad()};
        });
        compiled.run(Tensor.randn(random, 4, 6), Tensor.randn(random, 4, 3));
        List<String> ops = Arrays.asList(compiled.plannedOps());
        assertThat(ops).contains("sumOfSquares_backward+accumulate_grad")
                .doesNotContain("zero_grad", "set_grad", "accumulate_grad", "sumOfSquares_backward");
        Tensor x = Tensor.randn(random, 4, 6);
        Tensor y = Tensor.randn(random, 4, 3);
        float[][] replayed = values(compiled.run(x, y));
        params.forEach(Parameter::zeroGrad);
        Tensor loss = w1.sumOfSquares().mul(1e-2f).add(x.matmul(w1).add(b1).relu().matmul(w2).add(b2).sub(y).square().mean());
        loss.backward();
        assertThat(replayed[0]).containsExactly(loss.toArray());
        assertThat(replayed[1]).as("w1's gradient, product plus penalty").containsExactly(w1.grad().toArray());
        assertThat(replayed[2]).containsExactly(w2.grad().toArray());
    }

    @Test
    void dropoutRunsInOneChainWithItsLayersBiasAndActivationForwardAndBackward() {
        long[] streams = {0};
        Compiled.Body body = in -> {
            params.forEach(Parameter::zeroGrad);
            Tensor h = in[0].matmul(w1).add(b1).relu().dropout(0.3f, () -> ++streams[0]);
            Tensor loss = h.matmul(w2).sub(in[1]).square().mean();
            loss.backward();
            return new Tensor[] {loss, w1.grad(), b1.grad(), w2.grad()};
        };
        Compiled compiled = new Compiled("dropout step", body);
        Tensor x0 = Tensor.randn(random, 64, 6);
        Tensor y0 = Tensor.randn(random, 64, 3);
        compiled.run(x0, y0);
        assertThat(Arrays.asList(compiled.plannedOps())).contains("bias+relu+dropout",
                "dropout_backward+relu_backward+bias_grad");
        for (int round = 0; round < 3; round++) {
            Tensor x = Tensor.randn(random, 64, 6);
            Tensor y = Tensor.randn(random, 64, 3);
            long before = streams[0];
            float[][] replayed = values(compiled.run(x, y));
            streams[0] = before;   // the eager run draws the same mask
            float[][] eager = values(Compiled.eagerly(() -> body.apply(new Tensor[] {x, y})));
            for (int i = 0; i < eager.length; i++) {
                assertThat(replayed[i]).as("output %d of round %d", i, round).containsExactly(eager[i]);
            }
        }
    }

    @Test
    void aNormalizationsSubtractAndDivideRunAsOneChain() {
        Tensor mean = Tensor.randn(random, 6);
        Tensor std = Tensor.rand(random, 6).add(0.5f);
        Compiled compiled = new Compiled("normalize", in -> new Tensor[] {in[0].sub(mean).div(std).matmul(w1)});
        compiled.run(Tensor.randn(random, 5000, 6));   // 30,000 values: several tiles
        assertThat(Arrays.asList(compiled.plannedOps())).containsExactly("sub+div", "matmul");
        Tensor x = Tensor.randn(random, 5000, 6);
        float[] replayed = compiled.run(x)[0].toArray();
        assertThat(replayed).containsExactly(x.sub(mean).div(std).matmul(w1).toArray());
    }

    @Test
    void aCompiledFunctionCalledInsideAnotherStepRunsInlineInItsTrace() {
        Compiled inner = new Compiled("inner", in -> new Tensor[] {in[0].matmul(w1).add(b1).relu()});
        Compiled outer = new Compiled("outer", in -> {
            params.forEach(Parameter::zeroGrad);
            Tensor loss = inner.run(in[0])[0].matmul(w2).sub(in[1]).square().mean();
            loss.backward();
            return new Tensor[] {loss, w1.grad()};
        });
        outer.run(Tensor.randn(random, 4, 6), Tensor.randn(random, 4, 3));
        assertThat(outer.isEager()).isFalse();
        assertThat(Arrays.asList(outer.plannedOps())).contains("bias+relu", "relu_backward+bias_grad");
        Tensor x = Tensor.randn(random, 4, 6);
        Tensor y = Tensor.randn(random, 4, 3);
        float[][] replayed = values(outer.run(x, y));
        params.forEach(Parameter::zeroGrad);
        Tensor loss = x.matmul(w1).add(b1).relu().matmul(w2).sub(y).square().mean();
        loss.backward();
        assertThat(replayed[0]).containsExactly(loss.toArray());
        assertThat(replayed[1]).containsExactly(w1.grad().toArray());
    }

    @Test
    void thePlannedReplayGivesTheEagerBits() {
        Compiled compiled = new Compiled("dense step", this::step);
        compiled.run(Tensor.randn(random, 4, 6), Tensor.randn(random, 4, 3));
        for (int round = 0; round < 3; round++) {
            Tensor x = Tensor.randn(random, 4, 6);
            Tensor y = Tensor.randn(random, 4, 3);
            float[][] replayed = values(compiled.run(x, y));
            float[][] eager = values(Compiled.eagerly(() -> step(new Tensor[] {x, y})));
            for (int i = 0; i < eager.length; i++) {
                assertThat(replayed[i]).as("output %d of round %d", i, round).containsExactly(eager[i]);
            }
        }
    }

    @Test
    void aLongChainReplaysExactlyThroughSharedBuffers() {
        // a long chain of same-sized intermediates: each output takes a dead one's buffer
        Compiled chain = new Compiled("chain", in -> {
            Tensor t = in[0];
            for (int i = 0; i < 12; i++) {
                t = t.mul(1.01f).add(0.5f).tanh();
            }
            return new Tensor[] {t};
        });
        Tensor x = Tensor.randn(random, 3, 4);
        chain.run(x);
        Tensor x2 = Tensor.randn(random, 3, 4);
        float[] replayed = chain.run(x2)[0].toArray();
        Tensor eager = x2;
        for (int i = 0; i < 12; i++) {
            eager = eager.mul(1.01f).add(0.5f).tanh();
        }
        assertThat(replayed).containsExactly(eager.toArray());
    }

    private static float[][] values(Tensor[] tensors) {
        float[][] v = new float[tensors.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = tensors[i].toArray();
        }
        return v;
    }
}
