package dev.neurona.tensor;

import java.math.BigDecimal;

/**
 * Indexing primitives — {@code take}, {@code gather}, {@code scatterAdd} — and selection by
 * a mask ({@code where}), each with its backward beside its forward.
 *
 * <p><b>Index tensors are float tensors holding whole numbers</b> (what {@code argmax}
 * returns and what sparse labels are), not a separate integer type: one dtype keeps a
 * compiled step's inputs uniform, and float32 holds every integer exactly up to 2²⁴
 * (16,777,216), more than any axis here. The kernel checks each index when it runs, so a
 * compiled step checks every batch it replays: a non-integer or out-of-range index fails
 * naming the index value, its position in the index tensor and the axis size
 * ({@code take: index 7 at [1, 0] is out of range for axis 1 of size 5 (shape [3, 5])}).
 * Negative indices are out of range (as in {@code torch.index_select}). The validated
 * positions live in an array the kernel fills, which the backward (a scatter-add, where
 * duplicate indices accumulate) reads; no gradient flows to the index tensor.
 */
final class IndexOps {

    private IndexOps() {
    }

    /**
     * {@code numpy.take} / {@code torch.index_select} along {@code axis}: the output is
     * {@code x}'s shape with that axis replaced by the index tensor's shape.
     */
    static Tensor take(Tensor x, int axis, Tensor indices) {
        requireTensors("take", x, indices);
        if (x.shape.length == 0) {
            throw new IllegalArgumentException("take: needs a tensor of rank 1 or more, got a scalar");
        }
        int a = Shape.axis("take", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        int m = indices.size();
        int[] shape = new int[x.shape.length - 1 + indices.shape.length];
        System.arraycopy(x.shape, 0, shape, 0, a);
        System.arraycopy(indices.shape, 0, shape, a, indices.shape.length);
        System.arraycopy(x.shape, a + 1, shape, a + indices.shape.length, x.shape.length - a - 1);
        long elements = (long) outer * m * inner;
        if (!Shape.canAllocate(elements)) {
            throw Shape.tooLarge("take: " + m + " indices into axis " + a + " of " + Shape.toString(x.shape)
                    + " give shape " + Shape.toString(shape) + ", which", java.math.BigInteger.valueOf(elements));
        }
        int[] picked = new int[m];   // the validated indices, filled by the forward kernel, read by the backward
        Tensor out = Graph.op("take", shape, o -> {
            float[] is = indices.array();
            for (int j = 0; j < m; j++) {
                picked[j] = checkedIndex("take", is[j], j, indices.shape, a, x.shape);
            }
            float[] xs = x.array();
            float[] os = o.array();
            for (int p = 0; p < outer; p++) {
                for (int j = 0; j < m; j++) {
                    System.arraycopy(xs, (p * n + picked[j]) * inner, os, (p * m + j) * inner, inner);
                }
            }
        }, null, x, indices);
        return Graph.record(out, "take", g -> new Tensor[] {Graph.op("take_backward", x.shape.clone(), dx -> {
            float[] d = dx.array();
            float[] gs = g.array();
            java.util.Arrays.fill(d, 0f);
            for (int p = 0; p < outer; p++) {
                for (int j = 0; j < m; j++) {
                    int to = (p * n + picked[j]) * inner;
                    int from = (p * m + j) * inner;
                    for (int i = 0; i < inner; i++) {
                        d[to + i] += gs[from + i];
                    }
                }
            }
        }, null, g), null}, x, indices);
    }

    /**
     * {@code torch.gather}: {@code out[i][j][k] = x[i][index[i][j][k]][k]} for axis 1; the index
     * has {@code x}'s rank, the output its shape.
     */
    static Tensor gather(Tensor x, int axis, Tensor index) {
        requireTensors("gather", x, index);
        int a = checkIndexShape("gather", "input", x.shape, axis, index.shape);
        int[] base = offsets(index.shape, x.shape, a);
        int stride = Shape.inner(x.shape, a);
        int[] flat = new int[base.length];   // where each output element comes from, filled by the forward kernel
        Tensor out = Graph.op("gather", index.shape.clone(), o -> {
            locate("gather", index, a, x.shape, base, stride, flat);
            float[] xs = x.array();
            float[] os = o.array();
            for (int j = 0; j < flat.length; j++) {
                os[j] = xs[flat[j]];
            }
        }, null, x, index);
        return Graph.record(out, "gather", g -> new Tensor[] {Graph.op("gather_backward", x.shape.clone(), dx -> {
            float[] d = dx.array();
            float[] gs = g.array();
            java.util.Arrays.fill(d, 0f);
            for (int j = 0; j < flat.length; j++) {
                d[flat[j]] += gs[j];
            }
        }, null, g), null}, x, index);
    }

    /**
     * {@code torch.scatter_add}: a copy of {@code x} with {@code out[i][index[i][j]] += src[i][j]}
     * for axis 1; the index has {@code x}'s rank and fits in {@code src} (and in {@code x}
     * outside the axis), duplicates accumulate.
     */
    static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
        requireTensors("scatterAdd", x, index);
        if (src == null) {
            throw new IllegalArgumentException("scatterAdd: src must not be null");
        }
        int a = checkIndexShape("scatterAdd", "input", x.shape, axis, index.shape);
        if (src.shape.length != index.shape.length) {
            throw new IllegalArgumentException("scatterAdd: src of shape " + Shape.toString(src.shape)
                    + " has rank " + src.shape.length + " but the index " + Shape.toString(index.shape) + " has rank "
                    + index.shape.length + "; give src of the input's rank");
        }
        for (int d = 0; d < index.shape.length; d++) {
            if (index.shape[d] > src.shape[d]) {
                throw new IllegalArgumentException("scatterAdd: the index of shape " + Shape.toString(index.shape)
                        + " does not fit in src of shape " + Shape.toString(src.shape) + ": dimension " + d + " is "
                        + index.shape[d] + " > " + src.shape[d] + " (need index.shape[d] <= src.shape[d])");
            }
        }
        int[] base = offsets(index.shape, x.shape, a);
        int[] from = offsets(index.shape, src.shape, -1);
        int stride = Shape.inner(x.shape, a);
        int[] flat = new int[base.length];
        boolean covers = src.size() == from.length;
        Tensor out = Graph.op("scatterAdd", x.shape.clone(), o -> {
            locate("scatterAdd", index, a, x.shape, base, stride, flat);
            float[] os = o.array();
            float[] ss = src.array();
            System.arraycopy(x.array(), 0, os, 0, os.length);
            for (int j = 0; j < flat.length; j++) {
                os[flat[j]] += ss[from[j]];
            }
        }, null, x, index, src);
        return Graph.record(out, "scatterAdd", g -> new Tensor[] {g, null,
                src.requiresGrad ? Graph.op("scatterAdd_backward", src.shape.clone(), ds -> {
                    float[] d = ds.array();
                    float[] gs = g.array();
                    if (!covers) {
                        java.util.Arrays.fill(d, 0f);
                    }
                    for (int j = 0; j < flat.length; j++) {
                        d[from[j]] = gs[flat[j]];
                    }
                }, null, g) : null}, x, index, src);
    }

    /**
     * Elementwise {@code condition ? a : b}, broadcasting all three; a condition is true where
     * nonzero (NaN included). The gradient goes to {@code a} where true, to {@code b} where false.
     */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        if (condition == null || a == null || b == null) {
            throw new IllegalArgumentException("where: condition, a and b must not be null");
        }
        return select("where", condition, a, b, broadcast3(condition.shape, a.shape, b.shape));
    }

    /** {@code value} where {@code mask} is nonzero, else {@code x}; the mask broadcasts to {@code x}'s shape. */
    static Tensor maskedFill(Tensor x, Tensor mask, float value) {
        if (mask == null) {
            throw new IllegalArgumentException("maskedFill: mask must not be null");
        }
        int[] shape = Shape.broadcast("maskedFill", mask.shape, x.shape);
        if (!java.util.Arrays.equals(shape, x.shape)) {
            throw new IllegalArgumentException("maskedFill: a mask of shape " + Shape.toString(mask.shape)
                    + " does not broadcast to the input's shape " + Shape.toString(x.shape));
        }
        return select("maskedFill", mask, Tensor.scalar(value), x, shape);
    }

    private static Tensor select(String op, Tensor c, Tensor a, Tensor b, int[] shape) {
        Tensor out = selected(op, c, a, b, shape);
        return Graph.record(out, op, g -> {
            Tensor zero = Tensor.scalar(0f);
            return new Tensor[] {null,
                    a.requiresGrad ? MathOps.reduceTo(selected(op + "_backward", c, g, zero, shape), a.shape) : null,
                    b.requiresGrad ? MathOps.reduceTo(selected(op + "_backward", c, zero, g, shape), b.shape) : null};
        }, c, a, b);
    }

    /** The selection kernel as an op without a gradient. */
    private static Tensor selected(String op, Tensor c, Tensor a, Tensor b, int[] shape) {
        // a scalar result runs as a vector of one
        int[] kernelShape = shape.length == 0 ? new int[] {1} : shape;
        int[] sc = strides(c.shape, kernelShape);
        int[] sa = strides(a.shape, kernelShape);
        int[] sb = strides(b.shape, kernelShape);
        int[] counter = new int[kernelShape.length];
        return Graph.op(op, shape.clone(), o -> select(c.array(), sc, a.array(), sa, b.array(), sb, o.array(),
                kernelShape, counter), null, c, a, b);
    }

    /** {@code out = c ? a : b} with each operand read through its broadcast strides; {@code counter} is scratch. */
    private static void select(float[] c, int[] sc, float[] a, int[] sa, float[] b, int[] sb, float[] out,
                               int[] shape, int[] counter) {
        int n = out.length;
        if (c.length == n && a.length == n && b.length == n) {
            for (int i = 0; i < n; i++) {
                out[i] = c[i] != 0f ? a[i] : b[i];
            }
            return;
        }
        int rank = shape.length;
        int inner = shape[rank - 1];
        int ic = sc[rank - 1];
        int ia = sa[rank - 1];
        int ib = sb[rank - 1];
        java.util.Arrays.fill(counter, 0);
        int co = 0;
        int ao = 0;
        int bo = 0;
        for (int o = 0; o < n; o += inner) {
            for (int i = 0; i < inner; i++) {
                out[o + i] = c[co + i * ic] != 0f ? a[ao + i * ia] : b[bo + i * ib];
            }
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                co += sc[d];
                ao += sa[d];
                bo += sb[d];
                if (counter[d] < shape[d]) {
                    break;
                }
                co -= sc[d] * shape[d];
                ao -= sa[d] * shape[d];
                bo -= sb[d] * shape[d];
                counter[d] = 0;
            }
        }
    }

    /** Row-major strides of {@code shape} aligned right against {@code target}, 0 where it repeats. */
    private static int[] strides(int[] shape, int[] target) {
        int[] s = new int[target.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i + target.length - shape.length] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }
        return s;
    }

    /** The broadcast of where's three shapes, failing with all three. */
    private static int[] broadcast3(int[] c, int[] a, int[] b) {
        int rank = Math.max(c.length, Math.max(a.length, b.length));
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int dc = dim(c, i, rank);
            int da = dim(a, i, rank);
            int db = dim(b, i, rank);
            int size = Math.max(dc, Math.max(da, db));
            if ((dc != 1 && dc != size) || (da != 1 && da != size) || (db != 1 && db != size)) {
                throw new IllegalArgumentException("where: condition " + Shape.toString(c) + ", a " + Shape.toString(a)
                        + " and b " + Shape.toString(b) + " cannot be broadcast together (dimension " + i + ": "
                        + dc + ", " + da + " and " + db + "; sizes must be equal or 1)");
            }
            out[i] = size;
        }
        Shape.allocatable("where", out);
        return out;
    }

    private static int dim(int[] shape, int i, int rank) {
        return i < rank - shape.length ? 1 : shape[i - (rank - shape.length)];
    }

    // ------------------------------------------------------------ index checks

    private static void requireTensors(String op, Tensor x, Tensor index) {
        if (x == null || index == null) {
            throw new IllegalArgumentException(op + ": the tensor and its index must not be null");
        }
    }

    /** Checks a gather/scatter index against {@code shape}: the same rank, no larger outside the axis. */
    private static int checkIndexShape(String op, String what, int[] shape, int axis, int[] index) {
        if (shape.length == 0) {
            throw new IllegalArgumentException(op + ": needs a tensor of rank 1 or more, got a scalar");
        }
        int a = Shape.axis(op, axis, shape.length);
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": the index of shape " + Shape.toString(index) + " has rank "
                    + index.length + " but the " + what + " " + Shape.toString(shape) + " has rank " + shape.length
                    + "; give an index of the " + what + "'s rank");
        }
        for (int d = 0; d < shape.length; d++) {
            if (d != a && index[d] > shape[d]) {
                throw new IllegalArgumentException(op + ": the index of shape " + Shape.toString(index)
                        + " does not fit the " + what + " " + Shape.toString(shape) + " outside axis " + a
                        + ": dimension " + d + " is " + index[d] + " > " + shape[d]
                        + " (need index.shape[d] <= " + what + ".shape[d] for d != axis)");
            }
        }
        return a;
    }

    /**
     * The flat offset in {@code target} of every position of {@code index} (row-major), that
     * position's coordinate on {@code skip} counted as 0 ({@code skip = -1}: every coordinate counts).
     */
    private static int[] offsets(int[] index, int[] target, int skip) {
        int n = Shape.size(index);
        int[] out = new int[n];
        int rank = index.length;
        int[] stride = new int[rank];
        for (int d = rank - 1, s = 1; d >= 0; d--) {
            stride[d] = d == skip ? 0 : s;
            s *= target[d];
        }
        int[] counter = new int[rank];
        int off = 0;
        for (int j = 0; j < n; j++) {
            out[j] = off;
            off = dev.neurona.tensor.kernel.Odometer.advance(counter, index, stride, off, rank - 1);
        }
        return out;
    }

    /** {@code flat[j] = base[j] + index[j] · stride}, each index checked against axis {@code a} of {@code shape}. */
    private static void locate(String op, Tensor index, int a, int[] shape, int[] base, int stride, int[] flat) {
        float[] is = index.array();
        for (int j = 0; j < flat.length; j++) {
            flat[j] = base[j] + checkedIndex(op, is[j], j, index.shape, a, shape) * stride;
        }
    }

    /**
     * The index {@code v} (entry {@code j} of an index tensor of {@code indexShape}) as an int
     * in {@code [0, shape[axis])}.
     *
     * @throws IndexOutOfBoundsException naming the value, its position and the axis size
     * @throws IllegalArgumentException when {@code v} is not a whole number
     */
    static int checkedIndex(String op, float v, int j, int[] indexShape, int axis, int[] shape) {
        int i = (int) v;
        if (i == v && i >= 0 && i < shape[axis]) {
            return i;
        }
        String at = indexShape.length == 0 ? "" : " at " + position(j, indexShape);
        if (Float.isFinite(v) && v == Math.rint(v)) {
            throw new IndexOutOfBoundsException(op + ": index " + new BigDecimal(v).toPlainString() + at
                    + " is out of range for axis " + axis + " of size " + shape[axis] + " (shape " + Shape.toString(shape)
                    + ")");
        }
        throw new IllegalArgumentException(op + ": index " + v + at + " is not a whole number (axis " + axis
                + " of size " + shape[axis] + ", shape " + Shape.toString(shape)
                + "); indices are float tensors holding integers 0 to " + (shape[axis] - 1));
    }

    /** The coordinates of flat position {@code j} in {@code shape}, as {@code [1, 0]}. */
    private static String position(int j, int[] shape) {
        int[] coords = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            coords[d] = j % shape[d];
            j /= shape[d];
        }
        return Shape.toString(coords);
    }
}
