package dev.neurona.tensor;

/**
 * The one kernel behind every op that moves values: a strided copy between a contiguous
 * tensor and a strided walk over another buffer. Element {@code i} (a row-major index over
 * {@code shape}) of the contiguous side is at {@code offset + Σ i[d]·strides[d]} of the
 * other; a stride may be negative ({@code flip}) or 0 ({@code expand}).
 *
 * <ul>
 *   <li>{@link #gather}: the output is contiguous, the input is walked ({@code permute},
 *       {@code flip}, {@code slice} with a step, {@code expand}, the pieces of {@code split});
 *   <li>{@link #scatter}: the input is contiguous, written into an output first filled with
 *       a constant ({@code pad}, and the backward of every gather).
 * </ul>
 *
 * <p>{@link #view} and {@link #place} are the differentiable forms for walks that visit each
 * element at most once: each is the other's adjoint, so their gradients are ops again (and
 * have gradients in turn). The walk is simplified once, when the op is made (dimensions of
 * size 1 dropped, dimensions that continue each other merged), so that a slice of rows is one
 * {@code System.arraycopy}; the kernel allocates nothing.
 */
final class Strided {

    private Strided() {
    }

    /** A walk: the simplified shape, the start and the strides on the strided side. */
    private record Walk(int[] shape, int offset, int[] strides) {
    }

    /** The row-major strides of {@code shape}. */
    static int[] contiguous(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = stride;
            stride *= shape[d];
        }
        return s;
    }

    /**
     * The values of {@code x} at the walk {@code (offset, strides)} over {@code shape}, as a
     * new tensor of {@code shape}; records no gradient (the caller adds the right one).
     */
    static Tensor gather(String op, Tensor x, int[] shape, int offset, int[] strides) {
        Walk w = simplified(shape, offset, strides);
        return Graph.op(op, shape.clone(), out -> copy(x.array(), w.offset, w.strides, out.array(), 0, w.shape, 0, true),
                null, x);
    }

    /**
     * A tensor of {@code shape} filled with {@code fill}, with {@code x}'s values written at
     * the walk {@code (offset, strides)} over {@code x}'s shape; records no gradient.
     */
    static Tensor scatter(String op, Tensor x, int[] shape, int offset, int[] strides, float fill) {
        Walk w = simplified(x.shape, offset, strides);
        boolean covers = x.array().length == Shape.size(shape);
        return Graph.op(op, shape.clone(), out -> {
            if (!covers) {
                java.util.Arrays.fill(out.array(), fill);
            }
            copy(out.array(), w.offset, w.strides, x.array(), 0, w.shape, 0, false);
        }, null, x);
    }

    /** {@link #gather} for a walk that visits each element of {@code x} at most once; its gradient is a {@link #place}. */
    static Tensor view(String op, Tensor x, int[] shape, int offset, int[] strides) {
        Tensor out = gather(op, x, shape, offset, strides);
        return Graph.record(out, op, g -> new Tensor[] {place(op + "_backward", g, x.shape, offset, strides, 0f)}, x);
    }

    /** {@link #scatter} of a walk that writes each element at most once; its gradient is a {@link #view}. */
    static Tensor place(String op, Tensor x, int[] shape, int offset, int[] strides, float fill) {
        Tensor out = scatter(op, x, shape, offset, strides, fill);
        return Graph.record(out, op, g -> new Tensor[] {view(op + "_backward", g, x.shape.clone(), offset, strides)}, x);
    }

    /**
     * Copies between the strided side {@code walked} (from {@code pos}) and the contiguous side
     * {@code dense} (from {@code at}) over dimensions {@code d…} of {@code shape}: into
     * {@code dense} when {@code gather}, else into {@code walked}. Returns the next {@code at}.
     */
    private static int copy(float[] walked, int pos, int[] strides, float[] dense, int at, int[] shape, int d,
            boolean gather) {
        int n = shape[d];
        int s = strides[d];
        if (d < shape.length - 1) {
            for (int i = 0; i < n; i++, pos += s) {
                at = copy(walked, pos, strides, dense, at, shape, d + 1, gather);
            }
            return at;
        }
        if (s == 1) {
            if (gather) {
                System.arraycopy(walked, pos, dense, at, n);
            } else {
                System.arraycopy(dense, at, walked, pos, n);
            }
            return at + n;
        }
        if (gather) {
            for (int i = 0; i < n; i++, pos += s) {
                dense[at++] = walked[pos];
            }
        } else {
            for (int i = 0; i < n; i++, pos += s) {
                walked[pos] = dense[at++];
            }
        }
        return at;
    }

    /**
     * The same walk with dimensions of size 1 dropped and each dimension merged into the one
     * before it where that one's stride continues it; at least one dimension (a scalar is {@code [1]}).
     */
    private static Walk simplified(int[] shape, int offset, int[] strides) {
        int[] sh = new int[Math.max(1, shape.length)];
        int[] st = new int[sh.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (rank > 0 && st[rank - 1] == (long) strides[d] * shape[d]) {
                sh[rank - 1] *= shape[d];
                st[rank - 1] = strides[d];
            } else {
                sh[rank] = shape[d];
                st[rank] = strides[d];
                rank++;
            }
        }
        if (rank == 0) {
            return new Walk(new int[] {1}, offset, new int[] {1});
        }
        return new Walk(java.util.Arrays.copyOf(sh, rank), offset, java.util.Arrays.copyOf(st, rank));
    }
}
