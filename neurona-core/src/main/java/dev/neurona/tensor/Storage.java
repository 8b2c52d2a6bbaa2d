package dev.neurona.tensor;

/**
 * Where a tensor's values live: today a heap {@code float[]}. Tensors that alias one buffer
 * (a reshape, a detach) share one storage, so that a compiled step can move an intermediate
 * to another buffer (its planner shares buffers between values that are never alive at once)
 * and every alias follows. It is the {@link dev.neurona.tensor.kernel.Buffer} the kernels get: the
 * seam a device backend replaces.
 */
final class Storage implements dev.neurona.tensor.kernel.Buffer {

    /** The values; replaced only by the planner of a compiled step, between steps. */
    float[] array;

    Storage(float[] array) {
        this.array = array;
    }

    @Override
    public float[] array() {
        return array;
    }
}
