package dev.neurona.cli;

import dev.neurona.names.Names;
import java.util.Collection;

/** "Did you mean" for a mistyped command, option or data set, worded for the end of an error message. */
final class Suggestions {

    private Suggestions() {
    }

    /** {@code " (did you mean 'iris'?)"}, or an empty string when no known name is close ({@link Names#closest}). */
    static String didYouMean(String given, Collection<String> known) {
        String best = Names.closest(given, known);
        return best == null || best.equalsIgnoreCase(given) ? "" : " (did you mean '" + best + "'?)";
    }
}
