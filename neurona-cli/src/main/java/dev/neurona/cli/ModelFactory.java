package dev.neurona.cli;

import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Normalization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the network a {@code train} run asks for: from the flags ({@code --layers 128,64
 * --activation relu}) or from a JSON spec ({@code --model spec.json}: a list of layers, or
 * Keras's {@code model.to_json()}; see {@link ModelSpec}).
 *
 * <p>With the flags, tabular data get a {@link Normalization} layer first, adapted to the training features,
 * so that the saved model scales new data the same way.
 */
final class ModelFactory {

    private ModelFactory() {
    }

    static Sequential fromFlags(DataSource data, List<Integer> hidden, String activation, String outputActivation,
                                long seed) {
        Sequential model = new Sequential(Layers.input(data.sampleShape())).seed(seed);
        if (data.sampleShape().length > 1) {
            model.add(Layers.flatten());
        } else {
            model.add(Layers.normalization());
        }
        for (int units : hidden) {
            if (units <= 0) {
                throw new UsageException("--layers: every size must be positive, got " + units);
            }
            model.add(Layers.dense(units, activation));
        }
        model.add(Layers.dense(outputUnits(data), outputActivation != null ? outputActivation : defaultOutputActivation(data)));
        return model;
    }

    /** The network of a {@code --model} spec file; see {@link ModelSpec} for its three forms. */
    static Sequential fromSpec(Path spec, DataSource data, long seed) {
        return ModelSpec.read(spec).toModel(data, seed);
    }

    /** Adapts every {@link Normalization} layer at the front of the model to {@code x}. */
    static void adapt(Sequential model, DataSource data) {
        model.build(data.sampleShape());
        for (Layer layer : model.layers()) {
            if (layer instanceof Normalization n) {
                n.adapt(data.split().train().x());
            }
        }
    }

    static int outputUnits(DataSource data) {
        return data.task() == DataSource.Task.REGRESSION || data.classes() <= 2 ? data.targetWidth() : data.classes();
    }

    static String defaultOutputActivation(DataSource data) {
        if (data.task() == DataSource.Task.REGRESSION) {
            return "linear";
        }
        return data.targetWidth() == 1 ? "sigmoid" : "softmax";
    }

    static String defaultLoss(DataSource data) {
        if (data.task() == DataSource.Task.REGRESSION) {
            return "mse";
        }
        return data.targetWidth() == 1 ? "binary_crossentropy" : "categorical_crossentropy";
    }

    /** accuracy for classification, mae for regression or whenever the loss is a regression loss (e.g. --loss mse). */
    static List<String> defaultMetrics(DataSource data, String loss) {
        boolean regression = data.task() == DataSource.Task.REGRESSION || Losses.isRegression(Losses.get(loss));
        return new ArrayList<>(regression ? List.of("mae") : List.of("accuracy"));
    }
}
