package dev.neurona.tensor.kernel;

/**
 * A tensor's values as a backend's kernels see them: every tensor argument of {@link Kernels}
 * is one. The CPU backends read the heap array behind it; a device backend's own buffers
 * would hold device memory (its kernels reading that) and give {@link #array()} as a host copy.
 * The tensor package's storage is the implementation; {@link #wrap} makes one over an array
 * for callers outside it (tests, benchmarks).
 */
@FunctionalInterface
public interface Buffer {

    /** The values on the host, row-major: on the CPU backends the buffer's own array. */
    float[] array();

    /** A heap buffer over {@code values} itself (no copy). */
    static Buffer wrap(float[] values) {
        if (values == null) {
            throw new IllegalArgumentException("Buffer.wrap: values must not be null");
        }
        return () -> values;
    }
}
