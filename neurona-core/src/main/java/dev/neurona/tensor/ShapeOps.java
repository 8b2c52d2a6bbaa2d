package dev.neurona.tensor;

/** Shape changes, row selection and concatenation, with their backward rules. */
final class ShapeOps {

    private ShapeOps() {
    }

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] s = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (s[i] <= 0) {
                throw new IllegalArgumentException("reshape: dimension " + i + " of " + Shape.toString(newShape)
                        + " is " + s[i] + "; dimensions must be at least 1 (one may be -1 to infer it)");
            } else {
                known = Math.min(known * s[i], 1L << 40);   // saturates well above any tensor, never overflows
            }
        }
        if (inferred >= 0) {
            if (x.data.length % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shape.toString(x.shape) + " ("
                        + x.data.length + " elements) into " + Shape.toString(newShape));
            }
            s[inferred] = (int) (x.data.length / known);
        }
        if (inferred < 0 && known != x.data.length) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shape.toString(x.shape) + " ("
                    + x.data.length + " elements) into " + Shape.toString(newShape) + " ("
                    + String.format(java.util.Locale.ROOT, "%,d", Shape.product(s)) + " elements)");
        }
        Tensor out = new Tensor(x.data, s);
        return Graph.record(out, "reshape", g -> new Tensor[] {new Tensor(g.data, x.shape.clone())}, x);
    }

    static Tensor transpose(Tensor x) {
        if (x.shape.length != 2) {
            throw new IllegalArgumentException("transpose: needs a 2-D tensor, got shape " + Shape.toString(x.shape));
        }
        Tensor out = new Tensor(transposed(x.data, x.shape[0], x.shape[1]), new int[] {x.shape[1], x.shape[0]});
        return Graph.record(out, "transpose", g -> new Tensor[] {
                new Tensor(transposed(g.data, x.shape[1], x.shape[0]), x.shape.clone())}, x);
    }

    private static float[] transposed(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    static Tensor take(Tensor x, int[] rows) {
        if (x.shape.length == 0) {
            throw new IllegalArgumentException("take: needs a tensor of rank 1 or more, got a scalar");
        }
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("take: need at least one row index");
        }
        int n = x.shape[0];
        int width = x.data.length / n;
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
        Tensor out = Graph.empty(shape);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x.data, rows[i] * width, out.data, i * width, width);
        }
        int[] picked = rows.clone();
        return Graph.record(out, "take", g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            for (int i = 0; i < picked.length; i++) {
                int base = picked[i] * width;
                for (int j = 0; j < width; j++) {
                    dx.data[base + j] += g.data[i * width + j];
                }
            }
            return new Tensor[] {dx};
        }, x);
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
        int width = x.data.length / n;
        int[] shape = x.shape.clone();
        shape[0] = end - start;
        Tensor out = new Tensor(java.util.Arrays.copyOfRange(x.data, start * width, end * width), shape);
        return Graph.record(out, "slice", g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            System.arraycopy(g.data, 0, dx.data, start * width, g.data.length);
            return new Tensor[] {dx};
        }, x);
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
        long elements = joined * (parts[0].data.length / parts[0].shape[a]);
        if (joined > Integer.MAX_VALUE || !Shape.canAllocate(elements)) {
            throw Shape.tooLarge("concat: joining " + parts.length + " tensors along axis " + a + " gives "
                    + joined + " entries on it, which", java.math.BigInteger.valueOf(elements));
        }
        shape[a] = (int) joined;
        int outer = Shape.outer(shape, a);
        int inner = Shape.inner(shape, a);
        Tensor out = Graph.empty(shape);
        int rowOut = shape[a] * inner;
        int offset = 0;
        for (Tensor p : parts) {
            int chunk = p.shape[a] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(p.data, o * chunk, out.data, o * rowOut + offset, chunk);
            }
            offset += chunk;
        }
        Tensor[] inputs = parts.clone();
        return Graph.record(out, "concat", g -> {
            Tensor[] grads = new Tensor[inputs.length];
            int off = 0;
            for (int i = 0; i < inputs.length; i++) {
                int chunk = inputs[i].shape[a] * inner;
                Tensor gi = Graph.empty(inputs[i].shape.clone());
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(g.data, o * rowOut + off, gi.data, o * chunk, chunk);
                }
                grads[i] = gi;
                off += chunk;
            }
            return grads;
        }, inputs);
    }
}
