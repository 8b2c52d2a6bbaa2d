package dev.neurona.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The slot state of one parameter: named arrays of the parameter's size (Adam's {@code "m"}
 * and {@code "v"}, SGD's {@code "momentum"}, …). {@link Optimizer} creates them before the
 * first update and exports them as {@code "<parameter path>/<slot>"}.
 */
public final class Slots {

    /**
     * Slot values (momentum, first and second moments) smaller than this are set to zero every
     * {@link #FLUSH_EVERY} steps by {@link Optimizer#step}. A weight whose gradient is zero for a
     * while (a pixel that is rarely lit) has its moments decay geometrically into subnormal floats, whose arithmetic is
     * tens of times slower on x86 (Adam spent a quarter of a small network's training on them);
     * TensorFlow's CPU kernels flush subnormals for the same reason. Such a moment moves its
     * weight by less than {@code lr·1e-30/ε}: nothing. A value at or above it needs more than
     * {@code FLUSH_EVERY} steps to decay below {@link Float#MIN_NORMAL} at any decay rate of 0.75
     * or more (momentum, ρ, β), so no slot ever holds a subnormal; faster decays pass through
     * the subnormal range in a few steps. A pass of its own, so that the update loops stay
     * branch-free (a flush inside them cost large networks 5 %).
     */
    static final float FLUSH = 1e-30f;
    /** Steps between two {@link #FLUSH} passes over the slots. */
    static final int FLUSH_EVERY = 64;

    private final Map<String, float[]> arrays = new LinkedHashMap<>();
    /** The arrays for {@link #flushBelow}, dropped by {@link #put}. */
    private float[][] flat;

    /** Empty slots; {@link #put} adds arrays. */
    public Slots() {
    }

    /** The array of slot {@code name}, live (updates write into it). */
    public float[] get(String name) {
        float[] array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no slot '" + name + "'; slots are " + arrays.keySet());
        }
        return array;
    }

    /** Whether slot {@code name} exists. */
    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    /** Sets slot {@code name} to {@code values} (kept, not copied). */
    public Slots put(String name, float[] values) {
        arrays.put(name, values);
        flat = null;
        return this;
    }

    /** The slots by name, in creation order, read-only. */
    /**
     * Sets every value smaller in magnitude than {@code threshold} to zero, in every slot (see
     * {@link #FLUSH}); allocates nothing after the first call since the last {@link #put}.
     */
    void flushBelow(float threshold) {
        if (flat == null) {
            flat = arrays.values().toArray(new float[0][]);
        }
        for (float[] a : flat) {
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i]) < threshold) {
                    a[i] = 0f;
                }
            }
        }
    }

    public Map<String, float[]> asMap() {
        return Collections.unmodifiableMap(arrays);
    }
}
