package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * The patch matrix of a channels-last convolution and its adjoint. Row {@code r} of the
 * columns is output pixel {@code r0 + r} (pixels in {@code (b, oy, ox)} order) of one pass over
 * the pixels {@code [r0, r0 + rows)}; its {@code kh·kw·cg} values are the window's cells in
 * {@code (i, j, c)} order for the channels of one group, zero where the window lies in the
 * padding. That order is the Keras kernel's {@code [kh, kw, cg, filters]}, so the columns times
 * the kernel seen as a {@code [kh·kw·cg, filters]} matrix is the output, already channels-last.
 */
final class Im2col {

    private Im2col() {
    }

    /** Fills {@code cols} with the patches of output pixels {@code [r0, r0 + rows)}, group {@code group}. */
    static void im2col(ConvGeometry g, float[] x, int r0, int rows, int group, float[] cols) {
        int cg = g.cg();
        int c0 = group * cg;
        int pixels = g.oh() * g.ow();
        int dst = 0;
        boolean whole = g.groups() == 1 && g.dw() == 1;   // a window row is contiguous in the input
        int run = g.kw() * cg;
        for (int p = r0; p < r0 + rows; p++) {
            int image = p / pixels * g.h();
            int oy = p % pixels / g.ow();
            int ox = p % g.ow();
            for (int i = 0; i < g.kh(); i++) {
                int iy = oy * g.sh() - g.padTop() + i * g.dh();
                if (iy < 0 || iy >= g.h()) {
                    Arrays.fill(cols, dst, dst + g.kw() * cg, 0f);
                    dst += g.kw() * cg;
                    continue;
                }
                int rowBase = (image + iy) * g.w();
                int ix0 = ox * g.sw() - g.padLeft();
                if (whole && ix0 >= 0 && ix0 + g.kw() <= g.w()) {
                    // the window's row is kw·cin consecutive input floats: one copy
                    copy(x, (rowBase + ix0) * cg, cols, dst, run);
                    dst += run;
                    continue;
                }
                for (int j = 0; j < g.kw(); j++, dst += cg) {
                    int ix = ox * g.sw() - g.padLeft() + j * g.dw();
                    if (ix < 0 || ix >= g.w()) {
                        Arrays.fill(cols, dst, dst + cg, 0f);
                    } else if (cg == 1) {
                        cols[dst] = x[(rowBase + ix) * g.cin() + c0];
                    } else {
                        System.arraycopy(x, (rowBase + ix) * g.cin() + c0, cols, dst, cg);
                    }
                }
            }
        }
    }

    /** {@code System.arraycopy}, with a plain loop for the few floats of a one-channel window row. */
    private static void copy(float[] src, int from, float[] dst, int to, int length) {
        if (length > 16) {
            System.arraycopy(src, from, dst, to, length);
            return;
        }
        for (int t = 0; t < length; t++) {
            dst[to + t] = src[from + t];
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds every column value into the input cell it was read
     * from ({@code dx} must hold the sum so far; cells under several windows get each share).
     */
    static void col2imAdd(ConvGeometry g, float[] cols, int r0, int rows, int group, float[] dx) {
        int cg = g.cg();
        int c0 = group * cg;
        int pixels = g.oh() * g.ow();
        int src = 0;
        boolean whole = g.groups() == 1 && g.dw() == 1;
        int run = g.kw() * cg;
        for (int p = r0; p < r0 + rows; p++) {
            int image = p / pixels * g.h();
            int oy = p % pixels / g.ow();
            int ox = p % g.ow();
            for (int i = 0; i < g.kh(); i++) {
                int iy = oy * g.sh() - g.padTop() + i * g.dh();
                if (iy < 0 || iy >= g.h()) {
                    src += g.kw() * cg;
                    continue;
                }
                int rowBase = (image + iy) * g.w();
                int ix0 = ox * g.sw() - g.padLeft();
                if (whole && ix0 >= 0 && ix0 + g.kw() <= g.w()) {
                    int at = (rowBase + ix0) * cg;
                    for (int t = 0; t < run; t++) {
                        dx[at + t] += cols[src + t];
                    }
                    src += run;
                    continue;
                }
                for (int j = 0; j < g.kw(); j++, src += cg) {
                    int ix = ox * g.sw() - g.padLeft() + j * g.dw();
                    if (ix >= 0 && ix < g.w()) {
                        int at = (rowBase + ix) * g.cin() + c0;
                        for (int c = 0; c < cg; c++) {
                            dx[at + c] += cols[src + c];
                        }
                    }
                }
            }
        }
    }
}
