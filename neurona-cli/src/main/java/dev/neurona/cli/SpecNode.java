package dev.neurona.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    /** A usage error for a problem a {@code fromConfig} found inside this value, at the key's path under this one. */
    UsageException errorUnder(dev.neurona.names.ConfigException e) {
        String where = e.path().isEmpty() ? path : e.pathUnder(path);
        return new UsageException("--model " + file + ": " + where + ": " + e.problem(), e);
    }

    /** This value as plain Java: maps, lists, numbers (Integer, Long, Double), strings, booleans, null. */
    Object toJava() {
        return node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** {@code " (did you mean 'x'?)"} for a likely typo, else the empty string ({@link Suggestions#didYouMean}). */
    static String didYouMean(String wrong, Collection<String> known) {
        return Suggestions.didYouMean(wrong, known);
    }
}
