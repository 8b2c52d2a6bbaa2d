package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.ConvSpec;
import dev.neurona.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convolution and pooling kernels behind the contract: im2col in chunks of output pixels gives
 * the one-chunk values; a training step of convolutions and pooling reaches every one of them
 * through the contract, eagerly and at every compiled replay; and a replay allocates nothing.
 */
class ConvKernelsTest {

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void chunkedIm2colGivesTheValuesOfOneChunk() {
        // chunks of output pixels, cut inside images too, so that a large image never needs one huge patch matrix
        Kernels k = Backend.kernels();
        Random r = new Random(5);
        int n = 5;
        // [5, 6, 7, 4] * [3, 3, 2, 6], groups 2, stride 2, padding top 1 left 1 -> [5, 3, 4, 6]
        float[] x = random(r, n * 6 * 7 * 4);
        float[] kernel = random(r, 3 * 3 * 2 * 6);
        float[] dOut = random(r, n * 3 * 4 * 6);
        float[][] results = new float[3][];
        int c = 0;
        for (int cols : new int[] {n * 3 * 4, 7, 1}) {   // output pixels per pass: all, a few (cut inside images), one
            ConvGeometry g = new ConvGeometry(n, 6, 7, 4, 3, 3, 6, 2, 2, 2, 1, 1, 1, 1, 3, 4, cols);
            float[] scratch = new float[g.scratchLength()];
            float[] out = new float[n * 3 * 4 * 6];
            float[] dx = new float[x.length];
            float[] dk = new float[kernel.length];
            k.conv2d(g, Buffer.wrap(x), Buffer.wrap(kernel), Buffer.wrap(out), scratch);
            k.conv2dBackwardInput(g, Buffer.wrap(dOut), Buffer.wrap(kernel), Buffer.wrap(dx), scratch);
            k.conv2dBackwardKernel(g, Buffer.wrap(x), Buffer.wrap(dOut), Buffer.wrap(dk), scratch);
            results[c++] = concat(out, dx, dk);
        }
        for (int i = 1; i < 3; i++) {
            for (int j = 0; j < results[0].length; j++) {
                assertThat(results[i][j]).as("chunking %d, value %d", i, j).isCloseTo(results[0][j], within(1e-4f));
            }
        }
    }

    @Test
    void aDefaultGeometryChunksLargeBatches() {
        ConvGeometry g = ConvGeometry.of(128, 32, 32, 32, 3, 3, 32, 1, 1, 1, 1, 1, 1, 1, 32, 32);
        assertThat(g.cols()).isBetween(1000, 128 * 32 * 32 - 1);
        assertThat(g.scratchLength()).isLessThanOrEqualTo(ConvGeometry.COLUMN_FLOATS);
        assertThat(ConvGeometry.of(8, 4, 4, 3, 1, 1, 5, 1, 1, 1, 1, 1, 0, 0, 4, 4).scratchLength()).isZero();
    }

    @Test
    void maxPoolingPassesTheGradientToTheCellPyTorchChooses() {
        Kernels k = Backend.kernels();
        // one 2x2 window per channel of a [1, 2, 2, 3] input: ties (first wins), NaNs (the last wins), -inf
        float nan = Float.NaN;
        float[] x = {2, 1, Float.NEGATIVE_INFINITY, 5, nan, Float.NEGATIVE_INFINITY, 5, 3, Float.NEGATIVE_INFINITY, 1,
            nan, Float.NEGATIVE_INFINITY};
        ConvGeometry g = ConvGeometry.of(1, 2, 2, 3, 2, 2, 3, 1, 2, 2, 1, 1, 0, 0, 1, 1);
        float[] out = new float[3];
        k.maxPool2d(g, Buffer.wrap(x), Buffer.wrap(out));
        assertThat(out[0]).isEqualTo(5f);
        assertThat(out[1]).isNaN();
        assertThat(out[2]).isEqualTo(Float.NEGATIVE_INFINITY);
        float[] dx = new float[12];
        java.util.Arrays.fill(dx, 9f);   // overwritten, not added to
        k.maxPool2dBackward(g, Buffer.wrap(x), Buffer.wrap(out), Buffer.wrap(new float[] {1, 2, 3}), Buffer.wrap(dx));
        assertThat(dx).containsExactly(0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 2, 0);
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static Tensor[] step(Tensor[] in, Tensor k1, Tensor k2, Tensor kt) {
        k1.zeroGrad();
        k2.zeroGrad();
        kt.zeroGrad();
        Tensor h = in[0].conv2d(k1, ConvSpec.DEFAULT.padding(1, 1, 1, 1)).relu().maxPool2d(2);
        Tensor u = h.conv2dTranspose(kt, ConvSpec.DEFAULT.strides(2)).avgPool2d(2);
        Tensor y = u.conv2d(k2).mean(1).mean(1);
        Tensor loss = y.sub(in[1]).square().mean();
        loss.backward();
        return new Tensor[] {loss};
    }

    @Test
    void aConvStepGoesThroughTheContractAndAReplayAllocatesNothing() {
        Random r = new Random(3);
        Tensor k1 = Tensor.randn(r, 3, 3, 2, 4).requiresGrad(true);
        Tensor kt = Tensor.randn(r, 2, 2, 3, 4).requiresGrad(true);
        Tensor k2 = Tensor.randn(r, 1, 1, 3, 2).requiresGrad(true);
        Tensor x = Tensor.randn(r, 4, 6, 6, 2);
        Tensor t = Tensor.randn(r, 4, 2);
        CountingKernels counting = new CountingKernels(Backend.kernels());
        Compiled c = new Compiled("conv step", in -> step(in, k1, k2, kt));
        float eager = Backend.using(counting, () -> Compiled.eagerly(() -> c.run(x, t)))[0].item();
        Map<String, Integer> calls = counting.calls();
        assertThat(calls).as("calls " + calls).containsKeys("conv2d", "conv2dBackwardInput", "conv2dBackwardKernel",
                "maxPool2d", "maxPool2dBackward", "avgPool2d", "avgPool2dBackward");
        float traced = Backend.using(counting, () -> c.run(x, t))[0].item();
        assertThat(c.isEager()).as(c.eagerReason()).isFalse();
        int before = counting.calls().get("conv2d");
        float replayed = c.run(x, t)[0].item();
        assertThat(counting.calls().get("conv2d")).as("a replay runs the kernels it was traced with").isGreaterThan(before);
        assertThat(traced).isEqualTo(eager);
        assertThat(replayed).isEqualTo(eager);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        // the counting decorator boxes its counts: the allocation check replays a step traced with the plain kernels
        Compiled plain = new Compiled("conv step, plain kernels", in -> step(in, k1, k2, kt));
        Tensor[] inputs = {x, t};
        assertThat(plain.run(inputs)[0].item()).isEqualTo(eager);
        long bytes = -1;
        for (int round = 0; round < 100 && bytes != 0; round++) {   // until the JIT has settled
            long start = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                plain.run(inputs);
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - start;
        }
        assertThat(bytes).as("bytes allocated by 50 compiled replays of a conv step").isZero();
    }
}
