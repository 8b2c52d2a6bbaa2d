package dev.neurona.models;

import dev.neurona.names.ConfigException;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.SymbolicTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A functional model's graph as plain data for its model file, and back: the layers' configs,
 * the Input layers' names, and each node's inputs as {@code [layer name, application]} pairs
 * (Keras's inbound nodes), in an order where every node comes after what it reads. Reading it
 * checks every name and reference, and refuses a graph with a cycle or a dangling reference.
 */
final class GraphConfig {

    private GraphConfig() {
    }

    /** The {@code graph} entry of a functional model's config. */
    static Map<String, Object> of(Model model) {
        ModelGraph graph = model.graph();
        Map<SymbolicTensor, List<Object>> refs = new IdentityHashMap<>();
        for (SymbolicTensor in : graph.inputs()) {
            refs.put(in, List.of(in.layer().name(), 0));
        }
        List<Object> nodes = new ArrayList<>();
        for (ModelGraph.Node node : graph.nodes()) {
            List<Object> inputs = new ArrayList<>();
            for (SymbolicTensor in : node.tensor().inputs()) {
                inputs.add(refs.get(in));
            }
            refs.put(node.tensor(), List.of(node.layer().name(), graph.applicationOf(node.tensor())));
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("layer", node.layer().name());
            n.put("inputs", inputs);
            nodes.add(n);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inputs", graph.inputs().stream().map(t -> t.layer().name()).toList());
        out.put("outputs", graph.outputs().stream().map(refs::get).toList());
        out.put("nodes", nodes);
        return out;
    }

    /**
     * The functional model that {@code layers} (configs) and {@code graph} describe.
     *
     * @throws ConfigException naming the path of the bad entry ({@code graph.nodes[3].inputs[0]})
     */
    static Model model(List<Map<String, Object>> layerConfigs, Map<String, Object> graph) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (int i = 0; i < layerConfigs.size(); i++) {
            Layer layer;
            try {
                layer = Layers.fromConfig(layerConfigs.get(i));
            } catch (ConfigException e) {
                throw e.within("layers[" + i + "]");
            }
            if (layer.name() == null || layers.putIfAbsent(layer.name(), layer) != null) {
                throw new ConfigException("layers[" + i + "].name", layer.name() == null ? "a functional model's layers need "
                        + "names" : "the name '" + layer.name() + "' is used twice");
            }
        }
        Map<String, SymbolicTensor> values = new HashMap<>();
        List<Object> inputs = list(graph, "inputs", "graph.inputs");
        List<SymbolicTensor> inputTensors = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Layer layer = layers.get(String.valueOf(inputs.get(i)));
            if (!(layer instanceof Input in)) {
                throw new ConfigException("graph.inputs[" + i + "]", "names no Input layer: " + inputs.get(i));
            }
            SymbolicTensor t = in.tensor();
            inputTensors.add(t);
            values.put(in.name() + "#0", t);
        }
        List<Object> nodes = list(graph, "nodes", "graph.nodes");
        Map<String, Integer> applications = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String where = "graph.nodes[" + i + "]";
            if (!(nodes.get(i) instanceof Map<?, ?> node)) {
                throw new ConfigException(where, "must be an object {\"layer\": …, \"inputs\": […]}");
            }
            Layer layer = layers.get(String.valueOf(node.get("layer")));
            if (layer == null || layer instanceof Input) {
                throw new ConfigException(where + ".layer", "names no layer of the model (or an Input): " + node.get("layer"));
            }
            List<Object> refs = node.get("inputs") instanceof List<?> l ? new ArrayList<>(l) : null;
            if (refs == null || refs.isEmpty()) {
                throw new ConfigException(where + ".inputs", "must list the values the layer reads");
            }
            List<SymbolicTensor> args = new ArrayList<>();
            for (int r = 0; r < refs.size(); r++) {
                SymbolicTensor value = values.get(key(refs.get(r), where + ".inputs[" + r + "]"));
                if (value == null) {
                    throw new ConfigException(where + ".inputs[" + r + "]", "reads " + refs.get(r) + ", which no earlier "
                            + "node makes (the graph must list each node after what it reads, and has no cycles)");
                }
                args.add(value);
            }
            SymbolicTensor out;
            try {
                out = layer.apply(args);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage(), e);
            }
            int application = applications.merge(layer.name(), 1, Integer::sum) - 1;
            values.put(layer.name() + "#" + application, out);
        }
        List<Object> outputs = list(graph, "outputs", "graph.outputs");
        List<SymbolicTensor> outputTensors = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            SymbolicTensor t = values.get(key(outputs.get(i), "graph.outputs[" + i + "]"));
            if (t == null) {
                throw new ConfigException("graph.outputs[" + i + "]", "names " + outputs.get(i) + ", which no node makes");
            }
            outputTensors.add(t);
        }
        try {
            return new Model(inputTensors, outputTensors);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("graph", e.getMessage(), e);
        }
    }

    private static List<Object> list(Map<String, Object> graph, String key, String where) {
        if (!(graph.get(key) instanceof List<?> l) || l.isEmpty()) {
            throw new ConfigException(where, "must be a non-empty list, got " + graph.get(key));
        }
        for (String k : graph.keySet()) {
            if (!List.of("inputs", "outputs", "nodes").contains(k)) {
                throw new ConfigException("graph." + k, "is not a key of a graph (inputs, outputs, nodes)");
            }
        }
        return new ArrayList<>(l);
    }

    /** {@code ["dense_1", 0]} as {@code "dense_1#0"}. */
    private static String key(Object ref, String where) {
        if (ref instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String name
                && pair.get(1) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 0) {
            return name + "#" + n.intValue();
        }
        throw new ConfigException(where, "must be a [layer name, application] pair such as [\"dense_1\", 0], got " + ref);
    }
}
