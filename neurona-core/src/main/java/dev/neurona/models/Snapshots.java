package dev.neurona.models;

import dev.neurona.data.TableSchema;
import dev.neurona.io.ModelFileException;
import dev.neurona.io.ModelFiles;
import dev.neurona.io.ModelSnapshot;
import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metric;
import dev.neurona.metrics.Metrics;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link Sequential} into the neutral {@link ModelSnapshot} that {@code io} writes, and
 * a snapshot read from a file back into a model, checking that the weights and the optimizer
 * state fit the architecture before anything is allocated or assigned.
 */
final class Snapshots {

    private Snapshots() {
    }

    /** The model as plain data; the weights are the model's own tensors, not copies. */
    static ModelSnapshot of(Sequential model, boolean includeOptimizer, int epochsCompleted) {
        List<Map<String, Object>> layers = model.layers().stream().map(Layer::config).toList();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            weights.put(p.name(), p);
        }
        ModelSnapshot.Compile compile = null;
        if (model.isCompiled()) {
            List<Object> metrics = model.metricSpecs().stream()
                    .map(m -> m instanceof Metric metric ? (Object) metric.config() : m).toList();
            compile = new ModelSnapshot.Compile(model.optimizer().config(), model.loss().config(), metrics);
        }
        Map<String, Map<String, Object>> states = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            if (!layer.state().isEmpty()) {
                states.put(layer.name(), layer.state());
            }
        }
        Map<String, float[]> optimizerState = includeOptimizer ? model.optimizer().exportState() : null;
        TableSchema schema = model.preprocessing().orElse(null);
        if (schema != null) {
            Sequential.checkPreprocessing(schema, model.inputShape());
        }
        return new ModelSnapshot(
                new ModelSnapshot.Architecture("Sequential", model.seed(), model.inputShape(), layers),
                compile, weights, new ModelSnapshot.Training(epochsCompleted, states, optimizerState),
                ModelFiles.libraryVersion(), schema == null ? null : schema.config());
    }

    /**
     * The model a snapshot describes: layers rebuilt from their configs, built (after checking
     * that the weights the architecture needs match what the file holds), weights assigned,
     * compiled, optimizer state and training position restored.
     *
     * @throws ModelFileException naming {@code file} and the problem, such as a parameter whose
     *         shape differs from the architecture's
     */
    static Sequential restore(ModelSnapshot snapshot, Path file) throws ModelFileException {
        ModelSnapshot.Architecture a = snapshot.architecture();
        Sequential model = new Sequential();
        for (int i = 0; i < a.layers().size(); i++) {
            Map<String, Object> config = a.layers().get(i);
            try {
                model.add(Layers.fromConfig(config));
            } catch (RuntimeException e) {   // configs come from the file: any failure is the file's
                throw new ModelFileException(file, "config.json: layer " + i + " (" + config.get("name") + "): "
                        + e.getMessage(), e);
            }
        }
        model.seed(a.seed());
        checkWeightCount(model, a.inputShape(), snapshot.weights(), file);
        try {
            model.build(a.inputShape());
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "config.json: the architecture cannot be built for input "
                    + Shape.toString(a.inputShape()) + ": " + e.getMessage(), e);
        }
        assignWeights(model, snapshot.weights(), file);
        restoreLayerStates(model, snapshot.training().layerStates(), file);
        if (snapshot.compile() != null) {
            compile(model, snapshot.compile(), file);
        }
        Map<String, float[]> state = snapshot.training().optimizerState();
        if (state != null) {
            restoreOptimizer(model, state, file);
        }
        model.epochsCompleted(snapshot.training().epochsCompleted());
        if (snapshot.preprocessing() != null) {
            model.preprocessing(preprocessing(snapshot.preprocessing(), a.inputShape(), file));
        }
        return model;
    }

    /** The schema of preprocessing.json, checked key by key and against the model's input size. */
    private static TableSchema preprocessing(Map<String, Object> config, int[] inputShape, Path file)
            throws ModelFileException {
        TableSchema schema;
        try {
            schema = TableSchema.fromConfig(config);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "preprocessing.json: " + e.getMessage(), e);
        }
        try {
            Sequential.checkPreprocessing(schema, inputShape);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "preprocessing.json: " + e.getMessage(), e);
        }
        return schema;
    }

    /** Compares what the architecture would allocate with what the file holds, before allocating it. */
    private static void checkWeightCount(Sequential model, int[] inputShape, Map<String, Tensor> weights, Path file)
            throws ModelFileException {
        long inFile = 0;
        for (Tensor t : weights.values()) {
            inFile += t.size();
        }
        long needed = 0;
        int[] shape = inputShape;
        try {
            for (Layer layer : model.layers()) {
                needed += layer.countParams(shape);
                if (needed > inFile) {
                    break;
                }
                shape = layer.outputShape(shape);
                Shape.checked("output of " + layer, shape);
            }
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "config.json: the architecture does not fit input "
                    + Shape.toString(inputShape) + ": " + e.getMessage(), e);
        }
        if (needed != inFile) {
            throw new ModelFileException(file, "weights.npz holds " + inFile + " weight values, but the architecture "
                    + (needed > inFile ? "needs more" : "needs " + needed));
        }
    }

    private static void assignWeights(Sequential model, Map<String, Tensor> weights, Path file)
            throws ModelFileException {
        Set<String> used = new HashSet<>();
        for (Parameter p : model.parameters()) {
            Tensor t = weights.get(p.name());
            if (t == null) {
                throw new ModelFileException(file, "weights.npz lacks the parameter '" + p.name() + "' of shape "
                        + Shape.toString(p.shape()));
            }
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new ModelFileException(file, "weights.npz: the parameter '" + p.name() + "' has shape "
                        + Shape.toString(t.shape()) + " but the architecture needs " + Shape.toString(p.shape()));
            }
            p.assign(t);
            used.add(p.name());
        }
        for (String name : weights.keySet()) {
            if (!used.contains(name)) {
                throw new ModelFileException(file, "weights.npz holds '" + name + "', which is not a parameter of the "
                        + "architecture");
            }
        }
    }

    private static void restoreLayerStates(Sequential model, Map<String, Map<String, Object>> states, Path file)
            throws ModelFileException {
        for (Map.Entry<String, Map<String, Object>> e : states.entrySet()) {
            Layer layer = model.layers().stream().filter(l -> l.name().equals(e.getKey())).findFirst().orElse(null);
            if (layer == null) {
                throw new ModelFileException(file, "config.json: training_state names the layer '" + e.getKey()
                        + "', which the model does not have");
            }
            try {
                layer.loadState(e.getValue());
            } catch (RuntimeException ex) {
                throw new ModelFileException(file, "config.json: training_state of " + layer + ": " + ex.getMessage(),
                        ex);
            }
        }
    }

    private static void compile(Sequential model, ModelSnapshot.Compile c, Path file) throws ModelFileException {
        Object[] metrics = new Object[c.metrics().size()];
        try {
            Optimizer optimizer = Optimizers.fromConfig(c.optimizer());
            Loss loss = Losses.fromConfig(c.loss());
            for (int i = 0; i < metrics.length; i++) {
                Object m = c.metrics().get(i);
                // a name stays a name: compile resolves it against the loss and the targets, as it did
                metrics[i] = m instanceof String ? m : metricFrom(m);
            }
            model.compile(optimizer, loss, metrics);   // which checks the metric names against the loss
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "config.json: compile settings: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Metric metricFrom(Object config) {
        return Metrics.fromConfig((Map<String, Object>) config);
    }

    /** Checks every slot against its parameter (name and size) before handing the state to the optimizer. */
    private static void restoreOptimizer(Sequential model, Map<String, float[]> state, Path file)
            throws ModelFileException {
        if (!model.isCompiled()) {
            throw new ModelFileException(file, "optimizer.npz is present but config.json has no compile settings");
        }
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            params.put(p.name(), p);
        }
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals("iterations")) {
                continue;
            }
            int slash = key.lastIndexOf('/');
            Parameter p = slash < 0 ? null : params.get(key.substring(0, slash));
            if (p == null) {
                throw new ModelFileException(file, "optimizer.npz: '" + key + "' is not '<parameter>/<slot>' for a "
                        + "parameter of the model");
            }
            if (e.getValue().length != p.size()) {
                throw new ModelFileException(file, "optimizer.npz: '" + key + "' has " + e.getValue().length
                        + " values but the parameter '" + p.name() + "' has " + p.size());
            }
        }
        try {
            model.optimizer().loadState(state);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "optimizer.npz: " + e.getMessage(), e);
        }
    }
}
