package dev.neurona.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads from a config map as it comes back from JSON (numbers of any boxed type,
 * lists, nested maps), with messages that name the owner and the key.
 */
final class ConfigReader {

    private final String owner;
    private final Map<String, Object> config;

    ConfigReader(String owner, Map<String, Object> config) {
        this.owner = owner;
        this.config = config;
    }

    boolean has(String key) {
        return config.containsKey(key);
    }

    Object raw(String key) {
        return config.get(key);
    }

    double number(String key) {
        Object value = require(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(owner + ": config '" + key + "' must be a number, got " + value);
        }
        return number.doubleValue();
    }

    long integer(String key) {
        double value = number(key);
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(owner + ": config '" + key + "' must be a whole number, got " + value);
        }
        return (long) value;
    }

    /** A number, or {@code null} when the key holds null. */
    Double optionalNumber(String key) {
        return config.get(key) == null ? null : number(key);
    }

    boolean bool(String key) {
        Object value = require(key);
        if (!(value instanceof Boolean bool)) {
            throw new IllegalArgumentException(owner + ": config '" + key + "' must be true or false, got " + value);
        }
        return bool;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        Object value = require(key);
        try {
            return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": config '" + key + "' must be one of "
                    + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT) + ", got " + value, e);
        }
    }

    List<Double> numbers(String key) {
        Object value = require(key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(owner + ": config '" + key + "' must be a list of numbers, got " + value);
        }
        List<Double> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Number number)) {
                throw new IllegalArgumentException(owner + ": config '" + key + "' must be a list of numbers, got " + value);
            }
            out.add(number.doubleValue());
        }
        return out;
    }

    private Object require(String key) {
        if (!config.containsKey(key)) {
            throw new IllegalArgumentException(owner + ": config lacks '" + key + "'");
        }
        return config.get(key);
    }

    /** Rejects keys outside {@code known}, so that a misspelt hyper-parameter is not ignored. */
    void rejectUnknown(java.util.Set<String> known) {
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(owner + ": unknown config key '" + key + "'; known keys are " + known);
            }
        }
    }
}
