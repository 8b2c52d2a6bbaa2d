package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.testkit.GradCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused batch-normalization primitives ({@link NormOps}): finite-difference gradients in
 * every input, the values against a direct float64 computation, the moving statistics, what
 * the planner makes of them (chained with the activation in training, folded into the
 * convolution in inference) and bad arguments. The PyTorch values of the layer built on them
 * are {@code CnnLayersTorchTest}'s.
 */
class NormOpsTest {

    private final Random random = new Random(11);

    @Test
    void batchNormGradientsByFiniteDifferences() {
        Tensor g = Tensor.randn(random, 2, 3, 2, 4);
        Tensor x = Tensor.randn(random, 2, 3, 2, 4).mul(2f).add(0.5f);
        Tensor gamma = Tensor.of(1.5f, 0.5f, -1f, 2f);
        Tensor beta = Tensor.of(0.1f, -0.2f, 0.3f, 0f);
        GradCheck.assertGradients(in -> in[0].batchNorm(in[1], in[2], null, null, 0.99f, 1e-3f).mul(g).sum(),
                x, gamma, beta);
        // without γ and β, and after a Dense layer (rank 2)
        Tensor g2 = Tensor.randn(random, 5, 3);
        GradCheck.assertGradients(in -> in[0].batchNorm(null, null, null, null, 0.99f, 1e-3f).mul(g2).sum(),
                Tensor.randn(random, 5, 3));
        // a nonlinear loss: the gradient sums are not just those of a linear function
        GradCheck.assertGradients(in -> in[0].batchNorm(in[1], null, null, null, 0.9f, 1e-2f).tanh().square().sum(),
                Tensor.randn(random, 6, 2), Tensor.of(0.7f, -1.2f));
    }

    @Test
    void batchNormValuesAndMovingStatisticsMatchADirectComputation() {
        int rows = 24;
        int c = 3;
        Tensor x = Tensor.randn(random, 2, 3, 4, c).mul(3f).add(10f);
        float[] v = x.data().clone();
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int i = 0; i < v.length; i++) {
            mean[i % c] += v[i] / (double) rows;
        }
        for (int i = 0; i < v.length; i++) {
            var[i % c] += (v[i] - mean[i % c]) * (v[i] - mean[i % c]) / rows;
        }
        Parameter movingMean = new Parameter("mm", Tensor.of(1f, 2f, 3f));
        Parameter movingVar = new Parameter("mv", Tensor.of(1f, 1f, 4f));
        Tensor gamma = Tensor.of(2f, -1f, 0.5f);
        Tensor beta = Tensor.of(0f, 1f, -1f);
        float[] y = x.batchNorm(gamma, beta, movingMean, movingVar, 0.9f, 1e-3f).data().clone();
        float[] gm = gamma.data().clone();
        float[] bt = beta.data().clone();
        for (int i = 0; i < v.length; i++) {
            int ch = i % c;
            double expected = gm[ch] * (v[i] - mean[ch]) / Math.sqrt(var[ch] + 1e-3) + bt[ch];
            assertThat((double) y[i]).as("y[%d]", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
        }
        float[] mm = movingMean.data().clone();
        float[] mv = movingVar.data().clone();
        float[] mm0 = {1f, 2f, 3f};
        float[] mv0 = {1f, 1f, 4f};
        for (int ch = 0; ch < c; ch++) {
            assertThat((double) mm[ch]).isCloseTo(mm0[ch] * 0.9 + mean[ch] * 0.1, org.assertj.core.data.Offset.offset(1e-5));
            assertThat((double) mv[ch]).isCloseTo(mv0[ch] * 0.9 + var[ch] * 0.1, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void normalizeChannelsGradientsByFiniteDifferences() {
        Tensor g = Tensor.randn(random, 3, 2, 3);
        GradCheck.assertGradients(in -> in[0].normalizeChannels(in[1], in[2], in[3]).mul(g).sum(),
                Tensor.randn(random, 3, 2, 3), Tensor.of(0.2f, -0.4f, 1f), Tensor.of(1.5f, 0.5f, -2f),
                Tensor.of(0.1f, 0f, -0.3f));
        GradCheck.assertGradients(in -> in[0].normalizeChannels(in[1], in[2], null).square().sum(),
                Tensor.randn(random, 4, 2), Tensor.of(0.5f, -1f), Tensor.of(2f, 0.25f));
    }

    @Test
    void aTrainingStepChainsTheNormalizationWithItsActivationAndReplaysTheEagerBits() {
        Parameter kernel = new Parameter("k", Tensor.randn(random, 3, 3, 2, 4).mul(0.3f));
        Parameter gamma = new Parameter("gamma", Tensor.of(1f, 0.5f, 2f, -1f));
        Parameter beta = new Parameter("beta", Tensor.of(0f, 0.1f, -0.1f, 0.2f));
        Parameter mm = new Parameter("mm", Tensor.zeros(4));
        Parameter mv = new Parameter("mv", Tensor.of(1f, 1f, 1f, 1f));
        List<Parameter> params = List.of(kernel, gamma, beta);
        Compiled.Body body = in -> {
            params.forEach(Parameter::zeroGrad);
            Tensor h = in[0].conv2d(kernel).batchNorm(gamma, beta, mm, mv, 0.9f, 1e-3f).relu();
            Tensor loss = h.square().mean();
            loss.backward();
            return new Tensor[] {loss, kernel.grad(), gamma.grad(), beta.grad()};
        };
        Compiled step = new Compiled("bn step", body);
        Tensor x = Tensor.randn(random, 2, 6, 5, 2);
        step.run(x);
        List<String> ops = Arrays.asList(step.plannedOps());
        assertThat(ops).anyMatch(o -> o.startsWith("batch_norm+relu"));
        assertThat(ops).anyMatch(o -> o.contains("relu_backward+batch_norm_grad_sums"));
        assertThat(ops).as("no fold while the backward reads the convolution's output")
                .doesNotContain("conv2d+channel_normalize");
        Tensor x2 = Tensor.randn(random, 2, 6, 5, 2);
        float[][] replayed = copies(step.run(x2));
        float[] mmReplay = mm.data().clone();
        mm.assign(Tensor.zeros(4));
        mv.assign(Tensor.of(1f, 1f, 1f, 1f));
        body.apply(new Tensor[] {x});   // the traced call's update, eagerly
        float[][] eager = copies(body.apply(new Tensor[] {x2}));
        for (int i = 0; i < eager.length; i++) {
            assertThat(replayed[i]).as("output %d", i).containsExactly(eager[i]);
        }
        assertThat(mm.data()).containsExactly(mmReplay);
    }

    @Test
    void anInferencePlanFoldsTheNormalizationIntoTheConvolution() {
        Parameter kernel = new Parameter("k", Tensor.randn(random, 3, 3, 3, 5));
        Tensor center = Tensor.of(0.5f, -0.2f, 0f, 1f, 2f);
        Tensor scale = Tensor.of(1.5f, 0.5f, -2f, 0.1f, 1f);
        Tensor shift = Tensor.of(0.1f, 0f, -0.3f, 0.4f, -1f);
        Compiled.Body body = in -> new Tensor[] {in[0].conv2d(kernel, ConvSpec.DEFAULT)
                .normalizeChannels(center, scale, shift).relu()};
        Compiled plan = new Compiled("inference", body);
        Tensor x = Tensor.randn(random, 2, 7, 6, 3);
        float[] traced = plan.run(x)[0].data().clone();
        assertThat(Arrays.asList(plan.plannedOps())).contains("conv2d+channel_normalize")
                .doesNotContain("conv2d", "channel_normalize");
        Tensor x2 = Tensor.randn(random, 2, 7, 6, 3);
        float[] folded = plan.run(x2)[0].data().clone();
        float[] eager = body.apply(new Tensor[] {x2})[0].data().clone();
        assertThat(traced).containsExactly(body.apply(new Tensor[] {x})[0].data());
        for (int i = 0; i < eager.length; i++) {
            assertThat(folded[i]).as("element %d", i).isCloseTo(eager[i], org.assertj.core.data.Offset.offset(
                    1e-5f * Math.max(1f, Math.abs(eager[i]))));
        }
        // new weights reach the folded kernel at the next replay
        kernel.assign(kernel.mul(-1f));
        float[] flipped = plan.run(x2)[0].data().clone();
        float[] eagerFlipped = body.apply(new Tensor[] {x2})[0].data().clone();
        for (int i = 0; i < eager.length; i++) {
            assertThat(flipped[i]).isCloseTo(eagerFlipped[i], org.assertj.core.data.Offset.offset(
                    1e-5f * Math.max(1f, Math.abs(eagerFlipped[i]))));
        }
    }

    @Test
    void badArgumentsNameTheProblem() {
        Tensor x = Tensor.randn(random, 4, 3);
        assertThatThrownBy(() -> x.batchNorm(Tensor.of(1f, 2f), null, null, null, 0.99f, 1e-3f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma")
                .hasMessageContaining("(3)").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Tensor.of(1f, 2f).batchNorm(null, null, null, null, 0.99f, 1e-3f))
                .hasMessageContaining("rank 2 or more");
        assertThatThrownBy(() -> x.batchNorm(null, null, null, null, 1.5f, 1e-3f)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> x.batchNorm(null, null, null, null, 0.9f, 0f)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> x.normalizeChannels(Tensor.of(1f), Tensor.of(1f, 1f, 1f), null))
                .hasMessageContaining("center");
    }

    private static float[][] copies(Tensor[] ts) {
        float[][] out = new float[ts.length][];
        for (int i = 0; i < ts.length; i++) {
            out[i] = ts[i].data().clone().clone();
        }
        return out;
    }
}
