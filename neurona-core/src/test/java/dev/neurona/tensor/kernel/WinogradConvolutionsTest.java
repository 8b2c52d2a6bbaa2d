package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.ConvSpec;
import dev.neurona.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Winograd F(2×2, 3×3) against a direct convolution in double precision: the forward and the
 * input gradient over paddings 0, 1 and 2, odd and even sizes (partial edge tiles), a one-pixel
 * output, several channel counts, batches 1 and 3, and chunks of tiles cut inside images. Error
 * bound: each value within {@code 1e-5 · (Σ|terms| + 1)} of the reference (the worst measured is
 * a few 1e-7; F(2,3)'s transforms add a few roundings per term, not a growing error).
 */
class WinogradConvolutionsTest {

    private static final double RELATIVE = 1e-5;

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** out[b, oy, ox, f] = Σ x[b, oy - pt + i, ox - pl + j, c] · k[i, j, c, f], and Σ|terms| in {@code mag}. */
    private static double[] direct(ConvGeometry g, float[] x, float[] k, double[] mag) {
        double[] out = new double[g.n() * g.oh() * g.ow() * g.filters()];
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    for (int f = 0; f < g.filters(); f++) {
                        double s = 0;
                        double a = 0;
                        for (int i = 0; i < 3; i++) {
                            for (int j = 0; j < 3; j++) {
                                int iy = oy - g.padTop() + i;
                                int ix = ox - g.padLeft() + j;
                                if (iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w()) {
                                    continue;
                                }
                                for (int c = 0; c < g.cin(); c++) {
                                    double t = (double) x[((b * g.h() + iy) * g.w() + ix) * g.cin() + c]
                                            * k[((i * 3 + j) * g.cin() + c) * g.filters() + f];
                                    s += t;
                                    a += Math.abs(t);
                                }
                            }
                        }
                        int at = ((b * g.oh() + oy) * g.ow() + ox) * g.filters() + f;
                        out[at] = s;
                        mag[at] = a;
                    }
                }
            }
        }
        return out;
    }

    /** The adjoint of {@link #direct}: dx[b, iy, ix, c] = Σ dOut[b, oy, ox, f] · k[i, j, c, f] over the windows. */
    private static double[] directInputGradient(ConvGeometry g, float[] dOut, float[] k, double[] mag) {
        double[] dx = new double[g.n() * g.h() * g.w() * g.cin()];
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            int iy = oy - g.padTop() + i;
                            int ix = ox - g.padLeft() + j;
                            if (iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w()) {
                                continue;
                            }
                            for (int c = 0; c < g.cin(); c++) {
                                for (int f = 0; f < g.filters(); f++) {
                                    double t = (double) dOut[((b * g.oh() + oy) * g.ow() + ox) * g.filters() + f]
                                            * k[((i * 3 + j) * g.cin() + c) * g.filters() + f];
                                    int at = ((b * g.h() + iy) * g.w() + ix) * g.cin() + c;
                                    dx[at] += t;
                                    mag[at] += Math.abs(t);
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    private static void assertClose(String what, float[] got, double[] want, double[] mag) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            double bound = RELATIVE * (mag[i] + 1);
            assertThat(Math.abs(got[i] - want[i])).as("%s, value %d: %s against %s", what, i, got[i], want[i])
                    .isLessThanOrEqualTo(bound);
        }
    }

    private static void check(Random r, int n, int h, int w, int cin, int filters, int pad, int padFar) {
        int oh = h + pad + padFar - 2;
        int ow = w + pad + padFar - 2;
        ConvGeometry g = ConvGeometry.of(n, h, w, cin, 3, 3, filters, 1, 1, 1, 1, 1, pad, pad, oh, ow);
        String what = String.format("[%d, %d, %d, %d] * [3, 3, %d, %d] pad %d/%d", n, h, w, cin, cin, filters, pad,
                padFar);
        float[] x = random(r, n * h * w * cin);
        float[] k = random(r, 9 * cin * filters);
        float[] dOut = random(r, n * oh * ow * filters);
        WinogradConvolutions wino = new WinogradConvolutions(new JavaGemm());
        float[] scratch = new float[WinogradConvolutions.scratchLength(g)];
        float[] out = new float[n * oh * ow * filters];
        java.util.Arrays.fill(out, Float.NaN);   // every output cell is written
        wino.forward(g, x, k, out, scratch);
        double[] mag = new double[out.length];
        assertClose(what + " forward", out, direct(g, x, k, mag), mag);
        float[] dx = new float[x.length];
        java.util.Arrays.fill(dx, Float.NaN);
        wino.backwardInput(g, dOut, k, dx, scratch);
        double[] dmag = new double[dx.length];
        assertClose(what + " input gradient", dx, directInputGradient(g, dOut, k, dmag), dmag);
    }

    @Test
    void forwardAndInputGradientMatchADirectConvolution() {
        Random r = new Random(11);
        for (int n : new int[] {1, 3}) {
            for (int[] c : new int[][] {{1, 1}, {3, 5}, {16, 8}, {33, 17}}) {
                check(r, n, 5, 7, c[0], c[1], 0, 0);   // 3×5 output: partial tiles on both edges
                check(r, n, 5, 7, c[0], c[1], 1, 1);   // same
                check(r, n, 8, 8, c[0], c[1], 1, 1);
                check(r, n, 8, 8, c[0], c[1], 0, 0);   // 6×6 valid
                check(r, n, 3, 3, c[0], c[1], 0, 0);   // a 1×1 output
                check(r, n, 6, 5, c[0], c[1], 2, 0);   // more padding on one side than the other
                check(r, n, 4, 4, c[0], c[1], 1, 2);
            }
        }
    }

    @Test
    void chunksOfTilesCutInsideImagesGiveTheSameValues() {
        // 3 images of 64×64 with 64 + 64 channels: 1,024 tiles an image, 256 tiles a chunk
        Random r = new Random(12);
        ConvGeometry g = ConvGeometry.of(3, 63, 65, 64, 3, 3, 64, 1, 1, 1, 1, 1, 1, 1, 63, 65);
        assertThat(WinogradConvolutions.tiles(g)).isLessThan(32 * 33);
        check(r, 3, 63, 65, 64, 64, 1, 1);
    }

    @Test
    void theConvolutionKernelsUseWinogradOnlyWhereChosen() {
        ConvGeometry vgg = ConvGeometry.of(128, 32, 32, 32, 3, 3, 32, 1, 1, 1, 1, 1, 1, 1, 32, 32);
        assertThat(WinogradConvolutions.chosen(vgg)).isTrue();
        assertThat(vgg.scratchLength()).isGreaterThanOrEqualTo(WinogradConvolutions.scratchLength(vgg));
        ConvGeometry mnistFirst = ConvGeometry.of(128, 28, 28, 1, 3, 3, 32, 1, 1, 1, 1, 1, 0, 0, 26, 26);
        assertThat(WinogradConvolutions.chosen(mnistFirst)).isFalse();
        ConvGeometry strided = ConvGeometry.of(8, 9, 9, 32, 3, 3, 32, 1, 2, 2, 1, 1, 1, 1, 5, 5);
        assertThat(WinogradConvolutions.chosen(strided)).isFalse();
        // through the contract, a chosen geometry gives the direct values
        Random r = new Random(13);
        assertThat(WinogradConvolutions.chosen(ConvGeometry.of(128, 13, 13, 32, 3, 3, 64, 1, 1, 1, 1, 1, 0, 0, 11, 11)))
                .as("an odd output").isFalse();
        ConvGeometry g = ConvGeometry.of(2, 8, 6, 32, 3, 3, 40, 1, 1, 1, 1, 1, 1, 1, 8, 6);
        assertThat(WinogradConvolutions.chosen(g)).isTrue();
        float[] x = random(r, 2 * 8 * 6 * 32);
        float[] k = random(r, 9 * 32 * 40);
        float[] out = new float[2 * 8 * 6 * 40];
        new CpuKernels(new JavaGemm()).conv2d(g, Buffer.wrap(x), Buffer.wrap(k), Buffer.wrap(out),
                new float[g.scratchLength()]);
        double[] mag = new double[out.length];
        assertClose("through CpuKernels", out, direct(g, x, k, mag), mag);
    }

    @Test
    void aCompiledReplayOfAWinogradConvStepAllocatesNothing() {
        Random r = new Random(14);
        Tensor k1 = Tensor.randn(r, 3, 3, 32, 32).requiresGrad(true);
        Tensor k2 = Tensor.randn(r, 3, 3, 32, 32).requiresGrad(true);
        Tensor x = Tensor.randn(r, 2, 8, 8, 32);
        assertThat(WinogradConvolutions.chosen(ConvGeometry.of(2, 8, 8, 32, 3, 3, 32, 1, 1, 1, 1, 1, 1, 1, 8, 8)))
                .isTrue();
        Compiled c = new Compiled("winograd step", in -> {
            k1.zeroGrad();
            k2.zeroGrad();
            ConvSpec same = ConvSpec.DEFAULT.padding(1, 1, 1, 1);
            // the second convolution's input gradient runs by Winograd too
            Tensor loss = in[0].conv2d(k1, same).relu().conv2d(k2, same).square().mean();
            loss.backward();
            return new Tensor[] {loss};
        });
        Tensor[] inputs = {x};
        c.run(inputs);
        assertThat(c.isEager()).as(c.eagerReason()).isFalse();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes = -1;
        for (int round = 0; round < 100 && bytes != 0; round++) {   // until the JIT has settled
            long start = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) {
                c.run(inputs);
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - start;
        }
        assertThat(bytes).as("bytes allocated by 20 compiled replays of a Winograd conv step").isZero();
    }
}
