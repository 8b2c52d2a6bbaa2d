package dev.neurona.tensor;

/** Shape changes, row selection and concatenation, with their backward rules. */
final class ShapeOps {

    private ShapeOps() {
    }

    static Tensor reshape(Tensor x, int[] newShape) {
        return reshape("reshape", x, newShape);
    }

    /** {@code reshape} named {@code op} in errors and in the graph ({@code view} is the same op). */
    static Tensor reshape(String op, Tensor x, int[] newShape) {
        if (newShape == null) {
            throw new IllegalArgumentException(op + ": give the new shape");
        }
        int[] s = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (s[i] <= 0) {
                throw new IllegalArgumentException(op + ": dimension " + i + " of " + Shape.toString(newShape)
                        + " is " + s[i] + "; dimensions must be at least 1 (one may be -1 to infer it)");
            } else {
                known = Math.min(known * s[i], 1L << 40);   // saturates well above any tensor, never overflows
            }
        }
        if (inferred >= 0) {
            if (x.array().length % known != 0) {
                throw new IllegalArgumentException(op + ": cannot reshape " + Shape.toString(x.shape) + " ("
                        + x.array().length + " elements) into " + Shape.toString(newShape));
            }
            s[inferred] = (int) (x.array().length / known);
        }
        if (inferred < 0 && known != x.array().length) {
            throw new IllegalArgumentException(op + ": cannot reshape " + Shape.toString(x.shape) + " ("
                    + x.array().length + " elements) into " + Shape.toString(newShape) + " ("
                    + String.format(java.util.Locale.ROOT, "%,d", Shape.product(s)) + " elements)");
        }
        return Graph.alias(op, x, s, g -> new Tensor[] {Graph.alias(op, g, x.shape.clone(), null)});
    }

    static Tensor transpose(Tensor x) {
        if (x.shape.length != 2) {
            throw new IllegalArgumentException("transpose: needs a 2-D tensor, got shape " + Shape.toString(x.shape));
        }
        Tensor out = transposed(x, x.shape[0], x.shape[1]);
        return Graph.record(out, "transpose", g -> new Tensor[] {transposed(g, x.shape[1], x.shape[0])}, x);
    }

    private static Tensor transposed(Tensor x, int rows, int cols) {
        return Graph.op("transpose", new int[] {cols, rows}, o -> {
            float[] a = x.array();
            float[] t = o.array();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = a[r * cols + c];
                }
            }
        }, null, x);
    }

    static Tensor take(Tensor x, int[] rows) {
        if (x.shape.length == 0) {
            throw new IllegalArgumentException("take: needs a tensor of rank 1 or more, got a scalar");
        }
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("take: need at least one row index");
        }
        int n = x.shape[0];
        int width = x.array().length / n;
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IndexOutOfBoundsException("take: row " + r + " is out of range for a tensor with " + n
                        + " rows (shape " + Shape.toString(x.shape) + ")");
            }
        }
        int[] shape = x.shape.clone();
        shape[0] = rows.length;
        if (!Shape.canAllocate((long) rows.length * width)) {
            throw Shape.tooLarge("take: " + rows.length + " rows of " + width + " values",
                    java.math.BigInteger.valueOf((long) rows.length * width));
        }
        int[] picked = rows.clone();
        Tensor out = Graph.op("take", shape, o -> {
            for (int i = 0; i < picked.length; i++) {
                System.arraycopy(x.array(), picked[i] * width, o.array(), i * width, width);
            }
        }, null, x);
        return Graph.record(out, "take", g -> new Tensor[] {Graph.op("take_backward", x.shape.clone(), dx -> {
            float[] d = dx.array();
            float[] gs = g.array();
            java.util.Arrays.fill(d, 0f);
            for (int i = 0; i < picked.length; i++) {
                int base = picked[i] * width;
                for (int j = 0; j < width; j++) {
                    d[base + j] += gs[i * width + j];
                }
            }
        }, null, g)}, x);
    }

    static Tensor slice(Tensor x, int start, int end) {
        if (x.shape.length == 0) {
            throw new IllegalArgumentException("slice: needs a tensor of rank 1 or more, got a scalar");
        }
        int n = x.shape[0];
        if (start < 0 || end > n || start >= end) {
            throw new IndexOutOfBoundsException("slice: rows [" + start + ", " + end + ") are not a non-empty range within [0, "
                    + n + ") of shape " + Shape.toString(x.shape));
        }
        int width = x.array().length / n;
        int[] shape = x.shape.clone();
        shape[0] = end - start;
        Tensor out = Graph.op("slice", shape, o -> System.arraycopy(x.array(), start * width, o.array(), 0,
                o.array().length), null, x);
        return Graph.record(out, "slice", g -> new Tensor[] {Graph.op("slice_backward", x.shape.clone(), dx -> {
            java.util.Arrays.fill(dx.array(), 0f);
            System.arraycopy(g.array(), 0, dx.array(), start * width, g.array().length);
        }, null, g)}, x);
    }

    static Tensor concat(int axis, Tensor[] parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("concat: need at least one tensor");
        }
        int rank = parts[0].shape.length;
        if (rank == 0) {
            throw new IllegalArgumentException("concat: cannot concatenate scalars; reshape them to [1] first");
        }
        int a = Shape.axis("concat", axis, rank);
        int[] shape = parts[0].shape.clone();
        long joined = 0;
        for (int p = 0; p < parts.length; p++) {
            int[] s = parts[p].shape;
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) {
                ok = d == a || s[d] == parts[0].shape[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat: tensor " + p + " has shape " + Shape.toString(s)
                        + ", which does not match " + Shape.toString(parts[0].shape) + " outside axis " + a);
            }
            joined += s[a];
        }
        long elements = joined * (parts[0].array().length / parts[0].shape[a]);
        if (joined > Integer.MAX_VALUE || !Shape.canAllocate(elements)) {
            throw Shape.tooLarge("concat: joining " + parts.length + " tensors along axis " + a + " gives "
                    + joined + " entries on it, which", java.math.BigInteger.valueOf(elements));
        }
        shape[a] = (int) joined;
        int outer = Shape.outer(shape, a);
        int inner = Shape.inner(shape, a);
        int rowOut = shape[a] * inner;
        Tensor[] inputs = parts.clone();
        Tensor out = Graph.op("concat", shape, o -> {
            int offset = 0;
            for (Tensor p : inputs) {
                int chunk = p.shape[a] * inner;
                for (int r = 0; r < outer; r++) {
                    System.arraycopy(p.array(), r * chunk, o.array(), r * rowOut + offset, chunk);
                }
                offset += chunk;
            }
        }, null, inputs);
        return Graph.record(out, "concat", g -> {
            Tensor[] grads = new Tensor[inputs.length];
            int off = 0;
            for (int i = 0; i < inputs.length; i++) {
                int chunk = inputs[i].shape[a] * inner;
                int from = off;
                grads[i] = Graph.op("concat_backward", inputs[i].shape.clone(), gi -> {
                    for (int r = 0; r < outer; r++) {
                        System.arraycopy(g.array(), r * rowOut + from, gi.array(), r * chunk, chunk);
                    }
                }, null, g);
                off += chunk;
            }
            return grads;
        }, inputs);
    }
}
