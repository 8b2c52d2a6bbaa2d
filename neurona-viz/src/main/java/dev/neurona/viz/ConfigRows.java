package dev.neurona.viz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's configuration as readable rows: a run's settings are nested JSON-like values
 * (the optimizer's config map, the list of layer configs), and their {@code toString} is a wall
 * of braces and {@code null}s. Here each setting is one row of plain text, what was not set
 * ({@code null}, empty text, empty lists and maps) is left out, and a list of maps (the layers)
 * gets one line per element:
 *
 * <pre>
 * optimizer   adam (learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false)
 * layers      dense_1 (Dense): units 64, activation relu, use_bias true, …
 *             dense_2 (Dense): units 10, activation softmax, …
 * </pre>
 */
final class ConfigRows {

    /** One setting: its key and one or more lines of value text. */
    record Row(String key, List<String> lines) {
    }

    private ConfigRows() {
    }

    /** The rows of {@code config}, in its order, without the unset entries. */
    static List<Row> rows(Map<String, ?> config) {
        List<Row> rows = new ArrayList<>();
        config.forEach((key, value) -> {
            if (isUnset(value)) {
                return;
            }
            if (value instanceof Collection<?> list && list.stream().anyMatch(v -> v instanceof Map<?, ?>)) {
                List<String> lines = new ArrayList<>();
                for (Object item : list) {
                    if (!isUnset(item)) {
                        lines.add(text(item));
                    }
                }
                rows.add(new Row(key, lines));
            } else {
                rows.add(new Row(key, List.of(top(value))));
            }
        });
        return rows;
    }

    /** Whether a value says nothing: {@code null}, blank text, or an empty list or map. */
    static boolean isUnset(Object value) {
        return value == null
                || value instanceof CharSequence s && s.toString().isBlank()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof Object[] a && a.length == 0;
    }

    /** A top-level value: a list of plain values reads {@code "accuracy, mae"} rather than {@code "[accuracy, mae]"}. */
    private static String top(Object value) {
        if (value instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                if (!isUnset(item)) {
                    parts.add(text(item));
                }
            }
            return String.join(", ", parts);
        }
        return text(value);
    }

    /**
     * One value as text: numbers in their shortest form ({@code 0.001}, {@code 1e-7}, {@code 64}),
     * a map with a {@code type} (a layer) as {@code "name (Type): key value, …"}, a map with a
     * {@code name} (an optimizer, activation or initializer) as {@code "name (key value, …)"}, or just
     * {@code name} when that is all it holds; other maps as {@code "key value, …"}, lists as
     * {@code "[a, b]"}. Unset entries inside maps are left out.
     */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Float f) {
            return number(f.doubleValue(), Float.toString(f));   // 0.001f, not 0.0010000000474974513
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map);
        }
        if (value instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                parts.add(text(item));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Object[] array) {
            return text(List.of(array));
        }
        return value.toString();
    }

    private static String map(Map<?, ?> map) {
        Object type = map.get("type");
        Object name = map.get("name");
        List<String> rest = new ArrayList<>();
        map.forEach((k, v) -> {
            boolean heading = "name".equals(k) && (name instanceof String) || "type".equals(k) && type instanceof String;
            if (!heading && !isUnset(v)) {
                rest.add(k + " " + text(v));
            }
        });
        String settings = String.join(", ", rest);
        if (type instanceof String t) {
            String head = name instanceof String n ? n + " (" + t + ")" : t;
            return settings.isEmpty() ? head : head + ": " + settings;
        }
        if (name instanceof String n) {
            return settings.isEmpty() ? n : n + " (" + settings + ")";
        }
        return settings;
    }

    /** The shortest faithful text of a number: {@code 0.001}, {@code 0.9}, {@code 1e-7}, {@code 20}, {@code NaN}. */
    static String number(double v) {
        return number(v, Double.toString(v));
    }

    private static String number(double v, String shortest) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            String mantissa = d.movePointLeft(exponent).toPlainString();
            return mantissa + "e" + exponent;
        }
        return d.toPlainString().toLowerCase(Locale.ROOT);
    }
}
