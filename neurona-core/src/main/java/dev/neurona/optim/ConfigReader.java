package dev.neurona.optim;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Typed reads from a config map as it comes back from JSON (numbers of any boxed type,
 * lists, nested maps), with {@link ConfigException}s that name the key (and messages that
 * name the owner): a number must be finite, a whole number whole and in range, and a setter's
 * refusal of a value is reported under the key it came from.
 */
final class ConfigReader {

    private final String owner;
    private final Map<String, Object> config;

    ConfigReader(String owner, Map<String, Object> config) {
        if (config == null) {
            throw new ConfigException("", owner + ": the config must be a JSON object, got null");
        }
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
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new ConfigException(key, owner + ": must be a finite number, got " + ConfigKeys.describe(value));
        }
        return number.doubleValue();
    }

    long integer(String key) {
        Object value = require(key);
        try {
            return ConfigKeys.integerValue(value, Long.MIN_VALUE, Long.MAX_VALUE);
        } catch (ConfigException e) {
            throw new ConfigException(key, owner + ": must be a whole number, got " + ConfigKeys.describe(value));
        }
    }

    /** A number, or {@code null} when the key holds null. */
    Double optionalNumber(String key) {
        return config.get(key) == null ? null : number(key);
    }

    boolean bool(String key) {
        Object value = require(key);
        if (!(value instanceof Boolean bool)) {
            throw new ConfigException(key, owner + ": must be true or false, got " + ConfigKeys.describe(value));
        }
        return bool;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        Object value = require(key);
        String known = List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT);
        if (!(value instanceof String s)) {
            throw new ConfigException(key, owner + ": must be one of " + known + ", got " + ConfigKeys.describe(value));
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, owner + ": must be one of " + known + ", got " + ConfigKeys.describe(value), e);
        }
    }

    List<Double> numbers(String key) {
        Object value = require(key);
        if (!(value instanceof List<?> list)) {
            throw new ConfigException(key, owner + ": must be a list of numbers, got " + ConfigKeys.describe(value));
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                throw new ConfigException(key + "[" + i + "]", owner + ": must be a finite number, got "
                        + ConfigKeys.describe(item));
            }
            out.add(number.doubleValue());
        }
        return out;
    }

    /** When {@code key} is present, its number handed to {@code setter}, whose refusal is reported under the key. */
    void number(String key, DoubleConsumer setter) {
        if (has(key)) {
            double v = number(key);
            apply(key, () -> setter.accept(v));
        }
    }

    /** When {@code key} is present, its boolean handed to {@code setter}. */
    void bool(String key, Consumer<Boolean> setter) {
        if (has(key)) {
            boolean v = bool(key);
            apply(key, () -> setter.accept(v));
        }
    }

    /** When {@code key} is present, its enum constant handed to {@code setter}. */
    <E extends Enum<E>> void enumValue(String key, Class<E> type, Consumer<E> setter) {
        if (has(key)) {
            E v = enumValue(key, type);
            apply(key, () -> setter.accept(v));
        }
    }

    /** Runs {@code action} (a setter or a constructor), reporting its refusal under {@code key}. */
    static void apply(String key, Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            throw ConfigException.about(key, e);
        }
    }

    private Object require(String key) {
        if (!config.containsKey(key)) {
            throw new ConfigException("", owner + ": missing \"" + key + "\"");
        }
        return config.get(key);
    }

    /** Rejects keys outside {@code known}, so that a misspelt hyper-parameter is not ignored. */
    void rejectUnknown(java.util.Set<String> known) {
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(key, owner + ": unknown config key; known keys are " + known);
            }
        }
    }
}
