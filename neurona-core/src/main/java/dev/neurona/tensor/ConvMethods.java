package dev.neurona.tensor;

/**
 * Tensor's convolutions and pooling, channels-last as Keras ({@code [batch, height, width,
 * channels]}, and {@code [batch, steps, channels]} in 1-D), kernels in Keras's layout.
 * Package-private: its methods are {@link Tensor}'s, grouped here so that each group stays
 * short; each only checks arguments and delegates to {@link ConvOps}, where forward and backward
 * run through the kernel contract.
 */
sealed interface ConvMethods permits Tensor {

    /** This tensor (the only implementation is {@link Tensor}). */
    private Tensor self() {
        return (Tensor) this;
    }

    /** {@link #conv2d(Tensor, ConvSpec)} with stride 1, no padding, no dilation, one group. */
    default Tensor conv2d(Tensor kernel) {
        return conv2d(kernel, ConvSpec.DEFAULT);
    }

    /**
     * The 2-D convolution (cross-correlation, as in Keras and PyTorch) of this
     * {@code [batch, height, width, channels]} input with {@code kernel [kh, kw, channels/groups,
     * filters]}: {@code [batch, oh, ow, filters]}, {@code oh = (height + padTop + padBottom −
     * dilationH·(kh − 1) − 1) / strideH + 1}. Differentiable in both.
     *
     * @throws IllegalArgumentException for a wrong rank, channels that do not match the kernel
     *         or divide by the groups, or a window larger than the padded input
     */
    default Tensor conv2d(Tensor kernel, ConvSpec spec) {
        return ConvOps.conv2d(self(), kernel, spec);
    }

    /**
     * The 1-D convolution of this {@code [batch, steps, channels]} input with
     * {@code kernel [k, channels/groups, filters]}: {@code [batch, out steps, filters]}. It runs
     * as a 2-D convolution of height 1, so it reads the width entries of {@code spec} (make one
     * with {@link ConvSpec#of1d}); the height entries must be the defaults.
     */
    default Tensor conv1d(Tensor kernel, ConvSpec spec) {
        Tensor x = self();
        oneD("conv1d", x, spec);
        if (kernel == null || kernel.shape.length != 3) {
            throw new IllegalArgumentException("conv1d: the kernel must be [kernel size, channels/groups, filters] (rank 3), got "
                    + (kernel == null ? "null" : "shape " + Shape.toString(kernel.shape)));
        }
        return ConvOps.conv2d("conv1d", x.unsqueeze(1), kernel.unsqueeze(0), spec).squeeze(1);
    }

    /** {@link #conv2dTranspose(Tensor, ConvSpec, int, int)} without output padding. */
    default Tensor conv2dTranspose(Tensor kernel, ConvSpec spec) {
        return conv2dTranspose(kernel, spec, 0, 0);
    }

    /**
     * The transposed convolution (the gradient of {@link #conv2d} with respect to its input, as
     * PyTorch's {@code conv_transpose2d}) of this {@code [batch, height, width, channels]} input
     * with {@code kernel [kh, kw, filters/groups, channels]} (Keras's {@code Conv2DTranspose}
     * layout): {@code [batch, oh, ow, filters]}, {@code oh = (height − 1)·strideH − padTop −
     * padBottom + dilationH·(kh − 1) + 1 + outPadH}. The padding is the one of the convolution it
     * transposes; {@code outPadH, outPadW} (each smaller than the stride or the dilation) add
     * rows and columns at the far side to pick among the output sizes that convolution maps back.
     */
    default Tensor conv2dTranspose(Tensor kernel, ConvSpec spec, int outPadH, int outPadW) {
        return ConvOps.conv2dTranspose(self(), kernel, spec, outPadH, outPadW);
    }

    /** {@link #maxPool2d(int[], int[], int[])} over {@code pool × pool} windows, stride {@code pool}, no padding. */
    default Tensor maxPool2d(int pool) {
        return maxPool2d(new int[] {pool, pool}, new int[] {pool, pool}, new int[4]);
    }

    /**
     * The maximum of each {@code pool[0] × pool[1]} window of this {@code [batch, height, width,
     * channels]} input, moved by {@code strides}, over the input padded by {@code padding}
     * ({@code {top, bottom, left, right}}, each smaller than the pool on its axis; padded cells
     * are never the maximum). The gradient goes to the first maximum of each window, as in PyTorch.
     */
    default Tensor maxPool2d(int[] pool, int[] strides, int[] padding) {
        return ConvOps.maxPool2d(self(), pool, strides, padding);
    }

    /** {@link #avgPool2d(int[], int[], int[])} over {@code pool × pool} windows, stride {@code pool}, no padding. */
    default Tensor avgPool2d(int pool) {
        return avgPool2d(new int[] {pool, pool}, new int[] {pool, pool}, new int[4]);
    }

    /**
     * The mean of each window as {@link #maxPool2d(int[], int[], int[])} chooses them, over the
     * cells inside the input only (padded cells are not counted: Keras's {@code same}, PyTorch's
     * {@code count_include_pad=False}).
     */
    default Tensor avgPool2d(int[] pool, int[] strides, int[] padding) {
        return ConvOps.avgPool2d(self(), pool, strides, padding);
    }

    /** The maximum over windows of {@code pool} steps of this {@code [batch, steps, channels]} input (see {@link #maxPool2d(int[], int[], int[])}). */
    default Tensor maxPool1d(int pool, int stride, int padLeft, int padRight) {
        Tensor x = self();
        oneD("maxPool1d", x, ConvSpec.DEFAULT);
        return ConvOps.maxPool2d(x.unsqueeze(1), new int[] {1, pool}, new int[] {1, stride},
                new int[] {0, 0, padLeft, padRight}).squeeze(1);
    }

    /** The mean over windows of {@code pool} steps of this {@code [batch, steps, channels]} input (see {@link #avgPool2d(int[], int[], int[])}). */
    default Tensor avgPool1d(int pool, int stride, int padLeft, int padRight) {
        Tensor x = self();
        oneD("avgPool1d", x, ConvSpec.DEFAULT);
        return ConvOps.avgPool2d(x.unsqueeze(1), new int[] {1, pool}, new int[] {1, stride},
                new int[] {0, 0, padLeft, padRight}).squeeze(1);
    }

    private static void oneD(String op, Tensor x, ConvSpec spec) {
        if (x.shape.length != 3) {
            throw new IllegalArgumentException(op + ": the input must be [batch, steps, channels] (rank 3), got shape "
                    + Shape.toString(x.shape));
        }
        if (spec == null) {
            throw new IllegalArgumentException(op + ": the ConvSpec must not be null");
        }
        if (spec.strideH() != 1 || spec.dilationH() != 1 || spec.padTop() != 0 || spec.padBottom() != 0) {
            throw new IllegalArgumentException(op + ": a 1-D spec has only width entries (ConvSpec.of1d), got " + spec);
        }
    }
}
