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

    /** The data as the spec takes it: images {@code [n, h, w]} with a channel axis when the spec wants one ({@link ModelSpec#wantsChannelAxis}). */
    static DataSource dataFor(ModelSpec spec, DataSource data) {
        return spec.wantsChannelAxis(data.sampleShape()) ? data.channelsLast() : data;
    }

    /** The names {@code --arch} accepts. */
    static final List<String> ARCHITECTURES = List.of("convnet");

    /**
     * The data as {@code --arch NAME} takes it: images with a channel axis (Fashion-MNIST's
     * {@code [n, 28, 28]} as {@code [n, 28, 28, 1]}; CIFAR-10's {@code [n, 32, 32, 3]} as it is).
     *
     * @throws UsageException for an unknown name or data that are not images
     */
    static DataSource imagesFor(String arch, DataSource data) {
        if (!ARCHITECTURES.contains(arch)) {
            throw new UsageException("--arch " + arch + ": unknown architecture" + Suggestions.didYouMean(arch, ARCHITECTURES)
                    + "; use one of " + String.join(", ", ARCHITECTURES));
        }
        int[] s = data.sampleShape();
        if (s.length == 2) {
            return data.channelsLast();
        }
        if (s.length != 3) {
            throw new UsageException("--arch " + arch + ": needs images [batch, height, width, channels] (--data mnist, "
                    + "fashion-mnist or cifar10), but --data " + data.name() + " has samples of shape "
                    + dev.neurona.nn.Layer.batched(s));
        }
        return data;
    }

    /**
     * Keras's "simple MNIST convnet": Conv2D(32, 3, relu), MaxPooling2D(2), Conv2D(64, 3, relu),
     * MaxPooling2D(2), Flatten, Dropout(0.5), Dense(classes, softmax), on the data's images.
     */
    static Sequential convnet(DataSource data, String outputActivation, long seed) {
        return new Sequential(Layers.input(data.sampleShape()), Layers.conv2d(32, 3, "relu"), Layers.maxPooling2d(2),
                Layers.conv2d(64, 3, "relu"), Layers.maxPooling2d(2), Layers.flatten(), Layers.dropout(0.5),
                Layers.dense(outputUnits(data), outputActivation != null ? outputActivation
                        : defaultOutputActivation(data))).seed(seed);
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
