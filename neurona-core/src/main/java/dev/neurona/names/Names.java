package dev.neurona.names;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A table of things known by name, as Keras knows losses and metrics: canonical names with
 * aliases, found whatever the case and underscores ({@code "mean_squared_error"},
 * {@code "MeanSquaredError"}), and an unknown name answered with the list of known ones.
 *
 * @param <T> what a name stands for (typically a builder)
 */
public final class Names<T> {

    private final String kind;
    private final String plural;
    private final Map<String, T> byName = new LinkedHashMap<>();
    /** Normalized spelling (lower case, no underscores) → canonical name. */
    private final Map<String, String> spellings = new LinkedHashMap<>();

    /**
     * @param kind what the names name, for messages ({@code "loss"})
     * @param plural its plural ({@code "losses"})
     */
    public Names(String kind, String plural) {
        this.kind = kind;
        this.plural = plural;
    }

    /** Registers {@code value} under its canonical {@code name} and any {@code aliases}. */
    public void register(String name, T value, String... aliases) {
        byName.put(name, value);
        spellings.put(normalize(name), name);
        for (String alias : aliases) {
            spellings.put(normalize(alias), name);
        }
    }

    /**
     * The canonical name for a spelling of a name or alias.
     *
     * @throws IllegalArgumentException for an unknown (or null) name, listing the known ones
     */
    public String canonical(Object name) {
        String canonical = name == null ? null : spellings.get(normalize(name.toString()));
        if (canonical == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; known " + plural + ": " + names());
        }
        return canonical;
    }

    /** What a canonical name stands for. */
    public T get(String canonical) {
        return byName.get(canonical);
    }

    /** What any spelling of a name stands for; see {@link #canonical}. */
    public T lookup(Object name) {
        return byName.get(canonical(name));
    }

    /** The canonical names, sorted. */
    public SortedSet<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace("_", "");
    }
}
