package dev.neurona.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One value of a {@code --model} spec file together with its JSON path ({@code $[1].units},
 * {@code $.config.layers[2].config.units}), so that every spec error points at the entry the
 * user has to fix: {@code --model spec.json: $[0].units: expected a positive integer, got -3}.
 */
final class SpecNode {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int SHOWN_CHARS = 60;

    private final JsonNode node;
    private final String path;
    private final String file;

    private SpecNode(JsonNode node, String path, String file) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.file = file;
    }

    /** The whole document of {@code file} (the name as the user gave it, for messages). */
    static SpecNode root(JsonNode node, String file) {
        return new SpecNode(node, "$", file);
    }

    /** The JSON path of this value, such as {@code $[1].units}. */
    String path() {
        return path;
    }

    /** The member {@code key} of this object (absent when missing, or when this is no object). */
    SpecNode get(String key) {
        String step = PLAIN_KEY.matcher(key).matches() ? "." + key : "['" + key.replace("'", "\\'") + "']";
        return new SpecNode(node.isObject() ? node.get(key) : null, path + step, file);
    }

    /** Whether this value is missing or JSON {@code null} (Keras's "not set"). */
    boolean absent() {
        return node.isMissingNode() || node.isNull();
    }

    /** Whether this object has the member {@code key} (even a null one). */
    boolean has(String key) {
        return node.isObject() && node.has(key);
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isArray() {
        return node.isArray();
    }

    boolean isText() {
        return node.isTextual();
    }

    /** The elements of this list; fails unless it is one. */
    List<SpecNode> elements(String expected) {
        if (!node.isArray()) {
            throw error("expected " + expected + ", got " + show());
        }
        List<SpecNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new SpecNode(node.get(i), path + "[" + i + "]", file));
        }
        return out;
    }

    /** The member names of this object, in file order; fails unless it is one. */
    List<String> keys(String expected) {
        if (!node.isObject()) {
            throw error("expected " + expected + ", got " + show());
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** This string; fails unless it is one. */
    String text(String expected) {
        if (!node.isTextual()) {
            throw error("expected " + expected + ", got " + show());
        }
        return node.textValue();
    }

    /** This string, or {@code null} when absent. */
    String optionalText(String expected) {
        return absent() ? null : text(expected);
    }

    /** A whole number above zero (16 or 16.0). */
    int positiveInt() {
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw error("expected a positive integer, got " + show());
        }
        return node.intValue();
    }

    /** A whole number (16, -1), as Keras writes axes. */
    int integer(String expected) {
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw error("expected " + expected + ", got " + show());
        }
        return node.intValue();
    }

    /** A number; fails unless this is one. */
    double number(String expected) {
        if (!node.isNumber()) {
            throw error("expected " + expected + ", got " + show());
        }
        return node.doubleValue();
    }

    /** A number, or {@code fallback} when absent. */
    double number(String expected, double fallback) {
        return absent() ? fallback : number(expected);
    }

    /** {@code true} or {@code false}, or {@code fallback} when absent. */
    boolean bool(boolean fallback) {
        if (absent()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error("expected true or false, got " + show());
        }
        return node.booleanValue();
    }

    /** A number as an Integer, Long or Double, a boolean as a Boolean, anything else as its text. */
    Object rawScalar() {
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /** The value as compact JSON text, cut short when long, for "got …" in messages. */
    String show() {
        if (node.isMissingNode()) {
            return "nothing (the key is missing)";
        }
        String text = node.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS - 3) + "...";
    }

    /** A usage error (exit 2) that names the file and this value's path. */
    UsageException error(String message) {
        return new UsageException("--model " + file + ": " + path + ": " + message);
    }

    /**
     * The closest of {@code known} to {@code wrong} when it is a likely typo (case and
     * underscores aside, at most a third of the letters off), else {@code null}.
     */
    static String closest(String wrong, Collection<String> known) {
        String w = squash(wrong);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(w, squash(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, w.length() / 3) ? best : null;
    }

    /** {@code " (did you mean 'x'?)"} for a likely typo, else the empty string. */
    static String didYouMean(String wrong, Collection<String> known) {
        String c = closest(wrong, known);
        return c == null || c.equals(wrong) ? "" : " (did you mean '" + c + "'?)";
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** Edits between {@code a} and {@code b}, a swap of neighbours counting as one (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
