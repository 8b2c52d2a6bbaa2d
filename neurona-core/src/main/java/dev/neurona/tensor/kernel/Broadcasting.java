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
        int n = out.length;
        if (a.length == n && b.length == n) {
            contiguous(op, a, b, out, n);
            return;
        }
        int rank = outShape.length;
        int[] sa = strides(aShape, outShape);
        int[] sb = strides(bShape, outShape);
        int inner = outShape[rank - 1];
        int isa = sa[rank - 1];
        int isb = sb[rank - 1];
        int[] index = new int[rank];
        int aOff = 0;
        int bOff = 0;
        for (int o = 0; o < n; o += inner) {
            strided(op, a, aOff, isa, b, bOff, isb, out, o, inner);
            // advance the odometer over all but the last dimension
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

    /** Copies {@code src} of {@code srcShape} repeated along broadcast dimensions into {@code out} of {@code outShape}. */
    public static void expand(float[] src, int[] srcShape, float[] out, int[] outShape) {
        if (src.length == out.length) {
            System.arraycopy(src, 0, out, 0, out.length);
            return;
        }
        int rank = outShape.length;
        int[] s = strides(srcShape, outShape);
        int[] index = new int[rank];
        int off = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = src[off];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                off += s[d];
                if (index[d] < outShape[d]) {
                    break;
                }
                off -= s[d] * outShape[d];
                index[d] = 0;
            }
        }
    }

    /**
     * Sums {@code src} of the broadcast shape {@code srcShape} down to {@code out} of
     * {@code outShape} (a shape that broadcasts to {@code srcShape}): the backward of
     * {@link #expand}. {@code out} is overwritten.
     */
    public static void reduceTo(float[] src, int[] srcShape, float[] out, int[] outShape) {
        if (src.length == out.length) {
            System.arraycopy(src, 0, out, 0, out.length);
            return;
        }
        java.util.Arrays.fill(out, 0f);
        int rank = srcShape.length;
        int[] s = strides(outShape, srcShape);
        int[] index = new int[rank];
        int off = 0;
        for (int i = 0; i < src.length; i++) {
            out[off] += src[i];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                off += s[d];
                if (index[d] < srcShape[d]) {
                    break;
                }
                off -= s[d] * srcShape[d];
                index[d] = 0;
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
