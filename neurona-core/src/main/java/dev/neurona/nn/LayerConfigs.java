package dev.neurona.nn;

import dev.neurona.activations.Activations;
import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.nn.init.Initializers;
import java.util.Map;

/**
 * The factories of the built-in layers, registered by {@link Layers}: each rebuilds its layer from
 * the whole config ({@code type} and {@code name} included; {@link Layers#fromConfig} sets the name)
 * and refuses every key the layer does not have.
 */
final class LayerConfigs {

    private LayerConfigs() {
    }

    static Input input(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "shape");
        int[] shape = dims(c, "shape");
        return built("shape", () -> new Input(shape));
    }

    static Flatten flatten(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "input_dims");
        int[] dims = c.has("input_dims") ? dims(c, "input_dims") : new int[0];
        if (c.has("input_dims") && dims.length == 0) {
            throw new ConfigException("input_dims", "must hold at least one dimension (or be left out), got []");
        }
        return built("input_dims", () -> new Flatten(dims));
    }

    static Activation activation(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "activation");
        return new Activation(function(c.required("activation")));
    }

    static Dropout dropout(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "rate");
        double rate = c.number("rate", 0, 1);
        if (!((float) rate < 1f)) {
            throw new ConfigException("rate", "must be in [0, 1), got " + rate);
        }
        return new Dropout(rate);
    }

    static PReLU prelu(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "alpha_initializer");
        return c.has("alpha_initializer") ? new PReLU(initializer(c, "alpha_initializer")) : new PReLU();
    }

    /** A merge layer of no settings ({@code Add}, {@code Subtract}, {@code Multiply}, {@code Average}). */
    static <L extends Layer> L merge(Map<String, Object> config, L layer) {
        ConfigKeys.of(config).only("type", "name");
        return layer;
    }

    static Concatenate concatenate(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "axis");
        int axis = c.has("axis") ? (int) c.integer("axis", -32, 32) : -1;
        return built("axis", () -> new Concatenate(axis));
    }

    /** A Dot layer: {@code axes} one axis or a pair, {@code normalize} false by default. */
    static Dot dot(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "axes", "normalize");
        Object axes = c.required("axes");
        boolean normalize = c.bool("normalize", false);
        int a;
        int b;
        if (axes instanceof java.util.List<?> pair) {
            if (pair.size() != 2) {
                throw new ConfigException("axes", "must be one axis or a pair of axes, got " + pair);
            }
            a = (int) ConfigKeys.integerValue(pair.get(0), -32, 32);
            b = (int) ConfigKeys.integerValue(pair.get(1), -32, 32);
        } else {
            a = (int) ConfigKeys.integerValue(axes, -32, 32);
            b = a;
        }
        return built("axes", () -> new Dot(a, b, normalize));
    }

    static Normalization normalization(Map<String, Object> config) {
        ConfigKeys.of(config).only("type", "name");
        return new Normalization();
    }

    /**
     * A Dense layer from its config; only {@code units} is required, the rest default as in
     * Keras, and activations and initializers may be given by name or as config objects.
     */
    static Dense dense(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config);
        c.only("type", "name", "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer",
                "kernel_constraint", "bias_constraint");
        Dense d = new Dense((int) c.integer("units", 1, Integer.MAX_VALUE)).useBias(c.bool("use_bias", true));
        if (c.has("activation")) {
            d.activation(function(c.get("activation")));
        }
        if (c.has("kernel_initializer")) {
            d.kernelInitializer(initializer(c, "kernel_initializer"));
        }
        if (c.has("bias_initializer")) {
            d.biasInitializer(initializer(c, "bias_initializer"));
        }
        if (c.has("kernel_regularizer")) {
            d.kernelRegularizer(regularizer(c, "kernel_regularizer"));
        }
        if (c.has("bias_regularizer")) {
            d.biasRegularizer(regularizer(c, "bias_regularizer"));
        }
        if (c.has("kernel_constraint")) {
            d.kernelConstraint(constraint(c, "kernel_constraint"));
        }
        if (c.has("bias_constraint")) {
            d.biasConstraint(constraint(c, "bias_constraint"));
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    static dev.neurona.activations.Activation function(Object spec) {
        try {
            if (spec instanceof String name) {
                try {
                    return Activations.get(name);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("", e.getMessage(), e);   // the name is the value itself
                }
            }
            if (spec instanceof Map<?, ?> map) {
                return Activations.fromConfig((Map<String, Object>) map);
            }
        } catch (ConfigException e) {
            throw e.within("activation");
        }
        throw new ConfigException("activation", "must be a name such as \"relu\" or an object such as "
                + "{\"name\": \"leaky_relu\", \"alpha\": 0.1}, got " + ConfigKeys.describe(spec));
    }

    @SuppressWarnings("unchecked")
    static dev.neurona.nn.init.Initializer initializer(ConfigKeys c, String key) {
        Object spec = c.get(key);
        try {
            if (spec instanceof String name) {
                try {
                    return Initializers.get(name);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("", e.getMessage(), e);
                }
            }
            if (spec instanceof Map<?, ?> map) {
                return Initializers.fromConfig((Map<String, Object>) map);
            }
        } catch (ConfigException e) {
            throw e.within(key);
        }
        throw new ConfigException(key, "must be an initializer's name such as \"he_normal\" or an object such as "
                + "{\"name\": \"constant\", \"value\": 0.1}, got " + ConfigKeys.describe(spec));
    }

    static Regularizer regularizer(ConfigKeys c, String key) {
        Map<String, Object> config = c.object(key);
        try {
            return Regularizer.fromConfig(config);
        } catch (ConfigException e) {
            throw e.within(key);
        }
    }

    /** A constraint by name ({@code "max_norm"}, with its defaults) or as a config object. */
    @SuppressWarnings("unchecked")
    static Constraint constraint(ConfigKeys c, String key) {
        Object spec = c.get(key);
        try {
            if (spec instanceof String name) {
                return Constraint.fromConfig(Map.of("name", name));
            }
            if (spec instanceof Map<?, ?> map) {
                return Constraint.fromConfig((Map<String, Object>) map);
            }
        } catch (ConfigException e) {
            throw e.within(key);
        }
        throw new ConfigException(key, "must be a constraint's name such as \"max_norm\" or an object such as "
                + "{\"name\": \"max_norm\", \"max_value\": 3}, got " + ConfigKeys.describe(spec));
    }

    /** A list of dimensions, each an integer ≥ 1. */
    private static int[] dims(ConfigKeys c, String key) {
        java.util.List<Object> list = c.list(key);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = (int) ConfigKeys.integerValue(list.get(i), 1, Integer.MAX_VALUE);
            } catch (ConfigException e) {
                throw new ConfigException(key + "[" + i + "]", e.problem());
            }
        }
        return out;
    }

    /** {@code make}'s result, a constructor's or setter's refusal named under {@code key}. */
    static <T> T built(String key, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw ConfigException.about(key, e);
        }
    }
}
