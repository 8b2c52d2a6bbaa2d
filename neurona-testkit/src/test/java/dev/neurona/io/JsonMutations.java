package dev.neurona.io;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutations of one value of a JSON document, for {@link LoaderFuzzTest}: a value of another
 * type, an extreme or fractional number, null, a missing or unknown key, NaN where JSON has
 * none; and the test of whether a loaded model says what the mutated document says.
 */
final class JsonMutations {

    private static final Object[] POOL = {0, 1, -1, 2, 3, 2.5, -0.5, 1e-320, 1e10, -1e10, 2147483648L, -2147483649L,
        Long.MAX_VALUE, BigInteger.TWO.pow(64), 1e308, -1e308, true, false, "", "x", "relu", "NaN", "Infinity",
        List.of(), List.of(1), Map.of(), Map.of("name", "x"), "y".repeat(5000)};

    private static final java.util.Set<String> NAME_KEYS = java.util.Set.of("name", "class", "class_name",
            "weight_decay_mode", "epsilon_mode", "class_aggregation");

    private static String last = "";

    private JsonMutations() {
    }

    /** What the last mutation did, for messages. */
    static String last() {
        return last;
    }

    /** {@code json} with one value mutated (or, rarely, a number written as NaN, which JSON does not have). */
    @SuppressWarnings("unchecked")
    static byte[] mutate(byte[] json, Random random) throws IOException {
        Object root = FuzzBase.JSON.readValue(json, Object.class);
        List<Object[]> slots = new ArrayList<>();   // {container, key or index, path}
        collect(root, "", slots);
        Object[] slot = slots.get(random.nextInt(slots.size()));
        Object container = slot[0];
        String path = (String) slot[2];
        int kind = random.nextInt(10);
        Object old = get(container, slot[1]);
        if (kind == 0 && old instanceof Number) {
            String text = FuzzBase.JSON.writeValueAsString(root);
            last = "NaN literal";
            return text.replaceFirst("(?<=: )-?[0-9][0-9.eE+-]*", "NaN").getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 1) {
            remove(container, slot[1]);
            last = "removed " + path;
        } else if (kind == 2) {
            set(container, slot[1], null);
            last = path + " = null";
        } else if (kind == 3 && container instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            Object v = m.remove(slot[1]);
            m.put(slot[1] + "_", v);
            last = "renamed " + path;
        } else if (kind == 4 && old instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put("zzz", 1);
            last = "added " + path + ".zzz";
        } else if (kind == 5 && old instanceof Number n) {
            double d = n.doubleValue();
            Object[] near = {d * 2, d + 1, -d, d / 3, n.longValue() + 1, d == 0 ? 1e-45 : d * (1 + 1e-9)};
            Object v = near[random.nextInt(near.length)];
            set(container, slot[1], v);
            last = path + " = " + v + " (was " + old + ")";
        } else if (kind == 6 && old instanceof String s && !s.isEmpty()) {
            Object v = random.nextBoolean() ? s.toUpperCase(java.util.Locale.ROOT) : s + " ";
            set(container, slot[1], v);
            last = path + " = \"" + v + "\"";
        } else if (kind == 7 && old != null) {
            Object v = old instanceof String s ? (Object) s.length() : old.toString();   // the same value, another type
            set(container, slot[1], v);
            last = path + " = " + v + " as another type";
        } else {
            Object v = POOL[random.nextInt(POOL.length)];
            set(container, slot[1], v);
            last = path + " = " + (v instanceof String s && s.length() > 20 ? "a long string" : v);
        }
        return FuzzBase.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, String path, List<Object[]> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(new Object[] {map, e.getKey(), p});
                collect(e.getValue(), p, out);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String p = path + "[" + i + "]";
                out.add(new Object[] {list, i, p});
                collect(list.get(i), p, out);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object container, Object key) {
        return container instanceof Map<?, ?> m ? m.get(key) : ((List<Object>) container).get((Integer) key);
    }

    @SuppressWarnings("unchecked")
    private static void set(Object container, Object key, Object value) {
        if (container instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put((String) key, value);
        } else {
            ((List<Object>) container).set((Integer) key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static void remove(Object container, Object key) {
        if (container instanceof Map<?, ?> m) {
            m.remove(key);
        } else {
            ((List<Object>) container).remove((int) (Integer) key);
        }
    }

    /**
     * Whether the document a model saved again ({@code saved}) says every value {@code mutant}
     * says: {@code null} when it does, else the first path where it does not. A value the mutant
     * leaves out (or sets to null) may take a default; numbers are equal when they are, or when
     * they round to the same float (values kept in float); the library version is the loader's.
     */
    static String reflects(Object mutant, Object saved, String path) {
        if (mutant == null || path.equals("library_version")) {
            return null;
        }
        if (mutant instanceof Map<?, ?> m) {
            if (!(saved instanceof Map<?, ?> s)) {
                return path;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String p = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
                String d = reflects(e.getValue(), s.get(e.getKey()), p);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (mutant instanceof List<?> m) {
            if (!(saved instanceof List<?> s) || s.size() != m.size()) {
                return path;
            }
            for (int i = 0; i < m.size(); i++) {
                String d = reflects(m.get(i), s.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (mutant instanceof Number a) {
            if (!(saved instanceof Number b)) {
                return path;
            }
            double x = a.doubleValue();
            double y = b.doubleValue();
            return x == y || (float) x == (float) y ? null : path + " (" + a + " saved as " + b + ")";
        }
        if (mutant instanceof String name && saved instanceof Map<?, ?> s && name.equals(s.get("name"))) {
            return null;   // an activation or initializer by name is saved as its config object
        }
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (NAME_KEYS.contains(key) && mutant instanceof String m && saved instanceof String s
                && m.trim().equalsIgnoreCase(s)) {
            return null;   // names are found whatever their case and surrounding blanks, and saved canonical
        }
        return mutant.equals(saved) ? null : path + " (" + mutant + " saved as " + saved + ")";
    }
}
