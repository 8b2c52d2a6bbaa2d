package dev.neurona.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * String class labels ↔ integer ids {@code 0 … k−1}, the classes in sorted (natural string) order
 * as scikit-learn's {@code LabelEncoder} does.
 *
 * <pre>{@code
 * LabelEncoder enc = LabelEncoder.fit(List.of("dog", "cat", "dog"));   // classes [cat, dog]
 * int[] ids = enc.encode(List.of("dog", "cat"));                       // {1, 0}
 * String name = enc.decode(1);                                         // "dog"
 * }</pre>
 */
public final class LabelEncoder {

    private final List<String> classes;
    private final Map<String, Integer> index = new HashMap<>();

    private LabelEncoder(List<String> classes) {
        this.classes = List.copyOf(classes);
        for (int i = 0; i < this.classes.size(); i++) {
            index.put(this.classes.get(i), i);
        }
    }

    /** Learns the classes of {@code labels} (their distinct values, sorted). */
    public static LabelEncoder fit(Collection<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("LabelEncoder.fit: need at least one label");
        }
        for (String label : labels) {
            if (label == null) {
                throw new IllegalArgumentException("LabelEncoder.fit: labels must not be null");
            }
        }
        return new LabelEncoder(new ArrayList<>(new TreeSet<>(labels)));
    }

    /** Learns the classes of {@code labels}. */
    public static LabelEncoder fit(String... labels) {
        return fit(Arrays.asList(labels));
    }

    /** An encoder with exactly these classes, in this order (ids 0, 1, …). */
    public static LabelEncoder ofClasses(List<String> classes) {
        if (classes == null || classes.isEmpty() || classes.size() != new TreeSet<>(classes).size()) {
            throw new IllegalArgumentException("LabelEncoder.ofClasses: need distinct, non-null classes, got " + classes);
        }
        return new LabelEncoder(classes);
    }

    /** The classes; class {@code i} has id {@code i}. */
    public List<String> classes() {
        return classes;
    }

    /** The number of classes. */
    public int size() {
        return classes.size();
    }

    /**
     * The id of {@code label}.
     *
     * @throws IllegalArgumentException for a label not seen in {@link #fit}, listing the known ones
     */
    public int encode(String label) {
        Integer id = index.get(label);
        if (id == null) {
            throw new IllegalArgumentException("LabelEncoder: unknown label '" + label + "'; the known classes are " + classes);
        }
        return id;
    }

    /** The ids of {@code labels}. */
    public int[] encode(List<String> labels) {
        int[] ids = new int[labels.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encode(labels.get(i));
        }
        return ids;
    }

    /** The class with id {@code id}. */
    public String decode(int id) {
        if (id < 0 || id >= classes.size()) {
            throw new IllegalArgumentException("LabelEncoder: id " + id + " is outside 0.." + (classes.size() - 1));
        }
        return classes.get(id);
    }

    /** The classes of {@code ids}. */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(decode(id));
        }
        return out;
    }

    @Override
    public String toString() {
        return "LabelEncoder" + classes;
    }
}
