package dev.neurona.tensor;

import java.util.Arrays;

/**
 * How a 2-D convolution moves its kernel: strides, explicit padding per side (zeros, added
 * before the window moves; Keras's {@code same} is {@link #samePadding}), dilation and the
 * number of groups (channels and filters split into {@code groups} independent convolutions;
 * {@code groups == channels} is a depthwise convolution). Immutable; the methods named after
 * a setting return a changed copy: {@code ConvSpec.DEFAULT.strides(2).padding(1, 1, 1, 1)}.
 *
 * @param strideH   rows the window moves per output row, at least 1
 * @param strideW   columns the window moves per output column, at least 1
 * @param padTop    zero rows above the input
 * @param padBottom zero rows below
 * @param padLeft   zero columns on the left
 * @param padRight  zero columns on the right
 * @param dilationH spacing of the kernel's rows (1: adjacent), at least 1
 * @param dilationW spacing of the kernel's columns, at least 1
 * @param groups    independent channel groups, at least 1
 */
@SuppressWarnings("checkstyle:ParameterNumber")
public record ConvSpec(int strideH, int strideW, int padTop, int padBottom, int padLeft, int padRight, int dilationH,
                       int dilationW, int groups) {

    /** Stride 1, no padding, no dilation, one group (Keras's {@code valid} defaults). */
    public static final ConvSpec DEFAULT = new ConvSpec(1, 1, 0, 0, 0, 0, 1, 1, 1);

    /** Checks every value. */
    public ConvSpec {
        if (strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("ConvSpec: strides must be at least 1, got [" + strideH + ", " + strideW
                    + "]");
        }
        if (dilationH <= 0 || dilationW <= 0) {
            throw new IllegalArgumentException("ConvSpec: dilation must be at least 1, got [" + dilationH + ", "
                    + dilationW + "]");
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("ConvSpec: padding must be 0 or more, got [top " + padTop + ", bottom "
                    + padBottom + ", left " + padLeft + ", right " + padRight + "]");
        }
        if (groups <= 0) {
            throw new IllegalArgumentException("ConvSpec: groups must be at least 1, got " + groups);
        }
    }

    /**
     * A 1-D convolution's spec for {@code conv1d} (which runs as a 2-D one of height 1): the
     * width entries are the given ones, the height entries the defaults.
     */
    public static ConvSpec of1d(int stride, int padLeft, int padRight, int dilation, int groups) {
        return new ConvSpec(1, stride, 0, 0, padLeft, padRight, 1, dilation, groups);
    }

    /** The same stride along both axes. */
    public ConvSpec strides(int stride) {
        return strides(stride, stride);
    }

    /** These strides. */
    public ConvSpec strides(int rows, int columns) {
        return new ConvSpec(rows, columns, padTop, padBottom, padLeft, padRight, dilationH, dilationW, groups);
    }

    /** This padding, per side. */
    public ConvSpec padding(int top, int bottom, int left, int right) {
        return new ConvSpec(strideH, strideW, top, bottom, left, right, dilationH, dilationW, groups);
    }

    /** The same dilation along both axes. */
    public ConvSpec dilation(int rate) {
        return dilation(rate, rate);
    }

    /** This dilation. */
    public ConvSpec dilation(int rows, int columns) {
        return new ConvSpec(strideH, strideW, padTop, padBottom, padLeft, padRight, rows, columns, groups);
    }

    /** This many groups. */
    public ConvSpec groups(int count) {
        return new ConvSpec(strideH, strideW, padTop, padBottom, padLeft, padRight, dilationH, dilationW, count);
    }

    /**
     * Keras's (TensorFlow's) {@code same} padding of one axis, {@code {before, after}}: the output
     * has {@code ceil(size / stride)} entries, and an odd total puts the extra zero after.
     */
    public static int[] samePadding(int size, int kernel, int stride, int dilation) {
        if (size <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0) {
            throw new IllegalArgumentException("ConvSpec.samePadding: size, kernel, stride and dilation must be at least 1, got "
                    + Arrays.toString(new int[] {size, kernel, stride, dilation}));
        }
        int effective = dilation * (kernel - 1) + 1;
        int out = (size + stride - 1) / stride;
        int total = Math.max(0, (out - 1) * stride + effective - size);
        return new int[] {total / 2, total - total / 2};
    }
}
