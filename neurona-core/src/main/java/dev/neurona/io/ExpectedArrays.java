package dev.neurona.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arrays an {@code .npz} entry of a model file must hold, by name, with the shapes each
 * may have, as the architecture implies them. Given to {@link ModelFileReader}, it lets the
 * reader refuse an archive whose directory lists another set of arrays, or declares sizes
 * other than these shapes take, before inflating anything, and bound every inflation by what
 * is expected: a file can then never make the loader allocate more than the model it
 * describes.
 */
public final class ExpectedArrays {

    /** The most bytes an expected array's {@code .npy} header may take (numpy writes 128 for any float32 array up to rank 9). */
    static final int MAX_HEADER_BYTES = 1024;

    private final String noun;
    private final String owner;
    private final Map<String, Spec> specs = new LinkedHashMap<>();

    /** Whether an array must be there. */
    enum Presence {
        /** It must. */
        REQUIRED,
        /** It may. */
        OPTIONAL,
        /** All arrays marked so are there, or none is. */
        TOGETHER
    }

    /** What one array may be. */
    record Spec(List<int[]> shapes, Presence presence) {

        boolean required() {
            return presence == Presence.REQUIRED;
        }

        long minCount() {
            return shapes.stream().mapToLong(ExpectedArrays::count).min().orElse(0);
        }

        long maxCount() {
            return shapes.stream().mapToLong(ExpectedArrays::count).max().orElse(0);
        }

        boolean allows(int[] shape) {
            return shapes.stream().anyMatch(s -> Arrays.equals(s, shape));
        }
    }

    /**
     * @param noun what messages call one array, such as {@code "parameter"} or {@code "slot"}
     * @param owner who expects them, for messages, such as {@code "the architecture"} or
     *        {@code "Adam (slots m, v of every trainable parameter)"}
     */
    public ExpectedArrays(String noun, String owner) {
        this.noun = noun;
        this.owner = owner;
    }

    /** The array {@code name} must be there, with one of {@code shapes}. */
    public ExpectedArrays require(String name, int[]... shapes) {
        return put(name, shapes, Presence.REQUIRED);
    }

    /** The array {@code name} may be there, with one of {@code shapes}. */
    public ExpectedArrays allow(String name, int[]... shapes) {
        return put(name, shapes, Presence.OPTIONAL);
    }

    /**
     * The array {@code name}, with one of {@code shapes}, is there exactly when every other
     * array given to this method is: all of them or none (an optimizer's slots, which exist
     * once it has taken a step).
     */
    public ExpectedArrays requireTogether(String name, int[]... shapes) {
        return put(name, shapes, Presence.TOGETHER);
    }

    private ExpectedArrays put(String name, int[][] shapes, Presence presence) {
        if (name == null || shapes.length == 0) {
            throw new IllegalArgumentException("ExpectedArrays: a name and at least one shape are needed");
        }
        List<int[]> copies = new ArrayList<>();
        for (int[] s : shapes) {
            copies.add(s.clone());
        }
        if (specs.put(name, new Spec(Collections.unmodifiableList(copies), presence)) != null) {
            throw new IllegalArgumentException("ExpectedArrays: the array '" + name + "' is given twice");
        }
        return this;
    }

    Map<String, Spec> specs() {
        return specs;
    }

    String noun() {
        return noun;
    }

    String owner() {
        return owner;
    }

    /** The most bytes the arrays (values and headers) take together. */
    long maxArrayBytes() {
        long total = 0;
        for (Spec s : specs.values()) {
            total += 4 * s.maxCount() + MAX_HEADER_BYTES;
        }
        return total;
    }

    /** The fewest bytes the required arrays' values take together. */
    long minValueBytes() {
        long total = 0;
        for (Spec s : specs.values()) {
            if (s.required()) {
                total += 4 * s.minCount();
            }
        }
        return total;
    }

    /** The summed length of the entry names ({@code <name>.npy}), in UTF-8. */
    long nameBytes() {
        long total = 0;
        for (String name : specs.keySet()) {
            total += (name + ".npy").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return total;
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
