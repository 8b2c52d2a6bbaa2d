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
}
