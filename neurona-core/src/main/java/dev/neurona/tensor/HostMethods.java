package dev.neurona.tensor;

/**
 * Tensor's host access: explicit copies between a tensor and Java arrays, and scoped in-place
 * access ({@link HostAccess}). Package-private: its methods are {@link Tensor}'s, grouped here
 * so that each group stays short.
 *
 * <p>This is how code outside the ops reaches values (metrics, file formats, optimizers,
 * plots), so that a device backend later syncs at these calls and nowhere else. During a
 * {@link Compiled} trace each of them refuses the trace, as the value getters do (the step
 * then runs eagerly, which is logged once).
 */
sealed interface HostMethods permits Tensor {

    /** This tensor (the only implementation is {@link Tensor}). */
    private Tensor self() {
        return (Tensor) this;
    }

    /**
     * Copies the values, row-major, into {@code dst} from {@code offset}: a copy to the host
     * into a buffer the caller reuses, which allocates nothing.
     *
     * @throws IllegalArgumentException if {@code dst} has fewer than {@link Tensor#size()} places from {@code offset}
     */
    default void copyTo(float[] dst, int offset) {
        Tensor t = self();
        Tensor.touched("copyTo()");
        int n = t.array().length;
        if (dst == null || offset < 0 || dst.length - offset < n) {
            throw new IllegalArgumentException("copyTo: a tensor of shape " + Shape.toString(t.shape) + " needs " + n
                    + " places from offset " + offset + ", got " + (dst == null ? "null" : "an array of " + dst.length));
        }
        System.arraycopy(t.array(), 0, dst, offset, n);
    }

    /**
     * Overwrites the values with {@code src[offset .. offset + size())}, row-major (Keras's
     * {@code assign}): for leaves, outside any graph that is still to be differentiated.
     *
     * @return this tensor
     * @throws IllegalArgumentException if {@code src} holds fewer than {@link Tensor#size()} values from {@code offset}
     */
    default Tensor assign(float[] src, int offset) {
        Tensor t = self();
        Tensor.touched("assign()");
        int n = t.array().length;
        if (src == null || offset < 0 || src.length - offset < n) {
            throw new IllegalArgumentException("assign: a tensor of shape " + Shape.toString(t.shape) + " needs " + n
                    + " values from offset " + offset + ", got " + (src == null ? "null" : "an array of " + src.length));
        }
        System.arraycopy(src, offset, t.array(), 0, n);
        return t;
    }

    /** {@link #assign(float[], int)} from the start of {@code src}, which must hold exactly {@link Tensor#size()} values. */
    default Tensor assign(float[] src) {
        Tensor t = self();
        if (src != null && src.length != t.array().length) {
            throw new IllegalArgumentException("assign: " + src.length + " values cannot fill shape "
                    + Shape.toString(t.shape) + ", which holds " + t.array().length);
        }
        return assign(src, 0);
    }

    /** Runs {@code access} on the values in place (see {@link HostAccess}). */
    default void onHost(HostAccess access) {
        Tensor.touched("onHost()");
        access.apply(self().array());
    }

    /**
     * Runs {@code access} on this tensor's and {@code other}'s values in place at once: a
     * parameter and its gradient, a data set and a batch buffer.
     */
    default void onHost(Tensor other, HostAccess.Pair access) {
        Tensor.touched("onHost()");
        access.apply(self().array(), other.array());
    }
}
