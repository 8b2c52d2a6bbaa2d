package dev.neurona.models;

import dev.neurona.activations.Activation;
import dev.neurona.data.TableSchema;
import dev.neurona.io.ExpectedArrays;
import dev.neurona.io.ModelFileException;
import dev.neurona.io.ModelFileLimits;
import dev.neurona.io.ModelFileReader;
import dev.neurona.io.ModelFiles;
import dev.neurona.io.ModelSnapshot;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metric;
import dev.neurona.metrics.Metrics;
import dev.neurona.names.ConfigException;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Normalization;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The parts of model files that differ by kind of model: a functional model's graph and
 * per-output compile settings, a subclassed model made by its registered factory, and the walk
 * over a model's layer tree that keys layer states by path.
 */
final class SnapshotKinds {

    private SnapshotKinds() {
    }

    /** Every layer under {@code root}, depth first, each once (a shared layer once). */
    static List<Layer> tree(Layer root) {
        List<Layer> out = new ArrayList<>();
        java.util.Set<Layer> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Layer> todo = new java.util.ArrayDeque<>();
        for (int i = root.children().size() - 1; i >= 0; i--) {
            todo.push(root.children().get(i));
        }
        while (!todo.isEmpty()) {
            Layer layer = todo.pop();
            if (seen.add(layer)) {
                out.add(layer);
                for (int i = layer.children().size() - 1; i >= 0; i--) {
                    todo.push(layer.children().get(i));
                }
            }
        }
        return out;
    }

    /** Per output name its loss config, loss weight and metrics (names or configs), for a model of several outputs. */
    static Map<String, Object> outputSettings(Model model) {
        Compilation c = model.modelState().compilation();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < model.outputCount(); k++) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("loss", c.losses().get(k).config());
            settings.put("weight", c.lossWeights()[k]);
            settings.put("metrics", c.allMetricSpecs().get(k).stream()
                    .map(m -> m instanceof Metric metric ? (Object) metric.config() : m).toList());
            out.put(model.outputNames().get(k), settings);
        }
        return out;
    }

    /** A functional model: the graph rebuilt and checked, sized against the file, then built. */
    static Model restoreFunctional(ModelFileReader file, ModelSnapshot.Architecture a) throws IOException {
        Model model;
        try {
            model = GraphConfig.model(a.layers(), a.graph());
        } catch (ConfigException e) {
            throw file.error("config.json: " + e.pathUnder("model") + ": " + e.problem(), e);
        } catch (RuntimeException e) {
            throw file.error("config.json: model: " + e.getMessage(), e);
        }
        model.seed(a.seed());
        long available = Math.min(file.weightsBytes(), file.limits().maxArrayBytes()) / 4;
        long needed = 0;
        for (ModelGraph.Node node : model.graph().nodes()) {
            try {
                needed += node.tensor().inputs().size() == 1 && !node.layer().isBuilt()
                        ? node.layer().countParams(node.tensor().inputs().get(0).shape()) : 0;
            } catch (RuntimeException e) {
                throw file.error("config.json: the graph does not fit its inputs: " + e.getMessage(), e);
            }
        }
        if (needed > available) {
            throw file.error("config.json: the architecture needs more than " + available + " weight values, but "
                    + "weights.npz holds at most " + file.weightsBytes() + " bytes (or the limit on arrays is lower)");
        }
        try {
            model.ensureBuilt();
        } catch (RuntimeException e) {
            throw file.error("config.json: the graph cannot be built: " + e.getMessage(), e);
        }
        return Snapshots.restoreRest(model, file, a);
    }

    /** A subclassed model: made by the factory its class registered, built for the saved input shape. */
    static Model restoreSubclassed(ModelFileReader file, ModelSnapshot.Architecture a) throws IOException {
        Layer layer;
        try {
            layer = Layers.fromConfig(a.layers().get(0));
        } catch (ConfigException e) {
            throw file.error("config.json: " + e.pathUnder("model.layers[0]") + ": " + e.problem()
                    + " (a subclassed model loads once its class is registered: Registry.register(MyModel.class, "
                    + "MyModel::fromConfig))", e);
        } catch (RuntimeException e) {
            throw file.error("config.json: model.layers[0]: " + e.getMessage(), e);
        }
        if (!(layer instanceof Model model) || model instanceof Sequential || model.graph() != null) {
            throw file.error("config.json: model.layers[0]: a subclassed model's config must make a subclass of Model, got "
                    + layer);
        }
        model.seed(a.seed());
        try {
            model.build(List.of(a.inputShape()));
        } catch (RuntimeException e) {
            throw file.error("config.json: the model cannot be built for input " + Shape.toString(a.inputShape()) + ": "
                    + e.getMessage(), e);
        }
        return Snapshots.restoreRest(model, file, a);
    }

    /** The per-output compile settings of a model of several outputs. */
    @SuppressWarnings("unchecked")
    static void compileOutputs(Model model, Optimizer optimizer, Map<String, Object> outputs, ModelFileReader file)
            throws ModelFileException {
        Map<String, Object> losses = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, List<?>> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : outputs.entrySet()) {
            String where = "compile.outputs." + e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> settings) || !(settings.get("loss") instanceof Map<?, ?> loss)
                    || !(settings.get("weight") instanceof Number weight) || !(settings.get("metrics") instanceof List<?> ms)) {
                throw file.error("config.json: " + where + ": needs {\"loss\": {…}, \"weight\": number, \"metrics\": […]}");
            }
            losses.put(e.getKey(), Snapshots.configured(where + ".loss", () -> Losses.fromConfig((Map<String, Object>) loss), file));
            weights.put(e.getKey(), weight.doubleValue());
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                Object m = ms.get(i);
                resolved.add(m instanceof String ? m : Snapshots.configured(where + ".metrics[" + i + "]", () -> Snapshots.metricFrom(m), file));
            }
            metrics.put(e.getKey(), resolved);
        }
        try {
            model.compile(optimizer, losses, weights, metrics);
        } catch (RuntimeException e) {
            throw file.error("config.json: compile settings: " + e.getMessage(), e);
        }
    }
}
