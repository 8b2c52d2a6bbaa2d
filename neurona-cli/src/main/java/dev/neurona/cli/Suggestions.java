package dev.neurona.cli;

import dev.neurona.names.Names;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** "Did you mean" for a mistyped command, option or data set, worded for the end of an error message. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * {@code " (did you mean 'iris'?)"}, or an empty string when no known name is close
     * ({@link Names#closest}; case and underscores aside, so {@code he_normal} finds {@code HeNormal}).
     */
    static String didYouMean(String given, Collection<String> known) {
        Map<String, String> bySquashed = new LinkedHashMap<>();
        for (String k : known) {
            bySquashed.putIfAbsent(squash(k), k);
        }
        String best = bySquashed.get(Names.closest(squash(given), bySquashed.keySet()));
        return best == null || best.equals(given) ? "" : " (did you mean '" + best + "'?)";
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "");
    }
}
