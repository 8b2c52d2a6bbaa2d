package dev.neurona.models;

import dev.neurona.data.TableSchema;
import dev.neurona.io.ModelFileException;
import dev.neurona.io.ModelFileLimits;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A stack of layers, each feeding the next: Keras's {@code Sequential}, a kind of {@link Model}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(flatten(28, 28), dense(8, "relu"), dense(10, "softmax"));
 * model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
 * History history = model.fit(x, y, Fit.epochs(5).batchSize(32).validationSplit(0.1));
 * Map<String, Double> scores = model.evaluate(xTest, yTest);
 * Tensor probabilities = model.predict(xTest);
 * }</pre>
 *
 * <p>Weights are created when the input shape is known: at the first use when the first layer
 * declares it ({@code input(…)}, {@code flatten(28, 28)}), otherwise at the first
 * {@code fit}, {@code evaluate} or {@code predict}, or by {@link #build(int...)}. Initial
 * weights, dropout masks and the default shuffling order all derive from {@link #seed(long)}
 * (default 0), so that a run is reproducible unless told otherwise.
 *
 * <p>Models are saved to and loaded from {@code .nrn} files (see {@link dev.neurona.io.ModelFiles}):
 *
 * <pre>{@code
 * model.save(Path.of("model.nrn"));                     // weights, config, compile settings, optimizer state
 * Sequential again = Sequential.load(Path.of("model.nrn"));
 *
 * // resuming: train with checkpoints, and after an interruption continue from the last one
 * model.fit(x, y, Fit.epochs(20).callbacks(new ModelCheckpoint("ckpt.nrn")));
 * Sequential resumed = Sequential.load(Path.of("ckpt.nrn"));
 * resumed.resume(x, y, Fit.epochs(20));   // fit(…, Fit.epochs(20).initialEpoch(resumed.epochsCompleted()))
 * }</pre>
 *
 * A resumed run ends with exactly the weights of an uninterrupted one: the file keeps the
 * optimizer state, the epochs completed and the dropout layers' stream positions, and the
 * shuffling order is a function of the model seed and the training position only.
 */
public class Sequential extends Model {

    /** A model of these layers, in order. */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /**
     * Appends a layer, naming it ({@code dense_1}, {@code dense_2}, …) unless it has a name.
     *
     * @return this model
     * @throws IllegalArgumentException for null, a layer of another model, or a name taken already
     */
    public Sequential add(Layer layer) {
        if (isBuilt()) {
            throw new IllegalStateException("Sequential.add: the model is already built; add layers before "
                    + "its first use");
        }
        if (layer == null) {
            throw new IllegalArgumentException("Sequential.add: layer must not be null");
        }
        if (layer.isBuilt() || children().contains(layer)) {
            throw new IllegalArgumentException("Sequential.add: " + layer + " already belongs to a model");
        }
        if (layer.name() != null && childNamed(layer.name()) != null) {
            throw new IllegalArgumentException("Sequential.add: a layer named '" + layer.name() + "' exists already");
        }
        addChild(layer);
        return this;
    }

    @Override
    public Sequential name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Sequential seed(long seed) {
        super.seed(seed);
        return this;
    }

    /** The layers, in order. */
    @Override
    public List<Layer> layers() {
        return children();
    }

    @Override
    protected List<int[]> knownInputShapes() {
        int[] declared = children().isEmpty() ? null : children().get(0).declaredInputShape();
        return declared == null ? null : List.of(declared);
    }

    /**
     * Creates the weights for samples of {@code inputShape} (batch excluded).
     *
     * @throws IllegalArgumentException when the shape does not match what the first layer declares
     */
    public Sequential build(int... inputShape) {
        if (children().isEmpty()) {
            throw new IllegalStateException("Sequential: the model has no layers");
        }
        int[] shape = Shape.checked("build", inputShape);
        if (isBuilt()) {
            if (!Arrays.equals(inputShape(), shape)) {
                throw new IllegalArgumentException("the model expects samples of shape " + Layer.batched(inputShape())
                        + ", got " + Layer.batched(shape));
            }
            return this;
        }
        build(List.of(shape), new Random(seed()));
        return this;
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Random random) {
        if (children().isEmpty()) {
            throw new IllegalStateException("Sequential: the model has no layers");
        }
        int[] s = inputShapes.get(0);
        for (Layer layer : children()) {
            layer.build(s, random);
            s = layer.outputShape(s);
        }
    }

    /** The output shape of one sample (batch excluded); the model must be built. */
    public int[] outputShape() {
        ensureBuilt();
        return outputShape(inputShape());
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] s = inputShape;
        for (Layer layer : children()) {
            s = layer.outputShape(s);
        }
        return s;
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        requireInputCount(inputShapes.size());
        return outputShape(inputShapes.get(0));
    }

    @Override
    public int[] outputShape(int k, int[] inputShape) {
        return inputShape == null || children().isEmpty() ? null : outputShape(inputShape);
    }

    @Override
    public List<Layer> outputLayers(int k) {
        return children();
    }

    @Override
    public long countParams(int[] inputShape) {
        long n = 0;
        int[] s = inputShape;
        for (Layer layer : children()) {
            n += layer.countParams(s);
            s = layer.outputShape(s);
        }
        return n;
    }

    /**
     * Attaches how raw table rows become this model's input (for a model trained on a CSV file,
     * the {@link dev.neurona.data.CsvData#schema()} of that file), so that it is saved with the
     * model and whoever loads the model reads new rows the same way: {@code neurona predict}, or
     * {@code new Csv().schema(model.preprocessing().orElseThrow()).read(file)}. {@code null} removes it.
     *
     * @return this model
     * @throws IllegalArgumentException when the model's input shape (built, or declared by its
     *         first layer) has another size than the number of columns the schema encodes; a model
     *         without a known input shape is checked when it is saved
     */
    @Override
    public Sequential preprocessing(TableSchema schema) {
        super.preprocessing(schema);
        return this;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        ensureBuiltFor(List.of(x));
        if (mode == Mode.INFERENCE && !NoGrad.isGradEnabled() && !Compiled.isTracing()) {
            return modelState().inference().forward(x);
        }
        return forwardUnplanned(x, mode);
    }

    @Override
    Tensor forwardUnplanned(Tensor x, Mode mode) {
        Tensor h = x;
        List<Layer> layers = children();
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).call(h, mode);
        }
        return h;
    }

    /**
     * Loads a model saved by {@link #save(Path)}: built, with equal weights (its predictions are
     * bit-identical), compiled as it was, with its optimizer state and training position.
     *
     * @throws dev.neurona.io.ModelFileException when the file is missing, corrupt, over the
     *         default {@link ModelFileLimits}, of a newer format, does not describe a valid model,
     *         or holds a model that is not a Sequential (load that with {@link Model#load(Path)})
     */
    public static Sequential load(Path path) throws IOException {
        return load(path, ModelFileLimits.DEFAULT);
    }

    /** {@link #load(Path)} with tighter (or looser) bounds on what the file may hold. */
    public static Sequential load(Path path, ModelFileLimits limits) throws IOException {
        Model model = Snapshots.load(path, limits);
        if (model instanceof Sequential s) {
            return s;
        }
        throw new ModelFileException(path, "holds a " + model.typeName() + " model, not a Sequential; "
                + "load it with Model.load");
    }
}
