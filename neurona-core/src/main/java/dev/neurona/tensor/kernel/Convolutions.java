package dev.neurona.tensor.kernel;

import java.util.Arrays;

/**
 * Channels-last convolution as GEMMs (the CPU kernels of {@link Kernels#conv2d} and its two
 * backward passes). For each chunk of {@link ConvGeometry#cols()} output pixels and each group,
 * {@link Im2col} writes the patches {@code [rows, kh·kw·cg]} into the caller's scratch and one
 * product with the kernel seen as a {@code [kh·kw·cg, filters]} matrix (the group's columns,
 * through the leading dimension) writes the output rows: {@code out = cols·K},
 * {@code dK += colsᵀ·dOut}, {@code dCols = dOut·Kᵀ} then col2im. A pointwise convolution (1×1,
 * stride 1, no padding) skips im2col: the input itself is the patch matrix; a depthwise one
 * (one channel per group) runs as direct loops ({@link DepthwiseConvolutions}); a stride-1 3×3
 * one with enough channels runs its forward and input gradient by Winograd
 * ({@link WinogradConvolutions#chosen}), its kernel gradient by im2col. Nothing is allocated.
 */
final class Convolutions {

    private final Gemm gemm;
    private final WinogradConvolutions winograd;

    Convolutions(Gemm gemm) {
        this.gemm = gemm;
        this.winograd = new WinogradConvolutions(gemm);
    }

    void forward(ConvGeometry g, float[] x, float[] k, float[] out, float[] cols) {
        if (g.depthwise()) {
            DepthwiseConvolutions.forward(g, x, k, out);
            return;
        }
        if (WinogradConvolutions.chosen(g)) {
            winograd.forward(g, x, k, out, cols);
            return;
        }
        int filters = g.filters();
        int fg = g.fg();
        if (g.pointwise()) {
            int rows = g.n() * g.h() * g.w();
            for (int gr = 0; gr < g.groups(); gr++) {
                gemm.gemm(false, false, rows, fg, g.cg(), 1f, x, gr * g.cg(), g.cin(), k, gr * fg, filters, 0f, out,
                        gr * fg, filters);
            }
            return;
        }
        int patch = g.patch();
        int pixels = g.n() * g.oh() * g.ow();
        for (int r0 = 0; r0 < pixels; r0 += g.cols()) {
            int rows = Math.min(g.cols(), pixels - r0);
            int outOffset = r0 * filters;
            for (int gr = 0; gr < g.groups(); gr++) {
                Im2col.im2col(g, x, r0, rows, gr, cols);
                gemm.gemm(false, false, rows, fg, patch, 1f, cols, 0, patch, k, gr * fg, filters, 0f, out,
                        outOffset + gr * fg, filters);
            }
        }
    }

    void backwardInput(ConvGeometry g, float[] dOut, float[] k, float[] dx, float[] cols) {
        if (g.depthwise()) {
            DepthwiseConvolutions.backwardInput(g, dOut, k, dx);
            return;
        }
        if (WinogradConvolutions.chosen(g)) {
            winograd.backwardInput(g, dOut, k, dx, cols);
            return;
        }
        int filters = g.filters();
        int fg = g.fg();
        if (g.pointwise()) {
            int rows = g.n() * g.h() * g.w();
            for (int gr = 0; gr < g.groups(); gr++) {
                gemm.gemm(false, true, rows, g.cg(), fg, 1f, dOut, gr * fg, filters, k, gr * fg, filters, 0f, dx,
                        gr * g.cg(), g.cin());
            }
            return;
        }
        Arrays.fill(dx, 0f);
        int patch = g.patch();
        int pixels = g.n() * g.oh() * g.ow();
        for (int r0 = 0; r0 < pixels; r0 += g.cols()) {
            int rows = Math.min(g.cols(), pixels - r0);
            int outOffset = r0 * filters;
            for (int gr = 0; gr < g.groups(); gr++) {
                gemm.gemm(false, true, rows, patch, fg, 1f, dOut, outOffset + gr * fg, filters, k, gr * fg, filters, 0f,
                        cols, 0, patch);
                Im2col.col2imAdd(g, cols, r0, rows, gr, dx);
            }
        }
    }

    void backwardKernel(ConvGeometry g, float[] x, float[] dOut, float[] dk, float[] cols) {
        if (g.depthwise()) {
            DepthwiseConvolutions.backwardKernel(g, x, dOut, dk);
            return;
        }
        int filters = g.filters();
        int fg = g.fg();
        if (g.pointwise()) {
            int rows = g.n() * g.h() * g.w();
            for (int gr = 0; gr < g.groups(); gr++) {
                gemm.gemm(true, false, g.cg(), fg, rows, 1f, x, gr * g.cg(), g.cin(), dOut, gr * fg, filters, 0f, dk,
                        gr * fg, filters);
            }
            return;
        }
        int patch = g.patch();
        int pixels = g.n() * g.oh() * g.ow();
        for (int r0 = 0; r0 < pixels; r0 += g.cols()) {
            int rows = Math.min(g.cols(), pixels - r0);
            int outOffset = r0 * filters;
            float beta = r0 == 0 ? 0f : 1f;
            for (int gr = 0; gr < g.groups(); gr++) {
                Im2col.im2col(g, x, r0, rows, gr, cols);
                gemm.gemm(true, false, patch, fg, rows, 1f, cols, 0, patch, dOut, outOffset + gr * fg, filters, beta,
                        dk, gr * fg, filters);
            }
        }
    }
}
