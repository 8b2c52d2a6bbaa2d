package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * Max pooling's backward over disjoint windows ({@link Pooling#disjoint}): every input cell lies
 * in at most one window, so each cell's gradient is written once, never added, and the window's
 * chosen cell (PyTorch's: the first equal to the maximum) is found without a branch on the
 * data: an integer mask, all ones on the first cell equal to the maximum, selects the gradient's
 * bits. Comparing a window's cells with its maximum mispredicts about half the time on real
 * activations, which made the branching search of {@link Pooling#chosen} a quarter of a
 * convnet's training step. A window whose maximum is NaN keeps PyTorch's rule (its last NaN)
 * through {@link Pooling#chosen}. Cells outside every window get 0.
 */
final class PoolingBackward {

    private PoolingBackward() {
    }

    static void maxDisjoint(ConvGeometry g, float[] x, float[] out, float[] dOut, float[] dx) {
        zeroUncovered(g, dx);
        if (g.kh() == 2 && g.kw() == 2) {
            max2x2(g, x, out, dOut, dx);
            return;
        }
        int c = g.cin();
        int kh = g.kh();
        int kw = g.kw();
        int o = 0;
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                int y0 = oy * g.sh();
                for (int ox = 0; ox < g.ow(); ox++, o += c) {
                    int x0 = ox * g.sw();
                    int corner = ((b * g.h() + y0) * g.w() + x0) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float max = out[o + ch];
                        // + 0f: the value the zero-filled sum gave before (-0 becomes +0)
                        int grad = Float.floatToRawIntBits(dOut[o + ch] + 0f);
                        if (max != max) {
                            nanWindow(g, x, max, b, y0, x0, ch, grad, dx);
                            continue;
                        }
                        int taken = 0;
                        for (int i = 0; i < kh; i++) {
                            int at = corner + i * g.w() * c + ch;
                            for (int j = 0; j < kw; j++, at += c) {
                                int equal = x[at] == max ? -1 : 0;
                                dx[at] = Float.intBitsToFloat(grad & equal & ~taken);
                                taken |= equal;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The 2×2 windows of Keras's {@code MaxPooling2D(2)}: one pass over the channels per window
     * reading its four cells, each cell's mask from the comparisons before it (the last cell is
     * the maximum when none of the first three is).
     */
    private static void max2x2(ConvGeometry g, float[] x, float[] out, float[] dOut, float[] dx) {
        int c = g.cin();
        int down = g.w() * c;
        int o = 0;
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++, o += c) {
                    int p = ((b * g.h() + oy * g.sh()) * g.w() + ox * g.sw()) * c;
                    int q = p + down;
                    for (int ch = 0; ch < c; ch++) {
                        float max = out[o + ch];
                        if (max != max) {
                            nanWindow(g, x, max, b, oy * g.sh(), ox * g.sw(), ch,
                                    Float.floatToRawIntBits(dOut[o + ch] + 0f), dx);
                            continue;
                        }
                        int grad = Float.floatToRawIntBits(dOut[o + ch] + 0f);
                        int e0 = x[p + ch] == max ? -1 : 0;
                        int e1 = x[p + c + ch] == max ? -1 : 0;
                        int e2 = x[q + ch] == max ? -1 : 0;
                        dx[p + ch] = Float.intBitsToFloat(grad & e0);
                        dx[p + c + ch] = Float.intBitsToFloat(grad & e1 & ~e0);
                        dx[q + ch] = Float.intBitsToFloat(grad & e2 & ~(e0 | e1));
                        dx[q + c + ch] = Float.intBitsToFloat(grad & ~(e0 | e1 | e2));
                    }
                }
            }
        }
    }

    /** A window whose maximum is NaN: zeros, and the gradient on its last NaN. */
    private static void nanWindow(ConvGeometry g, float[] x, float max, int b, int y0, int x0, int ch, int grad,
                                  float[] dx) {
        int c = g.cin();
        for (int i = 0; i < g.kh(); i++) {
            for (int j = 0; j < g.kw(); j++) {
                dx[((b * g.h() + y0 + i) * g.w() + x0 + j) * c + ch] = 0f;
            }
        }
        int at = Pooling.chosen(g, x, max, b, y0, 0, g.kh(), x0, 0, g.kw(), ch);
        dx[at] = Float.intBitsToFloat(grad);
    }

    /** Zeros the input cells no window covers (the rows and columns past the last window, stride gaps). */
    private static void zeroUncovered(ConvGeometry g, float[] dx) {
        int c = g.cin();
        int rowFloats = g.w() * c;
        for (int b = 0; b < g.n(); b++) {
            for (int y = 0; y < g.h(); y++) {
                int row = (b * g.h() + y) * rowFloats;
                if (y >= g.oh() * g.sh() || y % g.sh() >= g.kh()) {
                    Arrays.fill(dx, row, row + rowFloats, 0f);
                    continue;
                }
                for (int xx = 0; xx < g.w(); xx++) {
                    if (xx >= g.ow() * g.sw() || xx % g.sw() >= g.kw()) {
                        Arrays.fill(dx, row + xx * c, row + xx * c + c, 0f);
                    }
                }
            }
        }
    }
}
