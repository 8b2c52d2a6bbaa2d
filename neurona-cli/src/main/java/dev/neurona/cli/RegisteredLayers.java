package dev.neurona.cli;

import dev.neurona.names.ConfigException;
import dev.neurona.names.Registry;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.init.Initializers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layers of a {@code --model} spec that {@link ModelSpec} and {@link KerasSpec} have no
 * reader of their own for ({@code Conv2D}, {@code MaxPooling2D}, {@code BatchNormalization}, a
 * user's registered layer, …): built by {@link Layers#fromConfig}, the path model files load
 * through, so that every layer type in the {@link Registry} works in a spec with the same keys
 * and checks. A Keras entry's config is translated first: its runtime keys dropped, its null
 * values (Keras's "not set") left to Neurona's defaults, which are Keras's, and its
 * initializers, regularizers and activation read in Keras's spelling.
 */
final class RegisteredLayers {

    /** Registered types a spec cannot hold as one of its layers. */
    private static final Set<String> NOT_IN_A_SPEC = Set.of("Sequential", "Functional", "Input");

    private RegisteredLayers() {
    }

    /** Whether {@code type} is a layer type of the registry that a spec may hold. */
    static boolean known(String type) {
        return !NOT_IN_A_SPEC.contains(type) && Registry.type(Layer.class, type).isPresent();
    }

    /** The registry's layer types a spec may hold, in registration order. */
    static List<String> names() {
        return Registry.namesInOrder(Layer.class).stream().filter(n -> !NOT_IN_A_SPEC.contains(n)).toList();
    }

    /** A Neurona entry {@code {"type": "Conv2D", "filters": 32, ...}} (its {@code name} is the caller's). */
    static Layer neurona(SpecNode entry, String type) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : entry.keys("a layer object")) {
            if (!key.equals("name")) {
                config.put(key, entry.get(key).toJava());
            }
        }
        return build(config, entry);
    }

    /**
     * A Keras entry's settings {@code c} as the Neurona layer {@code cls}.
     *
     * @param skip    keys already handled (the runtime ones, the input shape)
     * @param keras2  whether the spec comes from Keras 2 (its activations' spelling)
     */
    static Layer keras(SpecNode c, String cls, Set<String> skip, boolean keras2, Map<String, String> unsupported) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", cls);
        for (String key : c.keys("the layer's settings as an object")) {
            SpecNode v = c.get(key);
            if (skip.contains(key) || key.equals("batch_shape") || key.equals("batch_input_shape") || v.absent()) {
                continue;
            }
            if (key.endsWith("_constraint") || key.equals("activity_regularizer") || key.equals("seed")
                    || key.startsWith("lora_") || key.equals("quantization_config")) {
                throw v.error(unsupported.getOrDefault(key, "'" + key + "' is not supported; set it to null"));
            }
            Object value;
            if (key.endsWith("_initializer")) {
                value = SpecValues.initializer(v, Initializers.zeros()).config();
            } else if (key.endsWith("_regularizer")) {
                value = SpecValues.regularizer(v).config();
            } else if (key.equals("activation")) {
                value = SpecValues.activation(v, keras2).config();
            } else {
                value = v.toJava();
            }
            config.put(key, value);
        }
        return build(config, c);
    }

    private static Layer build(Map<String, Object> config, SpecNode at) {
        try {
            return Layers.fromConfig(config);
        } catch (ConfigException e) {
            throw at.errorUnder(e);
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }
}
