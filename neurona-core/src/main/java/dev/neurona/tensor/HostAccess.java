package dev.neurona.tensor;

/**
 * Host code working on a tensor's values in place, through {@link Tensor#onHost(HostAccess)}:
 * the one door from outside the ops to the values, besides the explicit copies
 * ({@link Tensor#toArray()}, {@link Tensor#copyTo(float[], int)}, {@link Tensor#assign(float[], int)}).
 *
 * <p>On the CPU backends the array is the tensor's own, so nothing is copied; a device backend
 * copies the values to the host before the call and back after it. Use the array only during
 * the call: do not keep it. For a step that runs every batch, implement this on an object made
 * once (not a capturing lambda), so that the call allocates nothing.
 */
@FunctionalInterface
public interface HostAccess {

    /** Reads and may overwrite {@code values}, the tensor's elements in row-major order. */
    void apply(float[] values);

    /** Host code working on two tensors' values at once ({@link Tensor#onHost(Tensor, Pair)}). */
    @FunctionalInterface
    interface Pair {

        /** Reads and may overwrite {@code first} and {@code second}, each tensor's elements in row-major order. */
        void apply(float[] first, float[] second);
    }
}
