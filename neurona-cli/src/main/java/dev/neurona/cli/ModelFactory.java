package dev.neurona.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Normalization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the network a {@code train} run asks for: from the flags ({@code --layers 128,64
 * --activation relu}) or from a Keras-like JSON spec ({@code --model spec.json}):
 *
 * <pre>{@code
 * {"layers": [{"type": "Dense", "units": 64, "activation": "relu"},
 *             {"type": "Dropout", "rate": 0.2},
 *             {"type": "Dense", "units": 10, "activation": "softmax"}]}
 * }</pre>
 *
 * Tabular data get a {@link Normalization} layer first, adapted to the training features,
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

    static Sequential fromSpec(Path spec, DataSource data, long seed) {
        Map<String, Object> json;
        try {
            json = new ObjectMapper().readValue(spec.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UsageException("--model " + spec + ": not a readable JSON model spec: " + e.getMessage());
        }
        Object layers = json.get("layers");
        if (!(layers instanceof List<?> list) || list.isEmpty()) {
            throw new UsageException("--model " + spec + ": expected {\"layers\": [{\"type\": \"Dense\", \"units\": 64, ...}, ...]}");
        }
        Sequential model = new Sequential(Layers.input(data.sampleShape())).seed(seed);
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> m)) {
                throw new UsageException("--model " + spec + ": each layer must be an object with a \"type\", got " + entry);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) m);
            config.remove("name");
            model.add(Layers.fromConfig(config));
        }
        return model;
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
