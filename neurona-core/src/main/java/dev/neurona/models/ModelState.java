package dev.neurona.models;

import dev.neurona.data.Dataset;
import dev.neurona.data.TableSchema;
import dev.neurona.io.ModelFiles;
import dev.neurona.tensor.Seeds;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Checks;
import dev.neurona.train.Evaluation;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import dev.neurona.train.Objective;
import dev.neurona.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a model keeps beside its layers, and the training API's work on it: the seed, the
 * compile settings, the training position and the preprocessing; fit, evaluate, predict and
 * save, for every kind of model alike.
 */
final class ModelState {

    /** The stream of {@link Seeds} that gives the default shuffling seed. */
    private static final long SHUFFLE_STREAM = 1;

    private final Model model;
    private long seed;
    private Compilation compilation;
    private int epochsCompleted;
    private TableSchema preprocessing;
    /** The compiled forward pass for inference of a model of one input and output. */
    private final InferencePlan inference;
    /** The sample shape of a built model of one input, kept so that predict checks a batch without allocating. */
    private int[] sampleShape;

    ModelState(Model model) {
        this.model = model;
        this.inference = new InferencePlan(model);
    }

    /** The compiled forward pass for inference. */
    InferencePlan inference() {
        return inference;
    }

    long seed() {
        return seed;
    }

    void seed(long seed) {
        if (model.isBuilt()) {
            throw new IllegalStateException(model.typeName() + ".seed: the weights exist already; set the seed before "
                    + "the first use");
        }
        this.seed = seed;
    }

    Compilation compilation() {
        return compilation;
    }

    void compile(Compilation compilation) {
        this.compilation = compilation;
    }

    int epochsCompleted() {
        return epochsCompleted;
    }

    void epochsCompleted(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochsCompleted: must not be negative, got " + epochs);
        }
        this.epochsCompleted = epochs;
    }

    TableSchema preprocessing() {
        return preprocessing;
    }

    void preprocessing(TableSchema schema) {
        List<int[]> shapes = model.isBuilt() ? model.inputShapes() : model.knownInputShapes();
        if (schema != null && shapes != null) {
            if (shapes.size() != 1) {
                throw new IllegalArgumentException("preprocessing: a table schema feeds a model of one input; this one has "
                        + shapes.size());
            }
            schema.requireInputShape(shapes.get(0));
        }
        this.preprocessing = schema;
    }

    private void requireCompiled(String op) {
        if (compilation == null) {
            throw new IllegalStateException(op + ": the model is not compiled; call compile(optimizer, loss, metrics...) first");
        }
    }

    /** The objective for targets like {@code data}'s: the compiled losses, weights and metrics per output. */
    private Objective objective(String op, Dataset data) {
        if (data.targets().size() != model.outputCount()) {
            throw new IllegalArgumentException(op + ": the model has " + model.outputCount() + " output(s) "
                    + model.outputNames() + ", but the data has " + data.targets().size() + " target(s)");
        }
        return new Objective(model.outputNames(), compilation.losses(), compilation.lossWeights(),
                compilation.metricsFor(data.targets()));
    }

    History fit(String op, Dataset data, Fit fit, boolean resume) {
        if (fit == null) {
            throw new IllegalArgumentException(op + ": options must not be null, e.g. Fit.epochs(10)");
        }
        Dataset ordered = ModelData.ordered(op, model, data);
        int initialEpoch = resume ? epochsCompleted : fit.initialEpoch();
        if (resume && epochsCompleted >= fit.epochs()) {
            return new History();
        }
        CustomSteps custom = CustomSteps.of(model);
        if (custom == null) {
            requireCompiled(op);
        }
        model.ensureBuiltFor(ordered.inputs());
        Fit resolved = fit.validationData() == null ? fit
                : fit.withValidationData(ModelData.ordered(op + ": validation data", model, fit.validationData()));
        // a function of the seed only, which the file keeps, unlike the state of a generator
        long shuffleSeed = Seeds.derive(seed, SHUFFLE_STREAM);
        History history = custom != null
                ? custom.fit(ordered, resolved, shuffleSeed, initialEpoch)
                : new Trainer(model, objective(op, ordered), compilation.optimizer())
                        .saver((path, epochs, withOptimizer) -> save(path, withOptimizer, epochs))
                        .fit(ordered, resolved, shuffleSeed, initialEpoch);
        epochsCompleted = initialEpoch + history.epochCount();
        return history;
    }

    Map<String, Double> evaluate(Dataset data) {
        requireCompiled("evaluate");
        Dataset ordered = ModelData.ordered("evaluate", model, data);
        model.ensureBuiltFor(ordered.inputs());
        Objective objective = objective("evaluate", ordered);
        Checks.requireData("evaluate", "", model, objective, ordered);
        return Evaluation.evaluate(model, objective, ordered, 32);
    }

    Tensor predict(Tensor x, int batchSize) {
        if (sampleShape == null || !ModelShapes.fits(x, sampleShape)) {
            model.ensureBuiltFor(List.of(x));
            sampleShape = model.inputCount() == 1 ? model.inputShape() : null;
        }
        if (model.outputCount() != 1) {
            throw new IllegalArgumentException("predict: the model has " + model.outputCount() + " outputs; "
                    + "use predict(List.of(x)) for one tensor per output");
        }
        return inference.predict(x, batchSize);
    }

    List<Tensor> predict(List<Tensor> xs, int batchSize) {
        model.ensureBuiltFor(xs);
        if (xs.size() == 1 && model.outputCount() == 1) {
            return List.of(inference.predict(xs.get(0), batchSize));
        }
        return MultiPredict.predict(model, xs, batchSize);
    }

    void save(Path path, boolean includeOptimizer, int epochs) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("save: path must not be null");
        }
        if (includeOptimizer && compilation == null) {
            throw new IllegalStateException("save: the model is not compiled, so it has no optimizer state to include; "
                    + "compile it first or save(path, false)");
        }
        model.ensureBuilt();
        ModelFiles.write(Snapshots.of(model, includeOptimizer, epochs), path);
    }
}
