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
     * {@code Optimizer.FLUSH}); allocates nothing after the first call since the last {@link #put}.
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
