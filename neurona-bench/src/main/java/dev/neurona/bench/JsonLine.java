package dev.neurona.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-line JSON result that each contender prints: a flat object whose values are strings,
 * numbers, booleans, null, or arrays of numbers. That is all the benchmark exchanges, so a
 * 100-line reader keeps the module free of a JSON library.
 */
final class JsonLine {

    /** The prefix that marks the result line among a contender's other output. */
    static final String MARKER = "RESULT ";

    private JsonLine() {
    }

    /** Writes {@code values} (String, Number, Boolean, double[], null) as one JSON object. */
    static String write(Map<String, Object> values) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            appendString(out, e.getKey());
            out.append(": ");
            appendValue(out, e.getValue());
        }
        return out.append('}').toString();
    }

    private static void appendValue(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            appendString(out, s);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                out.append("null");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append(d.longValue());
            } else {
                out.append(String.format(Locale.ROOT, "%.6g", d));
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof double[] a) {
            out.append('[');
            for (int i = 0; i < a.length; i++) {
                out.append(i > 0 ? ", " : "");
                appendValue(out, a[i]);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("JsonLine: unsupported value type " + v.getClass().getName());
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Reads a flat JSON object: strings, numbers (as Double), true/false, null and arrays of
     * numbers (as double[]).
     *
     * @throws IllegalArgumentException on anything else, with the position
     */
    static Map<String, Object> parse(String json) {
        return new Reader(json).object();
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                pos++;
                return end(out);
            }
            do {
                String key = string();
                expect(':');
                out.put(key, value());
            } while (consumeComma());
            expect('}');
            return end(out);
        }

        private Map<String, Object> end(Map<String, Object> out) {
            if (peek() != 0) {
                throw error("trailing characters");
            }
            return out;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                pos++;
                List<Double> items = new ArrayList<>();
                if (peek() != ']') {
                    do {
                        Object item = value();
                        items.add(item == null ? Double.NaN : (Double) number(item));
                    } while (consumeComma());
                }
                expect(']');
                return items.stream().mapToDouble(Double::doubleValue).toArray();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return Double.valueOf(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("expected a value");
            }
        }

        private Object number(Object item) {
            if (!(item instanceof Double)) {
                throw error("arrays hold numbers only");
            }
            return item;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != '"') {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw error("unterminated escape");
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            expect('"');
            return out.toString();
        }

        private boolean consumeComma() {
            if (peek() == ',') {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        /** The next non-blank character (0 at the end), skipping blanks. */
        private char peek() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JsonLine: " + what + " at position " + pos + " in: " + s);
        }
    }
}
