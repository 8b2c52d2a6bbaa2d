package dev.neurona.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options for the benchmark programs. */
final class Args {

    private Args() {
    }

    /**
     * Reads {@code --name value} pairs.
     *
     * @throws IllegalArgumentException for an unknown option or a missing value, listing the known ones
     */
    static Map<String, String> parse(String[] args, String... known) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!List.of(known).contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; known: " + String.join(", ", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            out.put(name, args[++i]);
        }
        return out;
    }

    /**
     * The whole number at least 1 given for {@code name}, or {@code fallback} when absent.
     *
     * @throws IllegalArgumentException naming the option and the value given
     */
    static int positive(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes a whole number of at least 1, got '" + value + "'");
    }
}
