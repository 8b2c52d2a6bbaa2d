package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The disjoint-window max pooling kernels (2×2 passes, mask-selected backward) against a plain
 * reference written here: the maximum as {@code Math.max} over the window (NaN wins, +0 over
 * -0, as the general kernel), and the gradient on the window's first cell equal to the maximum,
 * or its last NaN (PyTorch's rule); cells outside every window get 0. Inputs are drawn from few values (ties), with NaN and -∞ among them.
 */
class PoolingFastPathTest {

    @ParameterizedTest
    @CsvSource({"2,2,2,2,6,8", "2,2,2,2,5,7", "3,3,3,3,7,9", "2,2,3,3,8,7", "2,3,2,3,6,9", "1,2,1,2,3,5"})
    void maxPoolingMatchesTheReference(int kh, int kw, int sh, int sw, int h, int w) {
        int n = 2;
        int c = 5;
        int oh = (h - kh) / sh + 1;
        int ow = (w - kw) / sw + 1;
        ConvGeometry g = ConvGeometry.of(n, h, w, c, kh, kw, c, 1, sh, sw, 1, 1, 0, 0, oh, ow);
        assertThat(Pooling.disjoint(g)).isTrue();
        Random r = new Random(kh * 31 + h);
        float[] values = {0f, 1f, 2f, -0f, Float.NEGATIVE_INFINITY, Float.NaN, -1f};
        float[] x = new float[n * h * w * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[r.nextInt(i % 11 == 0 ? values.length : values.length - 2)];
        }
        float[] out = new float[n * oh * ow * c];
        Pooling.max(g, x, out);
        float[] dOut = new float[out.length];
        for (int i = 0; i < dOut.length; i++) {
            dOut[i] = r.nextFloat() - 0.5f;
        }
        float[] dx = new float[x.length];
        java.util.Arrays.fill(dx, 7f);   // stale values must not survive
        Pooling.maxBackward(g, x, out, dOut, dx);

        float[] wantOut = new float[out.length];
        float[] wantDx = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        float max = Float.NEGATIVE_INFINITY;
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                max = Math.max(max, x[((b * h + oy * sh + i) * w + ox * sw + j) * c + ch]);
                            }
                        }
                        int at = -1;
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                int cell = ((b * h + oy * sh + i) * w + ox * sw + j) * c + ch;
                                if (Float.isNaN(max) ? Float.isNaN(x[cell]) : at < 0 && x[cell] == max) {
                                    at = cell;
                                }
                            }
                        }
                        int o = ((b * oh + oy) * ow + ox) * c + ch;
                        wantOut[o] = max;
                        wantDx[at] += dOut[o];
                    }
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            assertThat(Float.floatToIntBits(out[i])).as("out[%d]", i).isEqualTo(Float.floatToIntBits(wantOut[i]));
        }
        for (int i = 0; i < dx.length; i++) {
            assertThat(Float.floatToIntBits(dx[i])).as("dx[%d]", i).isEqualTo(Float.floatToIntBits(wantDx[i]));
        }
    }
}
