package dev.neurona.names;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Strict, typed reads from one configuration map as it comes back from JSON (numbers of any
 * boxed type, lists, nested maps), for the {@code fromConfig} methods: a required key that is
 * missing, a value of the wrong type or out of range, and a key nobody reads each throw a
 * {@link ConfigException} naming the key, so that nothing in a configuration is silently
 * ignored or silently replaced by a default.
 *
 * <p>JSON {@code null} counts as absent: an optional key holding null takes its default.
 */
public final class ConfigKeys {

    private final Map<?, ?> map;

    private ConfigKeys(Map<?, ?> map) {
        this.map = map;
    }

    /**
     * The keys of {@code value}, which must be a map.
     *
     * @throws ConfigException when it is not one (or is null)
     */
    public static ConfigKeys of(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ConfigException("", "must be a JSON object, got " + describe(value));
        }
        return new ConfigKeys(m);
    }

    /** The map itself. */
    public Map<?, ?> map() {
        return map;
    }

    /**
     * Rejects every key outside {@code known}, so that a misspelt or foreign setting is not ignored.
     *
     * @return this
     */
    public ConfigKeys only(Collection<String> known) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || !known.contains(k)) {
                throw new ConfigException(String.valueOf(key), "unknown key; the known keys are " + new TreeSet<>(known));
            }
        }
        return this;
    }

    /** {@link #only(Collection)} for a few keys. */
    public ConfigKeys only(String... known) {
        return only(Arrays.asList(known));
    }

    /** Whether {@code key} holds a value other than null. */
    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** The raw value under {@code key}, or null. */
    public Object get(String key) {
        return map.get(key);
    }

    /** The value under {@code key}, which must be there. */
    public Object required(String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new ConfigException("", "missing \"" + key + "\"");
        }
        return v;
    }

    /** A required string. */
    public String string(String key) {
        Object v = required(key);
        if (!(v instanceof String s)) {
            throw new ConfigException(key, "must be a string, got " + describe(v));
        }
        return s;
    }

    /** An optional string. */
    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    /** A required boolean ({@code true} or {@code false}, nothing else). */
    public boolean bool(String key) {
        Object v = required(key);
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(key, "must be true or false, got " + describe(v));
        }
        return b;
    }

    /** An optional boolean. */
    public boolean bool(String key, boolean fallback) {
        return has(key) ? bool(key) : fallback;
    }

    /** A required whole number in {@code [min, max]} (a JSON integer, or a float with a whole value). */
    public long integer(String key, long min, long max) {
        Object v = required(key);
        try {
            return integerValue(v, min, max);
        } catch (ConfigException e) {
            throw new ConfigException(key, e.problem());
        }
    }

    /** An optional whole number in {@code [min, max]}. */
    public long integer(String key, long fallback, long min, long max) {
        return has(key) ? integer(key, min, max) : fallback;
    }

    /** A required finite number in {@code [min, max]}. */
    public double number(String key, double min, double max) {
        Object v = required(key);
        try {
            return numberValue(v, min, max);
        } catch (ConfigException e) {
            throw new ConfigException(key, e.problem());
        }
    }

    /** An optional finite number in {@code [min, max]}. */
    public double number(String key, double fallback, double min, double max) {
        return has(key) ? number(key, min, max) : fallback;
    }

    /** A required list. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = required(key);
        if (!(v instanceof List<?> l)) {
            throw new ConfigException(key, "must be a list, got " + describe(v));
        }
        return (List<Object>) l;
    }

    /** A required JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String key) {
        Object v = required(key);
        try {
            return (Map<String, Object>) of(v).map();
        } catch (ConfigException e) {
            throw e.within(key);
        }
    }

    /**
     * {@code v} as a whole number in {@code [min, max]}.
     *
     * @throws ConfigException without a path when it is not one
     */
    public static long integerValue(Object v, long min, long max) {
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if (v instanceof BigInteger b) {
            if (b.bitLength() > 63) {
                throw new ConfigException("", "must be an integer" + spaced(range(min, max)) + ", got " + describe(v));
            }
            n = b.longValue();
        } else if (v instanceof Number x && Double.isFinite(x.doubleValue()) && x.doubleValue() == Math.rint(x.doubleValue())
                && Math.abs(x.doubleValue()) < 0x1p63) {
            n = (long) x.doubleValue();
        } else {
            throw new ConfigException("", "must be an integer" + spaced(range(min, max)) + ", got " + describe(v));
        }
        if (n < min || n > max) {
            throw new ConfigException("", "must be an integer" + spaced(range(min, max)) + ", got " + n);
        }
        return n;
    }

    /**
     * {@code v} as a finite number in {@code [min, max]}.
     *
     * @throws ConfigException without a path when it is not one
     */
    public static double numberValue(Object v, double min, double max) {
        if (!(v instanceof Number x) || !Double.isFinite(x.doubleValue())) {
            throw new ConfigException("", "must be a finite number, got " + describe(v));
        }
        double d = x.doubleValue();
        if (!(d >= min && d <= max)) {
            throw new ConfigException("", "must be a number" + spaced(range(min, max)) + ", got " + d);
        }
        return d;
    }

    private static String range(double min, double max) {
        boolean noMin = min == Double.NEGATIVE_INFINITY || min == -Double.MAX_VALUE;
        boolean noMax = max == Double.POSITIVE_INFINITY || max == Double.MAX_VALUE;
        return noMin && noMax ? "" : noMax ? "≥ " + text(min) : noMin ? "≤ " + text(max)
                : "from " + text(min) + " to " + text(max);
    }

    private static String range(long min, long max) {
        boolean noMin = min == Long.MIN_VALUE;
        boolean noMax = max == Long.MAX_VALUE;
        return noMin && noMax ? "(64 bits)" : noMax ? "≥ " + min : noMin ? "≤ " + max : "from " + min + " to " + max;
    }

    private static String spaced(String range) {
        return range.isEmpty() ? "" : " " + range;
    }

    private static String text(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A value for a message: strings quoted, long ones cut. */
    public static String describe(Object v) {
        String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
