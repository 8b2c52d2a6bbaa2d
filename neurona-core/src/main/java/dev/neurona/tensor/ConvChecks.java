package dev.neurona.tensor;

import dev.neurona.tensor.kernel.ConvGeometry;

/**
 * The argument checks of the convolution and pooling ops, each failure naming the op, the
 * shapes and the expected form, and the {@link ConvGeometry} they lead to.
 */
final class ConvChecks {

    static final String NHWC = "[batch, height, width, channels]";

    private ConvChecks() {
    }

    /** {@code x [n, h, w, c]} convolved with {@code kernel [kh, kw, c/groups, filters]}. */
    static ConvGeometry conv2d(String op, Tensor x, Tensor kernel, ConvSpec spec) {
        input(op, x);
        kernelShape(op, kernel, "[kernel height, kernel width, channels/groups, filters]");
        if (spec == null) {
            throw new IllegalArgumentException(op + ": the ConvSpec must not be null");
        }
        int[] xs = x.shape;
        int[] ks = kernel.shape;
        int groups = spec.groups();
        int c = xs[3];
        channels(op, xs, ks, groups, c, ks[2]);
        if (ks[3] % groups != 0) {
            throw new IllegalArgumentException(op + ": " + ks[3] + " filters (kernel " + Shape.toString(ks)
                    + ") do not divide into " + groups + " groups");
        }
        int oh = outputSize(op, "height", xs, ks[0], spec.strideH(), spec.dilationH(), spec.padTop(), spec.padBottom(), 1);
        int ow = outputSize(op, "width", xs, ks[1], spec.strideW(), spec.dilationW(), spec.padLeft(), spec.padRight(), 2);
        return ConvGeometry.of(xs[0], xs[1], xs[2], c, ks[0], ks[1], ks[3], groups, spec.strideH(), spec.strideW(),
                spec.dilationH(), spec.dilationW(), spec.padTop(), spec.padLeft(), oh, ow);
    }

    /**
     * {@code x [n, h, w, c]} through a transposed convolution with {@code kernel [kh, kw,
     * filters/groups, c]}: the geometry of the convolution it transposes, whose input is the
     * result {@code [n, oh, ow, filters]} and whose output is {@code x}.
     */
    static ConvGeometry conv2dTranspose(String op, Tensor x, Tensor kernel, ConvSpec spec, int outPadH, int outPadW) {
        input(op, x);
        kernelShape(op, kernel, "[kernel height, kernel width, filters/groups, channels]");
        if (spec == null) {
            throw new IllegalArgumentException(op + ": the ConvSpec must not be null");
        }
        int[] xs = x.shape;
        int[] ks = kernel.shape;
        int groups = spec.groups();
        if (xs[3] != ks[3]) {
            throw new IllegalArgumentException(op + ": the kernel " + Shape.toString(ks) + " takes " + ks[3]
                    + " input channels (its last axis) but the input " + Shape.toString(xs) + " has " + xs[3]
                    + (xs[1] == ks[3] && xs[3] != xs[1] ? channelsFirst() : ""));
        }
        if (ks[3] % groups != 0) {
            throw new IllegalArgumentException(op + ": " + ks[3] + " input channels (kernel " + Shape.toString(ks)
                    + ") do not divide into " + groups + " groups");
        }
        int oh = transposedSize(op, "height", xs[1], ks[0], spec.strideH(), spec.dilationH(),
                spec.padTop() + spec.padBottom(), outPadH, xs, ks);
        int ow = transposedSize(op, "width", xs[2], ks[1], spec.strideW(), spec.dilationW(),
                spec.padLeft() + spec.padRight(), outPadW, xs, ks);
        return ConvGeometry.of(xs[0], oh, ow, ks[2] * groups, ks[0], ks[1], xs[3], groups, spec.strideH(),
                spec.strideW(), spec.dilationH(), spec.dilationW(), spec.padTop(), spec.padLeft(), xs[1], xs[2]);
    }

    /** A {@code pool[0] × pool[1]} window over {@code x [n, h, w, c]}; padding {@code {top, bottom, left, right}}. */
    static ConvGeometry pool2d(String op, Tensor x, int[] pool, int[] strides, int[] padding) {
        input(op, x);
        pair(op, "pool size", pool, 1);
        pair(op, "strides", strides, 1);
        if (padding == null || padding.length != 4) {
            throw new IllegalArgumentException(op + ": padding must be {top, bottom, left, right}, got "
                    + (padding == null ? "null" : Shape.toString(padding)));
        }
        int[] xs = x.shape;
        for (int side = 0; side < 4; side++) {
            if (padding[side] < 0 || padding[side] >= pool[side / 2]) {
                throw new IllegalArgumentException(op + ": padding " + Shape.toString(padding)
                        + " must be 0 or more and smaller than the pool size " + Shape.toString(pool) + " on its axis");
            }
        }
        int oh = outputSize(op, "height", xs, pool[0], strides[0], 1, padding[0], padding[1], 1);
        int ow = outputSize(op, "width", xs, pool[1], strides[1], 1, padding[2], padding[3], 2);
        return ConvGeometry.of(xs[0], xs[1], xs[2], xs[3], pool[0], pool[1], xs[3], 1, strides[0], strides[1], 1, 1,
                padding[0], padding[2], oh, ow);
    }

    static void input(String op, Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException(op + ": the input must not be null");
        }
        if (x.shape.length != 4) {
            throw new IllegalArgumentException(op + ": the input must be " + NHWC + " (rank 4), got shape "
                    + Shape.toString(x.shape));
        }
    }

    private static void kernelShape(String op, Tensor kernel, String form) {
        if (kernel == null) {
            throw new IllegalArgumentException(op + ": the kernel must not be null");
        }
        if (kernel.shape.length != 4) {
            throw new IllegalArgumentException(op + ": the kernel must be " + form + " (rank 4), got shape "
                    + Shape.toString(kernel.shape));
        }
    }

    private static void pair(String op, String what, int[] values, int min) {
        if (values == null || values.length != 2 || values[0] < min || values[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " must be two values of at least " + min + ", got "
                    + (values == null ? "null" : Shape.toString(values)));
        }
    }

    /** The input's channels against the kernel's {@code perGroup} channels per group, with a channels-first hint. */
    private static void channels(String op, int[] xs, int[] ks, int groups, int c, int perGroup) {
        if (c % groups != 0) {
            throw new IllegalArgumentException(op + ": the input's " + c + " channels (shape " + Shape.toString(xs)
                    + ") do not divide into " + groups + " groups");
        }
        if (c / groups != perGroup) {
            String hint = xs[1] == perGroup * groups && xs[3] != xs[1] ? channelsFirst() : "";
            throw new IllegalArgumentException(op + ": the kernel " + Shape.toString(ks) + " takes " + perGroup
                    + " channels per group (" + groups + " group" + (groups == 1 ? "" : "s") + ", " + perGroup * groups
                    + " in all) but the input " + Shape.toString(xs) + " has " + c + " channels" + hint);
        }
    }

    private static String channelsFirst() {
        return "; the input looks channels-first ([batch, channels, height, width]): Neurona is channels-last "
                + NHWC + ", use x.permute(0, 2, 3, 1)";
    }

    private static int outputSize(String op, String axis, int[] xs, int k, int stride, int dilation, int before,
                                  int after, int dim) {
        long effective = (long) dilation * (k - 1) + 1;
        long padded = (long) xs[dim] + before + after;
        if (effective > padded) {
            throw new IllegalArgumentException(op + ": the window's " + axis + " " + k
                    + (dilation > 1 ? " (dilated to " + effective + ")" : "") + " is larger than the padded input's "
                    + padded + " (input " + Shape.toString(xs) + ", padding " + before + " + " + after + ")");
        }
        return (int) ((padded - effective) / stride + 1);
    }

    private static int transposedSize(String op, String axis, int size, int k, int stride, int dilation, int padding,
                                      int outPad, int[] xs, int[] ks) {
        if (outPad < 0 || outPad >= Math.max(stride, dilation)) {
            throw new IllegalArgumentException(op + ": output padding " + outPad + " along the " + axis
                    + " must be 0 or more and smaller than the stride (" + stride + ") or the dilation (" + dilation + ")");
        }
        long out = (long) (size - 1) * stride - padding + (long) dilation * (k - 1) + 1 + outPad;
        if (out < 1 || out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": the output " + axis + " would be " + out + " (input "
                    + Shape.toString(xs) + ", kernel " + Shape.toString(ks) + ", stride " + stride + ", padding "
                    + padding + " in all): the padding is too large");
        }
        return (int) out;
    }
}
