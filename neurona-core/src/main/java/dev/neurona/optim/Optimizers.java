package dev.neurona.optim;

import dev.neurona.names.ConfigException;
import dev.neurona.names.Registry;
import java.util.Map;

/**
 * Optimizers by Keras name and from configs.
 *
 * <pre>{@code
 * Optimizer adam = Optimizers.get("adam");                    // Keras 3 defaults
 * Optimizer copy = Optimizers.fromConfig(adam.config());      // an equal optimizer, fresh state
 * }</pre>
 *
 * <p>Names resolve through {@link Registry} (case and underscores ignored), where this class
 * registers the built-in optimizers and learning-rate schedules, one line each. A user's
 * optimizer registers a factory that makes one with its defaults
 * ({@code Registry.register(MyOpt.class, c -> new MyOpt())}); {@link #fromConfig} then applies
 * the common keys and the optimizer's own {@code readConfig}.
 */
public final class Optimizers {

    static {
        // one line per type: a factory makes one with Keras defaults; fromConfig then applies the config
        Registry.register("sgd", SGD.class, c -> new SGD());
        Registry.register("adam", Adam.class, c -> new Adam());
        Registry.register("adamw", AdamW.class, c -> new AdamW());
        Registry.register("adamax", Adamax.class, c -> new Adamax());
        Registry.register("nadam", Nadam.class, c -> new Nadam());
        Registry.register("rmsprop", RMSprop.class, c -> new RMSprop());
        Registry.register("adagrad", Adagrad.class, c -> new Adagrad());
        Registry.register("adadelta", Adadelta.class, c -> new Adadelta());
        // learning-rate schedules, by Keras class name; each factory gets the schedule's inner "config"
        Registry.register(ExponentialDecay.class, ExponentialDecay::fromConfig);
        Registry.register(PiecewiseConstantDecay.class, PiecewiseConstantDecay::fromConfig);
        Registry.register(CosineDecay.class, CosineDecay::fromConfig);
    }

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras 3 defaults for a name such as {@code "adam"} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer get(String name) {
        if (name == null || Registry.canonical(Optimizer.class, name).isEmpty()) {
            String guess = name == null ? null : Registry.suggest(Optimizer.class, name.trim()).orElse(null);
            throw new IllegalArgumentException("Unknown optimizer '" + name + "'"
                    + (guess == null ? "" : " (did you mean '" + guess + "'?)") + "; known optimizers are "
                    + String.join(", ", Registry.namesInOrder(Optimizer.class)));
        }
        return Registry.create(Optimizer.class, name, Map.of("name", name));
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
        return optimizer.applyConfig(config);   // the common keys, then the optimizer's own readConfig
    }
}
