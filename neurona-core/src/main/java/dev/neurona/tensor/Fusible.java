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

    /** {@code out = 2·g[0]·x}: the backward of a sum of squares (an L2 penalty's gradient). */
    record SquaresGrad(Storage g, Storage x) implements Fusible {
    }
}
