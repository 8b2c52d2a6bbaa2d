package dev.neurona.tensor;

import java.util.Arrays;

/**
 * The ops that move values without computing new ones (PyTorch's names and semantics):
 * views in another shape ({@code view}, {@code squeeze}, {@code unsqueeze}: aliases that copy
 * nothing), and walks that reorder them ({@code permute}, {@code transpose}, {@code flip},
 * {@code slice} with a step, {@code expand}, {@code pad}, {@code stack}, {@code split}),
 * each a {@link Strided} copy whose backward is the adjoint walk. Arguments are checked, and
 * negative axes resolved, before anything is allocated.
 */
final class MovementOps {

    private MovementOps() {
    }

    static Tensor view(Tensor x, int[] shape) {
        return ShapeOps.reshape("view", x, shape);
    }

    static Tensor squeeze(Tensor x, int axis) {
        int a = Shape.axis("squeeze", axis, x.shape.length);
        if (x.shape[a] != 1) {
            throw new IllegalArgumentException("squeeze(" + axis + ") on shape " + Shape.toString(x.shape)
                    + ": dimension " + a + " has size " + x.shape[a] + "; only a dimension of size 1 can be removed");
        }
        return alias("squeeze", x, Shape.reduced(x.shape, a, false));
    }

    static Tensor unsqueeze(Tensor x, int axis) {
        int rank = x.shape.length;
        int a = newAxis("unsqueeze", axis, rank, "a tensor of rank " + rank + ", which gains one");
        int[] shape = new int[rank + 1];
        for (int d = 0, j = 0; d <= rank; d++) {
            shape[d] = d == a ? 1 : x.shape[j++];
        }
        return alias("unsqueeze", x, shape);
    }

    /** An axis of the result of adding one to {@code rank} dimensions: from {@code -rank-1} to {@code rank}. */
    private static int newAxis(String op, int axis, int rank, String of) {
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for " + of + " (expected "
                    + (-rank - 1) + " to " + rank + ")");
        }
        return a;
    }

    /** {@code x}'s values in {@code shape} (of the same size), back to {@code x}'s shape in backward. */
    private static Tensor alias(String op, Tensor x, int[] shape) {
        return Graph.alias(op, x, shape, g -> new Tensor[] {Graph.alias(op + "_backward", g, x.shape.clone(), null)});
    }

    static Tensor permute(Tensor x, int[] axes) {
        int rank = x.shape.length;
        int[] p = axes == null ? new int[0] : axes.clone();
        boolean[] seen = new boolean[rank];
        boolean ok = p.length == rank;
        for (int i = 0; ok && i < rank; i++) {
            p[i] = p[i] < 0 ? p[i] + rank : p[i];
            ok = p[i] >= 0 && p[i] < rank && !seen[p[i]];
            if (ok) {
                seen[p[i]] = true;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("permute(" + Arrays.toString(axes) + ") on a tensor of rank " + rank
                    + ": give a permutation of " + (rank == 0 ? "no axes" : "0.." + (rank - 1))
                    + " (each axis once; negative axes count from the end)");
        }
        return permuted("permute", x, p);
    }

    static Tensor transpose(Tensor x, int axis0, int axis1) {
        int rank = x.shape.length;
        int a = Shape.axis("transpose", axis0, rank);
        int b = Shape.axis("transpose", axis1, rank);
        int[] p = new int[rank];
        for (int d = 0; d < rank; d++) {
            p[d] = d == a ? b : d == b ? a : d;
        }
        return permuted("transpose", x, p);
    }

    /** Output axis {@code d} is input axis {@code p[d]}; the identity is an alias. */
    private static Tensor permuted(String op, Tensor x, int[] p) {
        int rank = p.length;
        boolean identity = true;
        for (int d = 0; d < rank; d++) {
            identity &= p[d] == d;
        }
        if (identity) {
            return alias(op, x, x.shape.clone());
        }
        int[] in = Strided.contiguous(x.shape);
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = x.shape[p[d]];
            strides[d] = in[p[d]];
        }
        return Strided.view(op, x, shape, 0, strides);
    }

    static Tensor flip(Tensor x, int[] axes) {
        if (axes == null) {
            throw new IllegalArgumentException("flip: give the axes to reverse");
        }
        int rank = x.shape.length;
        int[] strides = Strided.contiguous(x.shape);
        boolean[] flipped = new boolean[rank];
        int offset = 0;
        for (int axis : axes) {
            int a = Shape.axis("flip", axis, rank);
            if (flipped[a]) {
                throw new IllegalArgumentException("flip(" + Arrays.toString(axes) + ") on shape " + Shape.toString(x.shape)
                        + ": axis " + a + " is given twice; name each axis once");
            }
            flipped[a] = true;
            offset += (x.shape[a] - 1) * strides[a];
            strides[a] = -strides[a];
        }
        return Strided.view("flip", x, x.shape.clone(), offset, strides);
    }

    /**
     * PyTorch's {@code expand}: {@code -1} keeps a dimension, a dimension of size 1 repeats to
     * any size, and new leading dimensions may be added.
     */
    static Tensor expand(Tensor x, int[] sizes) {
        if (sizes == null) {
            throw new IllegalArgumentException("expand: give the new sizes");
        }
        int rank = x.shape.length;
        int lead = sizes.length - rank;
        if (lead < 0) {
            throw new IllegalArgumentException("expand(" + Arrays.toString(sizes) + ") on shape " + Shape.toString(x.shape)
                    + ": give at least " + rank + " sizes, one per dimension (new leading dimensions may be added)");
        }
        int[] shape = new int[sizes.length];
        int[] in = Strided.contiguous(x.shape);
        int[] strides = new int[sizes.length];
        for (int d = 0; d < sizes.length; d++) {
            int have = d < lead ? 1 : x.shape[d - lead];
            int want = sizes[d] == -1 && d >= lead ? have : sizes[d];
            if (want < 1 || (have != 1 && want != have)) {
                String why = d < lead ? "a new leading dimension needs a size of at least 1 (-1 only keeps an existing one)"
                        : have == 1 ? "give a size of at least 1, or -1 to keep it"
                        : "that dimension of the tensor has size " + have + ": give " + have
                        + " or -1 there (only a dimension of size 1 expands)";
                throw new IllegalArgumentException("expand(" + Arrays.toString(sizes) + ") on shape "
                        + Shape.toString(x.shape) + ": size " + sizes[d] + " at position " + d + " is not possible; " + why);
            }
            shape[d] = want;
            strides[d] = d < lead || have == 1 ? 0 : in[d - lead];
        }
        Shape.allocatable("expand", shape);
        Tensor out = Strided.gather("expand", x, shape, 0, strides);
        return Graph.record(out, "expand", g -> new Tensor[] {MathOps.reduceTo(g, x.shape)}, x);
    }

    /**
     * Python's {@code x[..., start:stop:step]} on {@code axis}: negative bounds count from the
     * end, bounds past either end are clamped, {@code step >= 1}; an empty result is an error.
     */
    static Tensor slice(Tensor x, int axis, int start, int stop, int step) {
        String call = "slice(" + axis + ", " + start + ", " + stop + ", " + step + ") on shape " + Shape.toString(x.shape);
        if (x.shape.length == 0) {
            throw new IllegalArgumentException(call + ": a scalar has no axis to slice; reshape it to [1] first");
        }
        int a = Shape.axis("slice", axis, x.shape.length);
        if (step < 1) {
            throw new IllegalArgumentException(call + ": step " + step + " is not possible; give a step of 1 or more");
        }
        int n = x.shape[a];
        long from = clamp(start, n);
        long to = clamp(stop, n);
        if (from >= to) {
            throw new IndexOutOfBoundsException(call + ": the range " + start + ":" + stop + " selects nothing of axis "
                    + a + " (size " + n + "), where it means [" + from + ", " + to + "); give start < stop");
        }
        int[] shape = x.shape.clone();
        shape[a] = (int) ((to - from + step - 1) / step);
        int[] strides = Strided.contiguous(x.shape);
        int offset = (int) from * strides[a];
        if (shape[a] > 1) {
            strides[a] *= step;   // a single entry needs no step (and a huge step would overflow)
        }
        return Strided.view("slice", x, shape, offset, strides);
    }

    /** A Python slice bound on an axis of size {@code n}: negative counts from the end, clamped to {@code [0, n]}. */
    private static long clamp(int bound, int n) {
        long b = bound < 0 ? (long) bound + n : bound;
        return Math.max(0, Math.min(n, b));
    }

    /**
     * Constant padding in {@code torch.nn.functional.pad} order: {@code padding} holds pairs
     * (before, after) from the last axis backwards.
     */
    static Tensor pad(Tensor x, int[] padding, float value) {
        int rank = x.shape.length;
        String call = "pad(" + Arrays.toString(padding) + ") on shape " + Shape.toString(x.shape);
        if (padding == null || padding.length == 0 || padding.length % 2 != 0 || padding.length > 2 * rank) {
            throw new IllegalArgumentException(call + ": give pairs (before, after) from the last axis backwards, "
                    + "at most " + rank + " pairs for rank " + rank + ", such as {left, right, top, bottom}");
        }
        int[] shape = x.shape.clone();
        long[] wide = new long[rank];
        int offset = 0;
        int[] outStrides = new int[rank];
        for (int d = 0; d < rank; d++) {
            wide[d] = x.shape[d];
        }
        for (int i = 0; i < padding.length; i++) {
            if (padding[i] < 0) {
                throw new IllegalArgumentException(call + ": amount " + padding[i] + " at position " + i
                        + " is negative; padding amounts must be 0 or more (use slice to crop)");
            }
            wide[rank - 1 - i / 2] += padding[i];
        }
        long size = 1;
        for (int d = 0; d < rank; d++) {
            if (wide[d] > Integer.MAX_VALUE) {
                throw Shape.tooLarge(call + ": axis " + d + " would have " + wide[d] + " entries, which",
                        java.math.BigInteger.valueOf(wide[d]));
            }
            shape[d] = (int) wide[d];
            size = Math.min(size * wide[d], Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (!Shape.canAllocate(size)) {
            throw Shape.tooLarge(call + ": the result " + Shape.toString(shape), Shape.product(shape));
        }
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            outStrides[d] = stride;
            stride *= shape[d];
        }
        for (int i = 0; i < padding.length; i += 2) {
            int d = rank - 1 - i / 2;
            offset += padding[i] * outStrides[d];
        }
        return Strided.place("pad", x, shape, offset, outStrides, value);
    }

    static Tensor stack(int axis, Tensor[] tensors) {
        if (tensors == null || tensors.length == 0) {
            throw new IllegalArgumentException("stack: need at least one tensor");
        }
        int[] first = tensors[0].shape;
        int a = newAxis("stack", axis, first.length, "tensors of rank " + first.length + ", stacked into rank "
                + (first.length + 1));
        for (int i = 1; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].shape, first)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shape.toString(tensors[i].shape)
                        + " but tensor 0 has " + Shape.toString(first) + "; stack needs tensors of one shape");
            }
        }
        Tensor[] parts = new Tensor[tensors.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = unsqueeze(tensors[i], a);
        }
        return ShapeOps.concat(a, parts);
    }

    /** PyTorch's {@code split} with a list of sizes: consecutive pieces along {@code axis}. */
    static Tensor[] split(Tensor x, int axis, int[] sizes) {
        String call = "split(" + axis + ", " + Arrays.toString(sizes) + ") on shape " + Shape.toString(x.shape);
        if (x.shape.length == 0) {
            throw new IllegalArgumentException(call + ": a scalar has no axis to split");
        }
        int a = Shape.axis("split", axis, x.shape.length);
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException(call + ": give the size of each piece");
        }
        long total = 0;
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException(call + ": piece size " + s + " is not possible; every piece needs "
                        + "a size of at least 1");
            }
            total += s;
        }
        if (total != x.shape[a]) {
            throw new IllegalArgumentException(call + ": the sizes sum to " + total + " but axis " + a + " has size "
                    + x.shape[a] + "; they must sum to it (chunk(axis, n) cuts n equal pieces)");
        }
        Tensor[] pieces = new Tensor[sizes.length];
        int from = 0;
        for (int i = 0; i < sizes.length; i++) {
            pieces[i] = sizes[i] == x.shape[a] ? alias("split", x, x.shape.clone()) : piece(x, a, from, sizes[i]);
            from += sizes[i];
        }
        return pieces;
    }

    /** {@code chunks} equal pieces along {@code axis}, whose size must divide evenly. */
    static Tensor[] chunk(Tensor x, int axis, int chunks) {
        String call = "chunk(" + axis + ", " + chunks + ") on shape " + Shape.toString(x.shape);
        if (x.shape.length == 0) {
            throw new IllegalArgumentException(call + ": a scalar has no axis to split");
        }
        int a = Shape.axis("chunk", axis, x.shape.length);
        if (chunks < 1 || x.shape[a] % chunks != 0) {
            throw new IllegalArgumentException(call + ": axis " + a + " of size " + x.shape[a] + " does not divide into "
                    + chunks + " equal pieces; give a divisor of " + x.shape[a] + " (or split(axis, sizes...) for unequal pieces)");
        }
        int[] sizes = new int[chunks];
        Arrays.fill(sizes, x.shape[a] / chunks);
        return split(x, a, sizes);
    }

    /** Entries {@code [from, from + size)} of axis {@code a}. */
    private static Tensor piece(Tensor x, int a, int from, int size) {
        int[] shape = x.shape.clone();
        shape[a] = size;
        int[] strides = Strided.contiguous(x.shape);
        return Strided.view("split", x, shape, from * strides[a], strides);
    }
}
