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

    static void max(ConvGeometry g, float[] x, float[] out, int[] argmax) {
        int c = g.cin();
        Arrays.fill(argmax, -1);
        int o = 0;
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++, o += c) {
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
                            for (int ch = 0; ch < c; ch++) {
                                float v = x[cell + ch];
                                if (argmax[o + ch] < 0 || v > out[o + ch] || Float.isNaN(v)) {
                                    out[o + ch] = v;
                                    argmax[o + ch] = cell + ch;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static void maxBackward(float[] dOut, int[] argmax, float[] dx) {
        Arrays.fill(dx, 0f);
        for (int o = 0; o < dOut.length; o++) {
            dx[argmax[o]] += dOut[o];
        }
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
