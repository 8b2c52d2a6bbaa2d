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
 * Turns a {@link Sequential} into the neutral {@link ModelSnapshot} that {@code io} writes, and
 * a model file back into a model: the architecture first, every configuration value checked
 * (errors name the JSON path, {@code config.json: model.layers[2].activation: missing "name"}),
 * then only the arrays that architecture implies, with their exact shapes (so that a file
 * cannot make the loader allocate more than its model), every value checked (finite; a
 * variance or a second-moment slot not negative), and every optimizer slot required once the
 * optimizer has taken a step.
 */
final class Snapshots {

    private Snapshots() {
    }

    /** The model as plain data; the weights are the model's own tensors, not copies. */
    static ModelSnapshot of(Model model, boolean includeOptimizer, int epochsCompleted) {
        boolean subclassed = !(model instanceof Sequential) && model.graph() == null;
        if (subclassed && model.inputCount() != 1) {
            throw new IllegalStateException("save: " + model.typeName() + " is a subclassed model of several inputs; "
                    + "saving one is not supported yet");
        }
        List<Map<String, Object>> layers = subclassed ? List.of(model.config())
                : model.layers().stream().map(Layer::config).toList();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            weights.put(p.name(), p);
        }
        ModelSnapshot.Compile compile = null;
        if (model.isCompiled()) {
            List<Object> metrics = model.metricSpecs().stream()
                    .map(m -> m instanceof Metric metric ? (Object) metric.config() : m).toList();
            compile = new ModelSnapshot.Compile(model.optimizer().config(), model.loss().config(), metrics,
                    model.outputCount() > 1 ? SnapshotKinds.outputSettings(model) : null);
        }
        Map<String, Map<String, Object>> states = new LinkedHashMap<>();
        for (Layer layer : SnapshotKinds.tree(model)) {
            if (!layer.state().isEmpty()) {
                states.put(layer.path(), layer.state());
            }
        }
        Map<String, float[]> optimizerState = includeOptimizer ? completeState(model) : null;
        TableSchema schema = model.preprocessing().orElse(null);
        if (schema != null) {
            schema.requireInputShape(model.inputShape());
        }
        boolean functional = model.graph() != null;
        String modelClass = functional ? "Functional" : subclassed ? "Subclassed" : "Sequential";
        return new ModelSnapshot(
                new ModelSnapshot.Architecture(modelClass, model.seed(), model.inputShape(),
                        layers, functional ? GraphConfig.of(model) : null),
                compile, weights, new ModelSnapshot.Training(epochsCompleted, states, optimizerState),
                ModelFiles.libraryVersion(), schema == null ? null : schema.config());
    }

    /**
     * The optimizer's state with every slot of every parameter a resumed model will train:
     * once the optimizer has stepped, a parameter without slots (frozen by the caller, whose
     * freezing the file does not keep) or with some missing (a setting changed since the
     * last step) gets fresh ones, as its next step would give it. Parameters that the
     * architecture itself keeps frozen (a normalization's statistics) stay without.
     */
    private static Map<String, float[]> completeState(Model model) {
        Optimizer optimizer = model.optimizer();
        Map<String, float[]> state = optimizer.exportState();
        if (state.size() == 1 && optimizer.iterations() == 0) {
            return state;
        }
        List<String> slots = slotNames(optimizer);
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                boolean any = slots.stream().anyMatch(s -> state.containsKey(p.name() + "/" + s));
                boolean all = slots.stream().allMatch(s -> state.containsKey(p.name() + "/" + s));
                if (all || (!any && !p.trainable() && !trainableWhenRebuilt(layer, p))) {
                    continue;
                }
                Map<String, float[]> fresh = optimizer.newSlots(p.size()).asMap();
                for (String s : slots) {
                    state.putIfAbsent(p.name() + "/" + s, fresh.get(s));
                }
            }
        }
        return state;
    }

    /** Whether {@code p} is trainable in the layer as a file rebuilds it (where the caller's freezing is lost). */
    private static boolean trainableWhenRebuilt(Layer layer, Parameter p) {
        Layer fresh;
        try {
            fresh = Layers.fromConfig(layer.config());
            fresh.build(layer.inputShape(), new Random(0));
        } catch (RuntimeException e) {   // a layer of the caller's own, which no file rebuilds
            return false;
        }
        return fresh.parameters().stream().filter(q -> q.name().equals(p.name())).anyMatch(Parameter::trainable);
    }

    private static List<String> slotNames(Optimizer optimizer) {
        return List.copyOf(optimizer.newSlots(1).asMap().keySet());
    }

    /**
     * Loads the model a file describes: layers rebuilt from their configs (each value checked),
     * built after checking that the file can hold the weights they need, weights read with
     * exactly the architecture's shapes and assigned, layer states restored (every stateful
     * layer's required), compiled, optimizer state read with exactly the slots the optimizer
     * keeps, training position and preprocessing restored.
     *
     * @throws ModelFileException naming the file, the entry and the problem
     */
    static Model load(Path path, ModelFileLimits limits) throws IOException {
        try (ModelFileReader file = ModelFiles.open(path, limits)) {
            return restore(file);
        }
    }

    private static Model restore(ModelFileReader file) throws IOException {
        ModelSnapshot.Architecture a = file.architecture();
        if (a.graph() != null) {
            return SnapshotKinds.restoreFunctional(file, a);
        }
        if (a.modelClass().equals("Subclassed")) {
            return SnapshotKinds.restoreSubclassed(file, a);
        }
        Sequential model = new Sequential();
        for (int i = 0; i < a.layers().size(); i++) {
            String where = "model.layers[" + i + "]";
            try {
                model.add(Layers.fromConfig(a.layers().get(i)));
            } catch (ConfigException e) {
                throw file.error("config.json: " + e.pathUnder(where) + ": " + e.problem(), e);
            } catch (RuntimeException e) {   // configs come from the file: any failure is the file's
                throw file.error("config.json: " + where + ": " + e.getMessage(), e);
            }
        }
        model.seed(a.seed());
        checkArchitecture(model, a.inputShape(), file);
        try {
            model.build(a.inputShape());
        } catch (RuntimeException e) {
            throw file.error("config.json: the architecture cannot be built for input "
                    + Shape.toString(a.inputShape()) + ": " + e.getMessage(), e);
        }
        return restoreRest(model, file, a);
    }

    /** Weights, layer states, compile settings, optimizer state, training position and preprocessing. */
    static Model restoreRest(Model model, ModelFileReader file, ModelSnapshot.Architecture a) throws IOException {
        assignWeights(model, file.weights(expectedWeights(model)), file);
        restoreLayerStates(model, file.layerStates(), file);
        if (file.compile() != null) {
            compile(model, file.compile(), file);
        }
        if (file.hasOptimizerState()) {
            restoreOptimizer(model, file);
        }
        model.epochsCompleted(file.epochsCompleted());
        if (file.preprocessing() != null) {
            model.preprocessing(preprocessing(file.preprocessing(), a.inputShape(), file));
        }
        return model;
    }

    /** The schema of preprocessing.json, checked key by key and against the model's input size. */
    private static TableSchema preprocessing(Map<String, Object> config, int[] inputShape, ModelFileReader file)
            throws ModelFileException {
        TableSchema schema;
        try {
            schema = TableSchema.fromConfig(config);
        } catch (RuntimeException e) {
            throw file.error("preprocessing.json: " + e.getMessage(), e);
        }
        try {
            schema.requireInputShape(inputShape);
        } catch (IllegalArgumentException e) {
            throw file.error("preprocessing.json: " + e.getMessage(), e);
        }
        return schema;
    }

    /**
     * Before building: what the architecture would allocate must fit what the file can hold
     * (weights.npz's declared size) and the limits; each activation must fit the rank of its
     * input (a softmax axis within it).
     */
    private static void checkArchitecture(Sequential model, int[] inputShape, ModelFileReader file)
            throws ModelFileException {
        long available = Math.min(file.weightsBytes(), file.limits().maxArrayBytes()) / 4;
        long needed = 0;
        int[] shape = inputShape;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            try {
                needed += layer.countParams(shape);
                if (needed > available) {
                    break;
                }
                shape = layer.outputShape(shape);
                Shape.checked("output of " + layer, shape);
            } catch (RuntimeException e) {
                throw file.error("config.json: the architecture does not fit input " + Shape.toString(inputShape)
                        + ": " + e.getMessage(), e);
            }
            Activation activation = layer instanceof Dense d ? d.activation()
                    : layer instanceof dev.neurona.nn.Activation l ? l.function() : null;
            if (activation != null) {
                try {
                    activation.checkInputRank(shape.length + 1);
                } catch (ConfigException e) {
                    throw file.error("config.json: " + e.within("activation").pathUnder("model.layers[" + i + "]")
                            + ": " + e.problem(), e);
                }
            }
        }
        if (needed > available) {
            boolean byLimit = file.limits().maxArrayBytes() < file.weightsBytes();
            throw file.error("config.json: the architecture needs more than " + available + " weight values, but "
                    + (byLimit ? "the limit on arrays is " + file.limits().maxArrayBytes() + " bytes"
                            : "weights.npz holds at most " + file.weightsBytes() + " bytes"));
        }
    }

    /** Every parameter of the built model, with its shape. */
    private static ExpectedArrays expectedWeights(Model model) {
        ExpectedArrays expected = new ExpectedArrays("parameter", "the architecture");
        for (Parameter p : model.parameters()) {
            expected.require(p.name(), p.shape());
        }
        return expected;
    }

    private static void assignWeights(Model model, Map<String, Tensor> weights, ModelFileReader file)
            throws ModelFileException {
        for (Parameter p : model.parameters()) {
            Tensor t = weights.get(p.name());
            if (t == null || !Arrays.equals(t.shape(), p.shape())) {   // the reader checked both; kept as a guard
                throw file.error("weights.npz lacks the parameter '" + p.name() + "' of shape " + Shape.toString(p.shape()));
            }
            p.assign(t);
        }
        for (Layer layer : model.layers()) {
            if (layer instanceof Normalization n) {
                requireNonNegative(n.variance(), file);
            } else if (layer instanceof dev.neurona.nn.BatchNormalization b) {
                requireNonNegative(b.movingVariance(), file);
            }
        }
    }

    private static void requireNonNegative(Parameter variance, ModelFileReader file) throws ModelFileException {
        float[] v = variance.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0) && Float.isFinite(v[i])) {
                throw file.error("weights.npz: '" + variance.name() + "' holds " + v[i] + " at [" + i
                        + "]; a variance cannot be negative");
            }
        }
    }

    /** Restores each layer's state; every layer that keeps state must find its own. */
    private static void restoreLayerStates(Model model, Map<String, Map<String, Object>> states,
            ModelFileReader file) throws ModelFileException {
        List<Layer> tree = SnapshotKinds.tree(model);
        for (Map.Entry<String, Map<String, Object>> e : states.entrySet()) {
            Layer layer = tree.stream().filter(l -> l.path().equals(e.getKey())).findFirst().orElse(null);
            if (layer == null) {
                throw file.error("config.json: training_state.layers names the layer '" + e.getKey()
                        + "', which the model does not have");
            }
            try {
                layer.loadState(e.getValue());
            } catch (RuntimeException ex) {
                throw file.error("config.json: training_state.layers." + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        for (Layer layer : tree) {
            if (!layer.state().isEmpty() && !states.containsKey(layer.path())) {
                throw file.error("config.json: training_state.layers lacks the state of " + layer
                        + ", which a resumed run needs");
            }
        }
    }

    private static void compile(Model model, ModelSnapshot.Compile c, ModelFileReader file)
            throws ModelFileException {
        Optimizer optimizer = configured("compile.optimizer", () -> Optimizers.fromConfig(c.optimizer()), file);
        if (c.outputs() != null) {
            SnapshotKinds.compileOutputs(model, optimizer, c.outputs(), file);
            return;
        }
        Loss loss = configured("compile.loss", () -> Losses.fromConfig(c.loss()), file);
        Object[] metrics = new Object[c.metrics().size()];
        for (int i = 0; i < metrics.length; i++) {
            Object m = c.metrics().get(i);
            // a name stays a name: compile resolves it against the loss and the targets, as it did
            metrics[i] = m instanceof String ? m : configured("compile.metrics[" + i + "]", () -> metricFrom(m), file);
        }
        try {
            model.compile(optimizer, loss, metrics);   // which checks the metric names against the loss
        } catch (RuntimeException e) {
            throw file.error("config.json: compile settings: " + e.getMessage(), e);
        }
    }

    /** {@code build}'s result, its configuration errors named under {@code where}. */
    static <T> T configured(String where, java.util.function.Supplier<T> build, ModelFileReader file)
            throws ModelFileException {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw file.error("config.json: " + e.pathUnder(where) + ": " + e.problem(), e);
        } catch (RuntimeException e) {
            throw file.error("config.json: " + where + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Metric metricFrom(Object config) {
        return Metrics.fromConfig((Map<String, Object>) config);
    }

    /** Each float of the step count holds less than this (2^24), as {@code Optimizer.exportState} writes it. */
    private static final float STEP_PART = 1 << 24;

    /** Slots whose values are averages of squares or maxima of magnitudes, which a negative value would turn into NaN. */
    private static final Set<String> NON_NEGATIVE_SLOTS =
            Set.of("v", "vhat", "u", "velocity", "accumulator", "accumulated_grad", "accumulated_delta_var");

    /**
     * Reads optimizer.npz with exactly the slots the optimizer keeps: once it has stepped, every
     * slot of every trainable parameter (all missing ones named); a frozen parameter's all or
     * none. Second-moment slots must not be negative.
     */
    private static void restoreOptimizer(Model model, ModelFileReader file) throws IOException {
        if (!model.isCompiled()) {
            throw file.error("optimizer.npz is present but config.json has no compile settings");
        }
        Optimizer optimizer = model.optimizer();
        List<String> slots = slotNames(optimizer);
        String slotList = slots.isEmpty() ? "none as configured" : String.join(", ", slots) + " of every trainable parameter";
        String owner = "the optimizer " + optimizer.name() + " (slots: " + slotList + ")";
        ExpectedArrays expected = new ExpectedArrays("slot", owner).require("iterations", new int[] {1}, new int[] {2});
        List<String> trainable = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (String slot : slots) {
                String key = p.name() + "/" + slot;
                int[][] shapes = p.shape().length == 1 ? new int[][] {p.shape()} : new int[][] {p.shape(), {p.size()}};
                if (p.trainable()) {
                    expected.requireTogether(key, shapes);
                    trainable.add(key);
                } else {
                    expected.allow(key, shapes);
                }
            }
        }
        Map<String, float[]> state = file.optimizerState(expected);
        float[] iterations = state.get("iterations");
        for (float v : iterations) {
            if (!(v >= 0 && v < STEP_PART && v == Math.rint(v))) {   // what exportState writes: exact in a float
                throw file.error("optimizer.npz: 'iterations' holds " + Arrays.toString(iterations) + ", not a step count "
                        + "(one whole number below 2^24, or two: [low, high] with count = high·2^24 + low)");
            }
        }
        boolean stepped = iterations.length > 1 || iterations[0] != 0;
        if (stepped && !trainable.isEmpty() && !state.containsKey(trainable.get(0))) {
            throw file.error("optimizer.npz holds no slots, but its step count says " + optimizer.name()
                    + " has taken steps; it keeps the slots " + slotList);
        }
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            String slot = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            if (!NON_NEGATIVE_SLOTS.contains(slot) || e.getKey().equals("iterations")) {
                continue;
            }
            float[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0) {
                    throw file.error("optimizer.npz: '" + e.getKey() + "' holds " + v[i] + " at index " + i
                            + "; the slot '" + slot + "' of " + optimizer.name() + " cannot be negative");
                }
            }
        }
        try {
            optimizer.loadState(state);
        } catch (RuntimeException e) {
            throw file.error("optimizer.npz: " + e.getMessage(), e);
        }
    }
}
