package dev.neurona.names;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A table of things known by name, as Keras knows losses and metrics: canonical names with
 * aliases, found whatever the case and underscores ({@code "mean_squared_error"},
 * {@code "MeanSquaredError"}), and an unknown name answered with the list of known ones and,
 * for a near miss, the closest of them ({@code "unknown loss 'msee' (did you mean 'mse'?)"}).
 * {@link #closest} is public so that other tables of names (optimizers, command-line flags)
 * suggest the same way.
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
     * @throws IllegalArgumentException for an unknown (or null) name, listing the known ones and
     *         suggesting the closest when there is a close one
     */
    public String canonical(Object name) {
        String canonical = name == null ? null : spellings.get(normalize(name.toString()));
        if (canonical == null) {
            String guess = name == null ? null : suggest(name.toString());
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'"
                    + (guess == null ? "" : " (did you mean '" + guess + "'?)") + "; known " + plural + ": " + names());
        }
        return canonical;
    }

    /** Whether {@code name} is a spelling of a known name or alias. */
    public boolean contains(Object name) {
        return name != null && spellings.containsKey(normalize(name.toString()));
    }

    /**
     * The canonical name whose spelling (or an alias's) is closest to {@code name}, or
     * {@code null} when none is close (see {@link #closest}).
     */
    public String suggest(String name) {
        String spelling = closest(normalize(name), spellings.keySet());
        return spelling == null ? null : spellings.get(spelling);
    }

    /**
     * The candidate nearest to {@code word} by edit distance (insertions, deletions,
     * substitutions and swaps of neighbours, ignoring case), or {@code null} when even the
     * nearest needs more than about one edit per three letters of {@code word} (at least one,
     * at most three): {@code "acuracy"} finds {@code "accuracy"}, {@code "trian"} finds
     * {@code "train"}, {@code "xyz"} finds nothing. Ties go to the first candidate.
     */
    public static String closest(String word, Collection<String> candidates) {
        if (word == null || candidates == null) {
            return null;
        }
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(3, w.length() / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String c : candidates) {
            int d = editDistance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * The number of single-character insertions, deletions, substitutions and swaps of two
     * neighbouring characters that turn {@code a} into {@code b} (optimal string alignment).
     */
    public static int editDistance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
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
