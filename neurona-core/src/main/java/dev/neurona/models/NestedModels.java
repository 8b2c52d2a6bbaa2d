package dev.neurona.models;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models as layers of other models in configs: a nested Sequential's or functional model's
 * settings hold its own architecture ({@code layers}, and {@code graph} for a functional one),
 * and the registry rebuilds them from it, so a model file of an autoencoder made of an encoder
 * and a decoder model loads back whole.
 */
final class NestedModels {

    private NestedModels() {
    }

    /** A nested model's settings: its layers' configs and, for a functional one, its graph. */
    static Map<String, Object> settings(Model model) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("layers", model.children().stream().map(Layer::config).toList());
        if (model.graph() != null) {
            s.put("graph", GraphConfig.of(model));
        }
        return s;
    }

    /** A Sequential from its config as a layer. */
    static Sequential sequential(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "layers");
        Sequential model = new Sequential();
        List<Object> layers = c.list("layers");
        for (int i = 0; i < layers.size(); i++) {
            try {
                model.add(Layers.fromConfig(object(layers.get(i), "layers[" + i + "]")));
            } catch (ConfigException e) {
                throw e.within("layers[" + i + "]");
            } catch (IllegalArgumentException e) {
                throw new ConfigException("layers[" + i + "]", e.getMessage(), e);
            }
        }
        return model;
    }

    /** A functional model from its config as a layer. */
    static Model functional(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "layers", "graph");
        List<Map<String, Object>> layers = new ArrayList<>();
        List<Object> list = c.list("layers");
        for (int i = 0; i < list.size(); i++) {
            layers.add(object(list.get(i), "layers[" + i + "]"));
        }
        return GraphConfig.model(layers, c.object("graph"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String key) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ConfigException(key, "must be a layer's config object, got " + ConfigKeys.describe(value));
    }
}
