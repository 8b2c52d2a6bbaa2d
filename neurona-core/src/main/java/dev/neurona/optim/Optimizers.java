package dev.neurona.optim;

import dev.neurona.names.ConfigException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Optimizers by Keras name and from configs.
 *
 * <pre>{@code
 * Optimizer adam = Optimizers.get("adam");                    // Keras 3 defaults
 * Optimizer copy = Optimizers.fromConfig(adam.config());      // an equal optimizer, fresh state
 * }</pre>
 */
public final class Optimizers {

    private static final Map<String, Supplier<Optimizer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("sgd", SGD::new);
        BY_NAME.put("adam", Adam::new);
        BY_NAME.put("adamw", AdamW::new);
        BY_NAME.put("adamax", Adamax::new);
        BY_NAME.put("nadam", Nadam::new);
        BY_NAME.put("rmsprop", RMSprop::new);
        BY_NAME.put("adagrad", Adagrad::new);
        BY_NAME.put("adadelta", Adadelta::new);
    }

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras 3 defaults for a name such as {@code "adam"} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer get(String name) {
        Supplier<Optimizer> factory = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            String guess = name == null ? null : dev.neurona.names.Names.closest(name.trim(), BY_NAME.keySet());
            throw new IllegalArgumentException("Unknown optimizer '" + name + "'"
                    + (guess == null ? "" : " (did you mean '" + guess + "'?)") + "; known optimizers are "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return factory.get();
    }

    /**
     * Rebuilds an optimizer from {@link Optimizer#config()} (or any subset of it: absent keys keep
     * their Keras defaults). Numbers may be of any boxed type, as JSON parsers return them.
     *
     * @throws IllegalArgumentException for a missing or unknown {@code name}, an unknown key or a bad value
     */
    public static Optimizer fromConfig(Map<String, Object> config) {
        if (config == null || !(config.get("name") instanceof String name)) {
            throw new ConfigException(config == null || config.get("name") == null ? "" : "name",
                    "Optimizers.fromConfig: needs a 'name' such as \"adam\", got " + config);
        }
        Optimizer optimizer;
        try {
            optimizer = get(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("name", e.getMessage(), e);
        }
        return optimizer.applyConfig(config);
    }
}
