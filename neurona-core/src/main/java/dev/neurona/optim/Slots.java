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
        return this;
    }

    /** The slots by name, in creation order, read-only. */
    public Map<String, float[]> asMap() {
        return Collections.unmodifiableMap(arrays);
    }
}
