package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The op-level backend contract is the one way ops reach kernels: a counting decorator set
 * with {@link Backend#using} sees every GEMM, elementwise, reduction and fused kernel of a
 * training step, eagerly and at every compiled replay, and the values do not change.
 */
class KernelsSeamTest {

    /** A tiny two-layer network's training step: forward, loss, backward, as ops. */
    private static Tensor[] step(Tensor[] in, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        w1.zeroGrad();
        b1.zeroGrad();
        w2.zeroGrad();
        b2.zeroGrad();
        Tensor h = in[0].matmul(w1).add(b1).tanh();
        Tensor logits = h.matmul(w2).add(b2);
        Tensor p = logits.softmax(-1);
        Tensor loss = p.sub(in[1]).square().mean().add(logits.exp().mean(1).log().sum().mul(0.01f))
                .add(w1.sumOfSquares().mul(1e-3f));
        loss.backward();
        return new Tensor[] {loss, p.argmax(1)};
    }

    private static Tensor[] params(long seed) {
        Random r = new Random(seed);
        return new Tensor[] {Tensor.randn(r, 4, 5).requiresGrad(true), Tensor.randn(r, 5).requiresGrad(true),
            Tensor.randn(r, 5, 3).requiresGrad(true), Tensor.randn(r, 3).requiresGrad(true)};
    }

    private static float[][] run(boolean compiled, Kernels kernels, CountingKernels counter, int replays) {
        Tensor[] p = params(7);
        Random r = new Random(3);
        Compiled c = new Compiled("seam test", in -> step(in, p[0], p[1], p[2], p[3]));
        float[][] seen = new float[replays + 2][];
        for (int i = 0; i <= replays; i++) {
            Tensor x = Tensor.randn(r, 6, 4);
            Tensor y = Tensor.rand(r, 6, 3);
            int before = counter == null ? 0 : counter.total();
            Tensor[] out = Backend.using(kernels, () -> compiled ? c.run(x, y) : Compiled.eagerly(() -> c.run(x, y)));
            if (counter != null) {
                assertThat(counter.total()).as("kernel calls in run " + i).isGreaterThan(before);
            }
            seen[i] = new float[] {out[0].item(), out[1].toArray()[0]};
        }
        seen[replays + 1] = p[0].grad().toArray();
        return seen;
    }

    @Test
    void everyKernelOfAStepGoesThroughTheContractEagerAndCompiled() {
        Kernels plain = Backend.kernels();
        float[][] reference = run(false, plain, null, 3);
        for (boolean compiled : new boolean[] {false, true}) {
            CountingKernels counting = new CountingKernels(plain);
            float[][] seen = run(compiled, counting, counting, 3);
            assertThat(seen).as(compiled ? "compiled" : "eager").isDeepEqualTo(reference);
            Map<String, Integer> calls = counting.calls();
            assertThat(calls).as("calls " + calls).containsKeys("gemm", "binary", "reduceTo", "unary", "unaryBackward",
                    "softmax", "softmaxBackward", "mean", "meanAll", "meanAllBackward", "sumAll", "argExtreme", "expand", "sumOfSquares",
                    "sumOfSquaresBackward");
            assertThat(calls.containsKey("activation") || calls.containsKey("biasActivation")).isTrue();
        }
    }

    @Test
    void aCompiledStepKeepsTheKernelsItWasTracedWith() {
        CountingKernels counting = new CountingKernels(Backend.kernels());
        Tensor[] p = params(1);
        Compiled c = new Compiled("traced with counting", in -> step(in, p[0], p[1], p[2], p[3]));
        Tensor x = Tensor.randn(new Random(1), 6, 4);
        Tensor y = Tensor.rand(new Random(2), 6, 3);
        Backend.using(counting, () -> c.run(x, y));
        int traced = counting.total();
        c.run(x, y);   // a replay outside using(): the plan's kernels are the counting ones
        assertThat(counting.total()).isGreaterThan(traced);
    }

    @Test
    void theChosenKernelsAreTheCpuOnesOverTheChosenGemm() {
        Kernels k = Backend.selectKernels("java", Backend.providers());
        assertThat(k).isInstanceOf(CpuKernels.class);
        assertThat(k.gemm().name()).isEqualTo("java");
        assertThat(k.name()).isEqualTo("cpu (java)");
        assertThat(Backend.gemm().name()).isEqualTo(Backend.kernels().gemm().name());
        assertThatThrownBy(() -> Backend.using(null, () -> 1)).hasMessageContaining("kernels must not be null");
        assertThatThrownBy(() -> new CpuKernels(null)).hasMessageContaining("gemm must not be null");
        assertThat(Backend.selectKernels(null, List.of(new JavaGemmProvider()))).isInstanceOf(CpuKernels.class);
    }

    @Test
    void unaryKernelsMatchTheirDefinitionsAndDerivatives() {
        CpuKernels k = new CpuKernels(new JavaGemm());
        float[] x = {-2.5f, -0.5f, 0f, 0.25f, 1f, 3f};
        float[] pos = {0.5f, 1f, 2f, 4f, 9f, 0.01f};
        for (UnaryOp op : UnaryOp.values()) {
            float[] in = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW ? pos : x;
            float p = op == UnaryOp.POW ? 1.5f : op == UnaryOp.CLAMP ? -1f : 0f;
            float q = op == UnaryOp.CLAMP ? 1f : 0f;
            float[] out = new float[in.length];
            k.unary(op, p, q, Buffer.wrap(in), Buffer.wrap(out), 0, in.length);
            float[] g = new float[in.length];
            float[] ones = new float[in.length];
            java.util.Arrays.fill(ones, 2f);
            k.unaryBackward(op, p, q, Buffer.wrap(ones), Buffer.wrap(in), Buffer.wrap(out), Buffer.wrap(g), 0,
                    in.length);
            for (int i = 0; i < in.length; i++) {
                assertThat(out[i]).as(op + "(" + in[i] + ")").isEqualTo(op.apply(in[i], p, q));
                if (op == UnaryOp.ABS && in[i] == 0f || op == UnaryOp.CLAMP && Math.abs(in[i]) == 1f) {
                    continue;   // kinks: the finite difference is not the subgradient
                }
                double h = 1e-3;
                double fd = (op.apply((float) (in[i] + h), p, q) - op.apply((float) (in[i] - h), p, q)) / (2 * h);
                assertThat((double) g[i]).as(op + "'(" + in[i] + ")").isCloseTo(2 * fd, org.assertj.core.data.Offset.offset(
                        2e-2 * Math.max(1, Math.abs(fd))));
            }
        }
    }
}
