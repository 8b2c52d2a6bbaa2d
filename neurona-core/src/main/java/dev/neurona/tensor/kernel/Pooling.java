package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * Channels-last max and average pooling over the windows of a {@link ConvGeometry} (the CPU
 * kernels of {@link Kernels#maxPool2d} and the others). Padded cells are never read: max
 * pooling ignores them, average pooling divides by the cells inside the input only (Keras's
 * {@code same} padding, PyTorch's {@code count_include_pad=False}). Max pooling keeps the input
 * index of each output's maximum, the first one in window order (a NaN wins, as in PyTorch),
 * for its backward.
 */
final class Pooling {

    private Pooling() {
    }

    static void max(ConvGeometry g, float[] x, float[] out) {
        int c = g.cin();
        int o = 0;
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                int y0 = oy * g.sh() - g.padTop();
                int i0 = first(y0, g.dh());
                int i1 = end(y0, g.dh(), g.kh(), g.h());
                for (int ox = 0; ox < g.ow(); ox++, o += c) {
                    int x0 = ox * g.sw() - g.padLeft();
                    int j0 = first(x0, g.dw());
                    int j1 = end(x0, g.dw(), g.kw(), g.w());
                    boolean started = false;
                    for (int i = i0; i < i1; i++) {
                        int row = (b * g.h() + y0 + i * g.dh()) * g.w();
                        for (int j = j0; j < j1; j++) {
                            int cell = (row + x0 + j * g.dw()) * c;
                            if (started) {
                                for (int ch = 0; ch < c; ch++) {
                                    out[o + ch] = Math.max(out[o + ch], x[cell + ch]);   // NaN wins; no branch to mispredict
                                }
                            } else {
                                System.arraycopy(x, cell, out, o, c);
                                started = true;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds each output's gradient into the input cell PyTorch picks: the window's first cell
     * equal to the maximum, or its last NaN when the maximum is NaN ({@code val > max || isnan(val)}).
     */
    static void maxBackward(ConvGeometry g, float[] x, float[] out, float[] dOut, float[] dx) {
        if (disjoint(g)) {
            PoolingBackward.maxDisjoint(g, x, out, dOut, dx);
            return;
        }
        Arrays.fill(dx, 0f);
        int c = g.cin();
        int o = 0;
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                int y0 = oy * g.sh() - g.padTop();
                int i0 = first(y0, g.dh());
                int i1 = end(y0, g.dh(), g.kh(), g.h());
                for (int ox = 0; ox < g.ow(); ox++, o += c) {
                    int x0 = ox * g.sw() - g.padLeft();
                    int j0 = first(x0, g.dw());
                    int j1 = end(x0, g.dw(), g.kw(), g.w());
                    for (int ch = 0; ch < c; ch++) {
                        int at = chosen(g, x, out[o + ch], b, y0, i0, i1, x0, j0, j1, ch);
                        dx[at] += dOut[o + ch];
                    }
                }
            }
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    static int chosen(ConvGeometry g, float[] x, float max, int b, int y0, int i0, int i1, int x0, int j0, int j1,
                              int ch) {
        int c = g.cin();
        int last = -1;
        for (int i = i0; i < i1; i++) {
            int row = (b * g.h() + y0 + i * g.dh()) * g.w();
            for (int j = j0; j < j1; j++) {
                int at = (row + x0 + j * g.dw()) * c + ch;
                float v = x[at];
                if (v == max) {
                    return at;
                }
                if (v != v) {
                    last = at;
                }
            }
        }
        return last;
    }

    /**
     * Whether the windows neither overlap nor reach into padding, nor skip cells inside
     * themselves (stride at least the window, no padding, no dilation): then every input cell
     * lies in at most one window, Keras's default {@code MaxPooling2D(2)}.
     */
    static boolean disjoint(ConvGeometry g) {
        return g.sh() >= g.kh() && g.sw() >= g.kw() && g.dh() == 1 && g.dw() == 1 && g.padTop() == 0
                && g.padLeft() == 0 && (g.oh() - 1) * g.sh() + g.kh() <= g.h() && (g.ow() - 1) * g.sw() + g.kw() <= g.w();
    }

    /** The first window index {@code i} with {@code start + i·step >= 0}. */
    private static int first(int start, int step) {
        return start >= 0 ? 0 : (-start + step - 1) / step;
    }

    /** One past the last window index {@code i < k} with {@code start + i·step < size}. */
    private static int end(int start, int step, int k, int size) {
        return start >= size ? 0 : Math.min(k, (size - 1 - start) / step + 1);
    }

    static void average(ConvGeometry g, float[] x, float[] out) {
        Arrays.fill(out, 0f);
        walk(g, x, out, false);
    }

    static void averageBackward(ConvGeometry g, float[] dOut, float[] dx) {
        Arrays.fill(dx, 0f);
        walk(g, dx, dOut, true);
    }

    /**
     * Forward: {@code out[o] = Σ x[cell] / count} over each window's cells inside the input;
     * backward: every such cell gets {@code dOut[o] / count} added.
     */
    private static void walk(ConvGeometry g, float[] cells, float[] windows, boolean backward) {
        int c = g.cin();
        int o = 0;
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++, o += c) {
                    int count = 0;
                    for (int i = 0; i < g.kh(); i++) {
                        int iy = oy * g.sh() - g.padTop() + i * g.dh();
                        for (int j = 0; j < g.kw() && iy >= 0 && iy < g.h(); j++) {
                            int ix = ox * g.sw() - g.padLeft() + j * g.dw();
                            if (ix >= 0 && ix < g.w()) {
                                count++;
                            }
                        }
                    }
                    for (int i = 0; i < g.kh(); i++) {
                        int iy = oy * g.sh() - g.padTop() + i * g.dh();
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        for (int j = 0; j < g.kw(); j++) {
                            int ix = ox * g.sw() - g.padLeft() + j * g.dw();
                            if (ix < 0 || ix >= g.w()) {
                                continue;
                            }
                            int cell = ((b * g.h() + iy) * g.w() + ix) * c;
                            if (backward) {
                                for (int ch = 0; ch < c; ch++) {
                                    cells[cell + ch] += windows[o + ch] / count;
                                }
                            } else {
                                for (int ch = 0; ch < c; ch++) {
                                    windows[o + ch] += cells[cell + ch];
                                }
                            }
                        }
                    }
                    if (!backward) {
                        for (int ch = 0; ch < c; ch++) {
                            windows[o + ch] /= count;
                        }
                    }
                }
            }
        }
    }
}
