package dev.neurona.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link TableSchema} ↔ plain JSON values. Reading checks every key (presence, type, no unknown
 * keys), since the values come from a file: each error names the key, such as
 * {@code 'columns[2].categories'}.
 */
final class TableSchemaConfig {

    private static final String CLASS = "TableSchema";

    private TableSchemaConfig() {
    }

    static Map<String, Object> toConfig(TableSchema schema) {
        List<Object> columns = new ArrayList<>();
        for (TableSchema.Column c : schema.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type().name().toLowerCase(Locale.ROOT));
            if (c.type() == TableSchema.Type.CATEGORICAL) {
                m.put("categories", c.categories());
            }
            if (c.fill() != null) {
                m.put("fill", c.fill());
            }
            if (c.target()) {
                m.put("target", true);
            }
            columns.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class", CLASS);
        out.put("header", schema.header());
        out.put("columns", columns);
        TableSchema.ScalerState s = schema.scalerState();
        Map<String, Object> scaler = null;
        if (s != null) {
            scaler = new LinkedHashMap<>();
            scaler.put("class", s.kind());
            if (s.kind().equals(TableSchema.ScalerState.STANDARD)) {
                scaler.put("mean", list(s.a()));
                scaler.put("std", list(s.b()));
            } else {
                scaler.put("feature_range", List.of(s.low(), s.high()));
                scaler.put("data_min", list(s.a()));
                scaler.put("data_max", list(s.b()));
            }
        }
        out.put("scaler", scaler);
        return out;
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    static TableSchema fromConfig(Map<String, Object> config) {
        Keys top = new Keys("", config, Set.of("class", "header", "columns", "scaler"));
        String cls = top.string("class");
        if (!cls.equals(CLASS)) {
            throw new IllegalArgumentException("'class' must be \"" + CLASS + "\", got \"" + cls + "\"");
        }
        boolean header = top.bool("header", null);
        List<Object> list = top.list("columns");
        List<TableSchema.Column> columns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            columns.add(column(new Keys("columns[" + i + "]", list.get(i),
                    Set.of("name", "type", "categories", "fill", "target"))));
        }
        TableSchema schema;
        try {
            schema = new TableSchema(columns, header);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'columns': " + e.getMessage(), e);
        }
        Object scaler = config.get("scaler");
        return scaler == null ? schema : scaler(schema, new Keys("scaler", scaler,
                Set.of("class", "mean", "std", "feature_range", "data_min", "data_max")));
    }

    private static TableSchema.Column column(Keys c) {
        String name = c.string("name");
        String type = c.string("type");
        TableSchema.Type t = switch (type) {
            case "numeric" -> TableSchema.Type.NUMERIC;
            case "categorical" -> TableSchema.Type.CATEGORICAL;
            default -> throw new IllegalArgumentException("'" + c.path("type") + "' must be \"numeric\" or \"categorical\", got \""
                    + type + "\"");
        };
        List<String> categories = t == TableSchema.Type.CATEGORICAL ? c.strings("categories") : List.of();
        if (t == TableSchema.Type.NUMERIC && c.has("categories")) {
            throw new IllegalArgumentException("'" + c.path("categories") + "': a numeric column has no categories");
        }
        String fill = c.has("fill") ? c.string("fill") : null;
        boolean target = c.bool("target", false);
        try {
            return new TableSchema.Column(name, t, categories, fill, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + c.where + "': " + e.getMessage(), e);
        }
    }

    private static TableSchema scaler(TableSchema schema, Keys s) {
        String kind = s.string("class");
        int width = schema.width();
        TableSchema.ScalerState state;
        if (kind.equals(TableSchema.ScalerState.STANDARD)) {
            s.only(Set.of("class", "mean", "std"));
            double[] std = s.numbers("std", width);
            for (int j = 0; j < std.length; j++) {
                if (!(std[j] > 0)) {
                    throw new IllegalArgumentException("'scaler.std[" + j + "]' must be > 0, got " + std[j]);
                }
            }
            state = new TableSchema.ScalerState(kind, 0, 0, s.numbers("mean", width), std);
        } else if (kind.equals(TableSchema.ScalerState.MIN_MAX)) {
            s.only(Set.of("class", "feature_range", "data_min", "data_max"));
            double[] range = s.numbers("feature_range", 2);
            if (!(range[0] < range[1])) {
                throw new IllegalArgumentException("'scaler.feature_range' must have low < high, got [" + range[0] + ", "
                        + range[1] + "]");
            }
            double[] min = s.numbers("data_min", width);
            double[] max = s.numbers("data_max", width);
            for (int j = 0; j < width; j++) {
                if (!(min[j] <= max[j])) {
                    throw new IllegalArgumentException("'scaler.data_min[" + j + "]' (" + min[j] + ") exceeds "
                            + "'scaler.data_max[" + j + "]' (" + max[j] + ")");
                }
            }
            state = new TableSchema.ScalerState(kind, range[0], range[1], min, max);
        } else {
            throw new IllegalArgumentException("'scaler.class' must be \"StandardScaler\" or \"MinMaxScaler\", got \""
                    + kind + "\"");
        }
        return schema.withScalerState(state);
    }

    /** Typed access to one JSON object's keys; errors name the key's path. */
    private static final class Keys {
        final String where;
        private final Map<?, ?> map;

        Keys(String where, Object value, Set<String> allowed) {
            if (!(value instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException((where.isEmpty() ? "the schema" : "'" + where + "'")
                        + " must be a JSON object, got " + describe(value));
            }
            this.where = where;
            this.map = m;
            only(allowed);
        }

        void only(Set<String> allowed) {
            for (Object key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException("'" + path(String.valueOf(key)) + "' is not a key of "
                            + (where.isEmpty() ? "a schema" : "'" + where + "'") + "; expected " + new java.util.TreeSet<>(allowed));
                }
            }
        }

        String path(String key) {
            return where.isEmpty() ? key : where + "." + key;
        }

        boolean has(String key) {
            return map.get(key) != null;
        }

        private Object required(String key) {
            Object v = map.get(key);
            if (v == null) {
                throw new IllegalArgumentException("'" + path(key) + "' is missing");
            }
            return v;
        }

        String string(String key) {
            if (!(required(key) instanceof String s)) {
                throw new IllegalArgumentException("'" + path(key) + "' must be a string, got " + describe(map.get(key)));
            }
            return s;
        }

        boolean bool(String key, Boolean absent) {
            Object v = absent != null && map.get(key) == null ? absent : required(key);
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException("'" + path(key) + "' must be true or false, got " + describe(v));
            }
            return b;
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String key) {
            if (!(required(key) instanceof List<?> l)) {
                throw new IllegalArgumentException("'" + path(key) + "' must be a list, got " + describe(map.get(key)));
            }
            return (List<Object>) l;
        }

        List<String> strings(String key) {
            List<Object> l = list(key);
            List<String> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                if (!(l.get(i) instanceof String s)) {
                    throw new IllegalArgumentException("'" + path(key) + "[" + i + "]' must be a string, got " + describe(l.get(i)));
                }
                out.add(s);
            }
            return out;
        }

        double[] numbers(String key, int size) {
            List<Object> l = list(key);
            if (l.size() != size) {
                throw new IllegalArgumentException("'" + path(key) + "' must hold " + size + " numbers, got " + l.size());
            }
            double[] out = new double[size];
            for (int i = 0; i < size; i++) {
                if (!(l.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new IllegalArgumentException("'" + path(key) + "[" + i + "]' must be a finite number, got "
                            + describe(l.get(i)));
                }
                out[i] = n.doubleValue();
            }
            return out;
        }

        private static String describe(Object v) {
            String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
            return s.length() > 80 ? s.substring(0, 80) + "…" : s;
        }
    }
}
