package dev.neurona.tensor.kernel;

/**
 * The walk over a strided view in row-major order that broadcasting, index and reduction
 * kernels share: one step of a counter over {@code shape}, carrying into the earlier axes,
 * with the flat offset it moves along {@code stride}. Small enough to inline into each loop.
 */
public final class Odometer {

    private Odometer() {
    }

    /**
     * Advances {@code counter} (over axes {@code 0..last} of {@code shape}) by one element and
     * returns {@code offset} moved accordingly: {@code +stride[d]} on the axis that steps,
     * {@code −stride[d]·(shape[d] − 1)} on each axis that wraps back to 0.
     */
    public static int advance(int[] counter, int[] shape, int[] stride, int offset, int last) {
        int off = offset;
        for (int d = last; d >= 0; d--) {
            counter[d]++;
            off += stride[d];
            if (counter[d] < shape[d]) {
                return off;
            }
            off -= stride[d] * shape[d];
            counter[d] = 0;
        }
        return off;
    }
}
