package dev.neurona.names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The names of one kind in the {@link Registry}: canonical names with their class and factory,
 * and the spellings (canonical names and aliases) that find them. Not thread-safe: the
 * registry guards it.
 */
final class KindTable {

    /** One registered name: its canonical spelling, the class it builds and the factory. */
    record Entry(String name, Class<?> type, Function<Map<String, Object>, ?> factory) {
    }

    private final Class<?> root;
    private final Registry.Kind kind;
    /** Canonical name → entry, in registration order. */
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    /** Spelling (exact, or lower case without underscores) → canonical name. */
    private final Map<String, String> spellings = new LinkedHashMap<>();
    /** Alias spelling as given → canonical name. */
    private final Map<String, String> aliases = new LinkedHashMap<>();

    KindTable(Class<?> root, Registry.Kind kind) {
        this.root = root;
        this.kind = kind;
    }

    Class<?> root() {
        return root;
    }

    Registry.Kind kind() {
        return kind;
    }

    /**
     * Registers {@code name} (and {@code aliases}) for {@code type}.
     *
     * @throws IllegalArgumentException when a spelling is taken by another class
     */
    void put(String name, Class<?> type, Function<Map<String, Object>, ?> factory, String... aliasNames) {
        check(name, type);
        for (String alias : aliasNames) {
            check(alias, type);
        }
        String old = canonical(name);
        if (old != null) {   // the same class again: its factory (and aliases) are replaced
            byName.remove(old);
            spellings.values().removeIf(old::equals);
            aliases.values().removeIf(old::equals);
        }
        byName.put(name, new Entry(name, type, factory));
        spellings.put(spelling(name), name);
        for (String alias : aliasNames) {
            spellings.put(spelling(alias), name);
            aliases.put(alias, name);
        }
    }

    private void check(String name, Class<?> type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Registry: a " + kind.noun() + " name must not be blank, got '" + name
                    + "' for " + type.getName());
        }
        String taken = spellings.get(spelling(name));
        if (taken != null && byName.get(taken).type() != type) {
            throw new IllegalArgumentException("Registry: the " + kind.noun() + " name '" + name + "' is taken by "
                    + byName.get(taken).type().getName() + " (as '" + taken + "'); cannot register " + type.getName()
                    + " under it: give it another name, or unregister the first");
        }
    }

    /** Removes every name and alias of {@code type}; whether there was one. */
    boolean remove(Class<?> type) {
        boolean removed = byName.values().removeIf(e -> e.type() == type);
        spellings.values().removeIf(n -> !byName.containsKey(n));
        aliases.values().removeIf(n -> !byName.containsKey(n));
        return removed;
    }

    /** The canonical name a spelling stands for, or null. */
    String canonical(String name) {
        return name == null ? null : spellings.get(spelling(name));
    }

    /** The entry for a spelling, or null. */
    Entry find(String name) {
        String canonical = canonical(name);
        return canonical == null ? null : byName.get(canonical);
    }

    /** The canonical name whose spelling is closest to {@code name}, or null (see {@link Names#closest}). */
    String suggest(String name) {
        String s = name == null ? null : Names.closest(spelling(name), spellings.keySet());
        return s == null ? null : spellings.get(s);
    }

    /** The Names-style error for an unknown name: the closest known one and the whole sorted list. */
    IllegalArgumentException unknown(Object name) {
        String guess = name == null ? null : suggest(name.toString());
        return new IllegalArgumentException("unknown " + kind.noun() + " '" + name + "'"
                + (guess == null ? "" : " (did you mean '" + guess + "'?)") + "; known " + kind.plural() + ": " + names());
    }

    SortedSet<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** Canonical names in registration order. */
    List<String> inOrder() {
        return List.copyOf(byName.keySet());
    }

    SortedSet<String> aliases() {
        return new TreeSet<>(aliases.keySet());
    }

    private String spelling(String name) {
        String trimmed = name.trim();
        return kind.exactNames() ? trimmed : trimmed.toLowerCase(Locale.ROOT).replace("_", "");
    }
}
