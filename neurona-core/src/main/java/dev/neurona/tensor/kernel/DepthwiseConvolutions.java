package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * Depthwise convolution (one input channel per group: {@code groups == cin}, each channel with
 * its own {@code m = filters / cin} filters) as direct loops, the im2col route's per-group
 * products being one-column GEMMs. Output channel {@code c·m + q} is channel {@code c} convolved
 * with kernel column {@code [i, j, 0, c·m + q]}; the innermost loops run over the channels of
 * one pixel, contiguous in channels-last memory. Each sum runs over the window in order, so the
 * bits do not depend on anything but the inputs.
 */
final class DepthwiseConvolutions {

    private DepthwiseConvolutions() {
    }

    static void forward(ConvGeometry g, float[] x, float[] k, float[] out) {
        Arrays.fill(out, 0f);
        walk(g, x, k, out, 0);
    }

    static void backwardInput(ConvGeometry g, float[] dOut, float[] k, float[] dx) {
        Arrays.fill(dx, 0f);
        walk(g, dx, k, dOut, 1);
    }

    static void backwardKernel(ConvGeometry g, float[] x, float[] dOut, float[] dk) {
        Arrays.fill(dk, 0f);
        walk(g, x, dk, dOut, 2);
    }

    /**
     * Visits every (output pixel, window cell inside the input) pair once: {@code what} 0 adds
     * {@code x·k} into the output, 1 adds {@code dOut·k} into {@code x} (the input gradient), 2
     * adds {@code x·dOut} into {@code k} (the kernel gradient).
     */
    private static void walk(ConvGeometry g, float[] x, float[] k, float[] y, int what) {
        int c = g.cin();
        int f = g.filters();
        int m = g.fg();
        int o = 0;
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++, o += f) {
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
                            int tap = (i * g.kw() + j) * f;
                            if (m == 1) {
                                single(x, k, y, cell, tap, o, c, what);
                            } else {
                                multiple(x, k, y, cell, tap, o, c, m, what);
                            }
                        }
                    }
                }
            }
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void single(float[] x, float[] k, float[] y, int cell, int tap, int o, int c, int what) {
        if (what == 0) {
            for (int ch = 0; ch < c; ch++) {
                y[o + ch] += x[cell + ch] * k[tap + ch];
            }
        } else if (what == 1) {
            for (int ch = 0; ch < c; ch++) {
                x[cell + ch] += y[o + ch] * k[tap + ch];
            }
        } else {
            for (int ch = 0; ch < c; ch++) {
                k[tap + ch] += x[cell + ch] * y[o + ch];
            }
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void multiple(float[] x, float[] k, float[] y, int cell, int tap, int o, int c, int m, int what) {
        for (int ch = 0; ch < c; ch++) {
            int at = ch * m;
            if (what == 0) {
                float v = x[cell + ch];
                for (int q = 0; q < m; q++) {
                    y[o + at + q] += v * k[tap + at + q];
                }
            } else if (what == 1) {
                float s = 0f;
                for (int q = 0; q < m; q++) {
                    s += y[o + at + q] * k[tap + at + q];
                }
                x[cell + ch] += s;
            } else {
                float v = x[cell + ch];
                for (int q = 0; q < m; q++) {
                    k[tap + at + q] += v * y[o + at + q];
                }
            }
        }
    }
}
