package dev.neurona.tensor.kernel;

/**
 * Index arithmetic for NumPy broadcasting over row-major arrays: the binary kernels, and
 * the two shape moves autograd needs ({@link #expand} a tensor to a broadcast shape and
 * {@link #reduceTo} a gradient back to an input's shape by summing).
 *
 * <p>Shapes are aligned at the right; a dimension of size 1 (or a missing leading one)
 * repeats. Callers have already checked that the shapes broadcast. Outputs are written,
 * never read, and must not alias the inputs.
 */
public final class Broadcasting {

    private Broadcasting() {
    }

    /** An elementwise binary function of two floats. */
    public enum BinaryOp {
        ADD, SUB, MUL, DIV, MAX, MIN, GT, GE, LT, LE, EQ, NE
    }

    /** {@code out = op(a, b)} elementwise, with {@code a} and {@code b} broadcast to {@code outShape}. */
    public static void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape,
                              float[] out, int[] outShape) {
        new Plan(aShape, bShape, outShape).binary(op, a, b, out);
    }

    /** Copies {@code src} of {@code srcShape} repeated along broadcast dimensions into {@code out} of {@code outShape}. */
    public static void expand(float[] src, int[] srcShape, float[] out, int[] outShape) {
        new Plan(srcShape, srcShape, outShape).expand(src, out);
    }

    /**
     * Sums {@code src} of the broadcast shape {@code srcShape} down to {@code out} of
     * {@code outShape} (a shape that broadcasts to {@code srcShape}): the backward of
     * {@link #expand}. {@code out} is overwritten.
     */
    public static void reduceTo(float[] src, int[] srcShape, float[] out, int[] outShape) {
        new Plan(outShape, outShape, srcShape).reduce(src, out);
    }

    /**
     * The index arithmetic of one broadcast, computed once from the shapes, so that an op run
     * many times (a compiled step's replays) neither recomputes nor allocates it. Not
     * thread-safe: it keeps its odometer.
     */
    public static final class Plan {
        private final int[] outShape;
        private final int[] sa;
        private final int[] sb;
        private final int[] index;
        private final int n;

        /** The broadcast of {@code a} (and {@code b}) to {@code outShape}; for a reduction, {@code a} is the target. */
        public Plan(int[] aShape, int[] bShape, int[] outShape) {
            this.outShape = outShape.clone();
            this.sa = strides(aShape, outShape);
            this.sb = strides(bShape, outShape);
            this.index = new int[outShape.length];
            int size = 1;
            for (int d : outShape) {
                size *= d;
            }
            this.n = size;
        }

        /** {@code out = op(a, b)} elementwise, broadcast. */
        public void binary(BinaryOp op, float[] a, float[] b, float[] out) {
            if (a.length == n && b.length == n) {
                contiguous(op, a, b, out, n);
                return;
            }
            int rank = outShape.length;
            int inner = outShape[rank - 1];
            int isa = sa[rank - 1];
            int isb = sb[rank - 1];
            java.util.Arrays.fill(index, 0);
            int aOff = 0;
            int bOff = 0;
            for (int o = 0; o < n; o += inner) {
                strided(op, a, aOff, isa, b, bOff, isb, out, o, inner);
                for (int d = rank - 2; d >= 0; d--) {
                    index[d]++;
                    aOff += sa[d];
                    bOff += sb[d];
                    if (index[d] < outShape[d]) {
                        break;
                    }
                    aOff -= sa[d] * outShape[d];
                    bOff -= sb[d] * outShape[d];
                    index[d] = 0;
                }
            }
        }

        /**
         * Whether {@link #binaryRange} can compute any range of the output: each operand has
         * the output's size, is one row of its last axis repeated, or is a scalar.
         */
        public boolean rangeable() {
            return mode(sa) >= 0 && mode(sb) >= 0;
        }

        /** 0: the output's size; 1: a row of the last axis; 2: a scalar; −1: another broadcast. */
        private int mode(int[] s) {
            int rank = outShape.length;
            boolean full = true;
            boolean scalar = true;
            boolean row = rank >= 1 && (s[rank - 1] == 1 || outShape[rank - 1] == 1);
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--) {
                full &= outShape[d] == 1 || s[d] == stride;
                stride *= outShape[d];
                scalar &= s[d] == 0 || outShape[d] == 1;
                if (d < rank - 1) {
                    row &= s[d] == 0 || outShape[d] == 1;
                }
            }
            return full ? 0 : scalar ? 2 : row ? 1 : -1;
        }

        /** {@link #binary} on the output elements {@code [from, to)}, for a {@link #rangeable()} plan: the same bits. */
        public void binaryRange(BinaryOp op, float[] a, float[] b, float[] out, int from, int to) {
            int ma = mode(sa);
            int mb = mode(sb);
            if (ma < 0 || mb < 0) {
                throw new IllegalStateException("binaryRange: the broadcast to " + java.util.Arrays.toString(outShape)
                        + " is not one of equal shapes, a row or a scalar");
            }
            int inner = outShape.length == 0 ? 1 : outShape[outShape.length - 1];
            if (ma != 1 && mb != 1) {   // no rows: one run
                strided(op, a, ma == 0 ? from : 0, ma == 0 ? 1 : 0, b, mb == 0 ? from : 0, mb == 0 ? 1 : 0, out, from,
                        to - from);
                return;
            }
            for (int i = from; i < to; ) {
                int rowStart = i - i % inner;
                int end = Math.min(to, rowStart + inner);
                int ao = ma == 0 ? i : ma == 1 ? i - rowStart : 0;
                int bo = mb == 0 ? i : mb == 1 ? i - rowStart : 0;
                strided(op, a, ao, ma == 2 ? 0 : 1, b, bo, mb == 2 ? 0 : 1, out, i, end - i);
                i = end;
            }
        }

        /** {@code out} = the first shape's {@code src} repeated to the output shape. */
        public void expand(float[] src, float[] out) {
            if (src.length == out.length) {
                System.arraycopy(src, 0, out, 0, out.length);
                return;
            }
            int rank = outShape.length;
            int inner = outShape[rank - 1];
            if (src.length == inner && sa[rank - 1] == 1) {   // a row repeated: the bias's broadcast
                for (int o = 0; o < out.length; o += inner) {
                    System.arraycopy(src, 0, out, o, inner);
                }
                return;
            }
            java.util.Arrays.fill(index, 0);
            int off = 0;
            for (int i = 0; i < out.length; i++) {
                out[i] = src[off];
                off = Odometer.advance(index, outShape, sa, off, rank - 1);
            }
        }

        /** {@code out} (the first shape) = {@code src} (the output shape) summed over the broadcast dimensions. */
        public void reduce(float[] src, float[] out) {
            if (src.length == out.length) {
                System.arraycopy(src, 0, out, 0, out.length);
                return;
            }
            java.util.Arrays.fill(out, 0f);
            int rank = outShape.length;
            int inner = outShape[rank - 1];
            if (out.length == inner && sa[rank - 1] == 1) {   // column sums: the bias's gradient
                for (int o = 0; o < src.length; o += inner) {
                    for (int i = 0; i < inner; i++) {
                        out[i] += src[o + i];
                    }
                }
                return;
            }
            java.util.Arrays.fill(index, 0);
            int off = 0;
            for (int i = 0; i < src.length; i++) {
                out[off] += src[i];
                off = Odometer.advance(index, outShape, sa, off, rank - 1);
            }
        }
    }

    /** Row-major strides of {@code shape} aligned to {@code target}, 0 where {@code shape} repeats. */
    static int[] strides(int[] shape, int[] target) {
        int rank = target.length;
        int[] s = new int[rank];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            int t = i + rank - shape.length;
            s[t] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }
        return s;
    }

    /** The arithmetic ops on two rows read at unit stride: loops the JIT vectorizes. */
    private static void unitStrides(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int o, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] + b[bo + i]; }
            case SUB -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] - b[bo + i]; }
            case MUL -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] * b[bo + i]; }
            case DIV -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] / b[bo + i]; }
            default -> throw new AssertionError(op);
        }
    }

    private static void contiguous(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[i] = a[i] + b[i]; }
            case SUB -> { for (int i = 0; i < n; i++) out[i] = a[i] - b[i]; }
            case MUL -> { for (int i = 0; i < n; i++) out[i] = a[i] * b[i]; }
            case DIV -> { for (int i = 0; i < n; i++) out[i] = a[i] / b[i]; }
            default -> strided(op, a, 0, 1, b, 0, 1, out, 0, n);
        }
    }

    private static void strided(BinaryOp op, float[] a, int ao, int sa, float[] b, int bo, int sb,
                                float[] out, int o, int n) {
        if (sa == 1 && sb == 1 && op.ordinal() <= BinaryOp.DIV.ordinal()) {
            unitStrides(op, a, ao, b, bo, out, o, n);
            return;
        }
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] + b[bo + i * sb]; }
            case SUB -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] - b[bo + i * sb]; }
            case MUL -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] * b[bo + i * sb]; }
            case DIV -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] / b[bo + i * sb]; }
            case MAX -> { for (int i = 0; i < n; i++) out[o + i] = Math.max(a[ao + i * sa], b[bo + i * sb]); }
            case MIN -> { for (int i = 0; i < n; i++) out[o + i] = Math.min(a[ao + i * sa], b[bo + i * sb]); }
            case GT -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] > b[bo + i * sb] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] >= b[bo + i * sb] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] < b[bo + i * sb] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] <= b[bo + i * sb] ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] == b[bo + i * sb] ? 1f : 0f; }
            case NE -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i * sa] != b[bo + i * sb] ? 1f : 0f; }
            default -> throw new AssertionError(op);
        }
    }
}
