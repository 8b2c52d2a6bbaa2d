package dev.neurona.tensor;

import dev.neurona.tensor.kernel.ActivationKernel;

/**
 * What an op computes, in terms the planner can fuse: the ops that today's dense layers are
 * made of. Each record names the storages the op reads; the op's output is the trace step's
 * written storage. A fused pass computes exactly what the separate ops compute, element by
 * element and in the same order, so the bits do not change.
 */
sealed interface Fusible {

    /** {@code out[r, c] = a[r, c] + bias[c]}: a row vector of {@code cols} added to every row. */
    record RowBias(Storage a, Storage bias, int cols) implements Fusible {
    }

    /** {@code out = f(x)}, elementwise. */
    record Activation(ActivationKernel kernel, float alpha, Storage x) implements Fusible {
    }

    /** {@code out = g · f'(x)} with {@code y = f(x)}, elementwise. */
    record ActivationGrad(ActivationKernel kernel, float alpha, Storage g, Storage x, Storage y) implements Fusible {
    }

    /** {@code out[c] = Σ_r g[r, c]}, rows in order: a bias's gradient. */
    record ColumnSum(Storage g, int cols) implements Fusible {
    }

    /**
     * {@code out = (x − center[c])·scale[c] + shift[c]} over rows of {@code channels}
     * ({@code shift} may be null): batch normalization in inference.
     */
    record ChannelNormalize(Storage x, Storage center, Storage scale, Storage shift, int channels) implements Fusible {
    }

    /**
     * {@code out = conv2d(x, kernel)} as the kernels compute it, with the op's im2col scratch:
     * what the planner needs to fold a following {@link ChannelNormalize} into the kernel.
     */
    record Conv(dev.neurona.tensor.kernel.ConvGeometry geometry, Storage x, Storage kernel, float[] scratch)
            implements Fusible {
    }

    /** {@code out = 2·g[0]·x}: the backward of a sum of squares (an L2 penalty's gradient). */
    record SquaresGrad(Storage g, Storage x) implements Fusible {
    }

    /**
     * An op whose output elements {@code [from, to)} of its {@code extent} can be computed on
     * their own, reading its inputs only at the same indices (or a broadcast row or scalar): a
     * chain of such ops runs tile by tile, each tile passing through the whole chain while it is
     * in cache. Tiles are whole multiples of {@code align} elements (a row, for ops that work
     * row by row); {@code prepare} (or {@code null}) runs once before the first tile. An op that
     * {@code reduces} (column sums of its rows) completes its written output only with the last
     * tile, so it can only end a chain.
     */
    record Pointwise(Range range, Runnable prepare, int align, int extent, boolean reduces) implements Fusible {

        /** A plain elementwise op over {@code extent} elements. */
        static Pointwise of(Range range, int extent) {
            return new Pointwise(range, null, 1, extent, false);
        }
    }

    /** Computes an op's output elements {@code [from, to)} into {@code out} (the op's written values). */
    @FunctionalInterface
    interface Range {
        void run(Storage out, int from, int to);
    }
}
