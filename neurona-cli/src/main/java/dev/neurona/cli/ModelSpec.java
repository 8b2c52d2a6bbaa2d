package dev.neurona.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Activation;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.PReLU;
import dev.neurona.nn.init.Initializers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of {@code train --model FILE}, read from one of three JSON forms:
 *
 * <pre>{@code
 * [{"type": "Dense", "units": 64, "activation": "relu"}, {"type": "Dense", "units": 3, "activation": "softmax"}]
 * {"layers": [ ...the same layer objects... ]}                 (a run's config.json is one)
 * {"class_name": "Sequential", "config": {"layers": [...]}}     (Keras 2 or 3 model.to_json())
 * }</pre>
 *
 * Neurona layer objects are those of {@link Layer#config()} ({@code "type"}: Input, Dense,
 * Dropout, Flatten, Activation, PReLU, Normalization read here, and every other registered layer
 * type, such as Conv2D or MaxPooling2D, through {@link RegisteredLayers}, the path model files
 * load through); Keras layers are read by {@link KerasSpec}. Every mistake is a {@link UsageException} that names the file and the
 * JSON path of the bad entry, since a spec is written (or exported) by hand and fixed by hand.
 * The model starts with an input of the data's feature shape, which an input declared in the
 * spec must match.
 */
final class ModelSpec {

    /** A layer, where it came from, and the input shape its entry declared ({@code null}: any). */
    private record Entry(Layer layer, String path, int[] expects, String expectsPath) {
    }

    /** Neurona's layer types and the keys each reads. */
    static final Map<String, List<String>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("Dense", List.of("type", "name", "units", "activation", "use_bias", "kernel_initializer",
                "bias_initializer", "kernel_regularizer", "bias_regularizer"));
        TYPES.put("Dropout", List.of("type", "name", "rate"));
        TYPES.put("Flatten", List.of("type", "name", "input_dims"));
        TYPES.put("Activation", List.of("type", "name", "activation"));
        TYPES.put("Normalization", List.of("type", "name"));
        TYPES.put("PReLU", List.of("type", "name", "alpha_initializer"));
        TYPES.put("Input", List.of("type", "name", "shape"));
    }

    static final String FORMS = "a list of layers [{\"type\": \"Dense\", \"units\": 64, \"activation\": \"relu\"}, ...], "
            + "{\"layers\": [...]}, or the JSON of Keras's model.to_json() ({\"class_name\": \"Sequential\", "
            + "\"config\": {\"layers\": [...]}})";

    private final String file;
    private final List<Entry> entries = new ArrayList<>();
    private int[] pendingInput;
    private String pendingInputPath;

    private ModelSpec(String file) {
        this.file = file;
    }

    /** Reads and checks a spec file; {@code file} is shown in messages as the user wrote it. */
    static ModelSpec read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException("--model " + file + ": is a folder; give a JSON file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--model " + file + ": no such file (looked for " + file.toAbsolutePath() + ")");
        }
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("--model " + file + ": cannot read the file (" + e.getMessage() + ")");
        }
        return parse(json, file.toString());
    }

    /** Reads and checks the spec text {@code json}, named {@code file} in messages. */
    static ModelSpec parse(String json, String file) {
        ModelSpec spec = new ModelSpec(file);
        spec.document(SpecNode.root(tree(json, file), file));
        return spec;
    }

    /**
     * The model: an input of the data's feature shape, then the spec's layers, after checking
     * that the spec's input shape and the width of its last layer fit the data.
     */
    Sequential toModel(DataSource data, long seed) {
        int[] features = data.sampleShape();
        Sequential model = new Sequential(Layers.input(features)).seed(seed);
        int[] shape = features;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            boolean declaredByKey = e.expects() != null;
            int[] wanted = declaredByKey ? e.expects() : e.layer().declaredInputShape();
            if (wanted != null && !Arrays.equals(wanted, shape)) {
                String where = declaredByKey ? e.expectsPath() : e.path();
                throw error(where, i == 0
                        ? "the spec's input shape is " + Layer.batched(wanted) + ", but --data " + data.name()
                                + " has samples of shape " + Layer.batched(features)
                        : "this layer expects input of shape " + Layer.batched(wanted) + ", but the layer before it gives "
                                + Layer.batched(shape));
            }
            try {
                model.add(e.layer());
            } catch (IllegalArgumentException ex) {
                // a given name that the model's own naming (dense_1, dense_2, ...) also chose
                throw error(e.path(), ex.getMessage().replace("Sequential.add: ", "") + "; name the layers differently");
            }
            try {
                shape = e.layer().outputShape(shape);
            } catch (IllegalArgumentException ex) {   // a Conv2D on flat rows, a kernel larger than the image...
                throw error(e.path(), "cannot take " + (i == 0 ? "the samples of --data " + data.name() + ", "
                        : "what the layer before it gives, ") + Layer.batched(shape) + ": " + ex.getMessage());
            }
        }
        Entry last = entries.get(entries.size() - 1);
        int width = data.targetWidth();
        if (shape.length != 1) {
            throw error(last.path(), "the model gives each sample an output of shape " + Layer.batched(shape)
                    + "; put a Flatten layer before the Dense layers so that it gives " + Layer.batched(new int[] {width}));
        }
        if (shape[0] != width) {
            String need = data.task() == DataSource.Task.REGRESSION ? width + " (one per target column)"
                    : width == 1 ? "1 (one sigmoid unit for its two classes)" : width + " (one per class, with softmax)";
            throw error(last.path(), "the last layer gives " + shape[0] + " outputs per sample, but --data " + data.name()
                    + " needs " + need);
        }
        return model;
    }

    /**
     * Whether the spec wants images with a channel axis, {@code [batch, height, width, channels]},
     * where the data has {@code [batch, height, width]} (MNIST, Fashion-MNIST): when it declares
     * an input of {@code [height, width, 1]}, or when its first layer cannot take the data's
     * shape but takes it, or fails on something else, with a trailing channel axis (a Conv2D, a
     * MaxPooling2D; so that a kernel too large is reported against {@code [h, w, 1]}). The images are
     * then fed channels-last ({@code Split.channelsLast()}, no copy).
     */
    boolean wantsChannelAxis(int[] sample) {
        if (sample.length != 2 || entries.isEmpty()) {
            return false;
        }
        int[] withChannel = {sample[0], sample[1], 1};
        Entry first = entries.get(0);
        int[] declared = first.expects() != null ? first.expects() : first.layer().declaredInputShape();
        if (declared != null) {
            return Arrays.equals(declared, withChannel);
        }
        try {
            first.layer().outputShape(sample);
            return false;
        } catch (IllegalArgumentException flat) {
            try {
                first.layer().outputShape(withChannel);
                return true;
            } catch (IllegalArgumentException other) {
                // another complaint (a kernel larger than the image) means the channel axis got past the rank check
                return !java.util.Objects.equals(flat.getMessage(), other.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- reading

    private static JsonNode tree(String json, String file) {
        ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new UsageException("--model " + file + ": the file is empty; expected " + FORMS);
            }
            JsonNode root = mapper.readTree(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new UsageException("--model " + file + ": not valid JSON at line "
                        + parser.currentTokenLocation().getLineNr() + ", column "
                        + parser.currentTokenLocation().getColumnNr()
                        + ": more text after the end of the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UsageException("--model " + file + ": not valid JSON" + where + ": " + jacksonMessage(e));
        } catch (IOException e) {
            throw new UsageException("--model " + file + ": cannot read the JSON (" + e.getMessage() + ")");
        }
    }

    /** Jackson's own words, less its locations (given as line and column) and its class names. */
    static String jacksonMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        m = m.replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        m = m.replaceAll("\\s*\\n.*", "");
        return m.replace("Duplicate field", "duplicate key");
    }

    private void document(SpecNode root) {
        if (root.isArray()) {
            layers(root, false);
        } else if (root.isObject() && root.has("class_name")) {
            KerasSpec.model(root, this);
        } else if (root.isObject() && root.has("layers")) {
            layers(root.get("layers"), false);
        } else {
            throw root.error("expected " + FORMS + "; got " + root.show());
        }
    }

    /**
     * Reads a list of layer entries, Neurona's or Keras's, at {@code list}.
     *
     * @param keras2 whether Keras entries come from Keras 2 (see {@link KerasSpec})
     */
    void layers(SpecNode list, boolean keras2) {
        for (SpecNode entry : list.elements("a list of layers")) {
            if (entry.isObject() && entry.has("class_name")) {
                KerasSpec.layer(entry, this, keras2);
            } else if (entry.isObject() && entry.has("type")) {
                neurona(entry);
            } else {
                throw entry.error("expected a layer object such as {\"type\": \"Dense\", \"units\": 64} (or Keras's "
                        + "{\"class_name\": \"Dense\", \"config\": {\"units\": 64}}); got " + entry.show());
            }
        }
        if (entries.isEmpty()) {
            throw list.error(pendingInput == null ? "the list of layers is empty; give at least the output layer"
                    : "no layers after the input; give at least the output layer");
        }
    }

    /** Declares the input shape the next layer gets; an input must come before every layer. */
    void input(int[] shape, SpecNode at) {
        if (!entries.isEmpty()) {
            throw at.error("an input shape must be declared before the first layer, not after "
                    + entries.get(entries.size() - 1).path());
        }
        if (pendingInput != null && !Arrays.equals(pendingInput, shape)) {
            throw at.error("declares input shape " + Layer.batched(shape) + ", but " + pendingInputPath + " declared "
                    + Layer.batched(pendingInput));
        }
        if (pendingInput == null) {
            pendingInput = shape;
            pendingInputPath = at.path();
        }
    }

    /** Appends a layer read from {@code entry}. */
    void add(Layer layer, SpecNode entry) {
        entries.add(new Entry(layer, entry.path(), pendingInput, pendingInputPath));
        pendingInput = null;
        pendingInputPath = null;
    }

    /** A Neurona layer object: {@code {"type": "Dense", "units": 64, ...}}. */
    private void neurona(SpecNode entry) {
        String type = entry.get("type").text("a layer type such as \"Dense\"");
        List<String> keys = TYPES.get(type);
        if (keys == null && !RegisteredLayers.known(type)) {
            List<String> known = new ArrayList<>(TYPES.keySet());
            RegisteredLayers.names().stream().filter(n -> !known.contains(n)).forEach(known::add);
            throw entry.error("unknown layer type '" + type + "'; known: " + String.join(", ", known)
                    + SpecNode.didYouMean(type, known));
        }
        if (keys == null) {
            named(RegisteredLayers.neurona(entry, type), entry);
            return;
        }
        for (String key : entry.keys("a layer object")) {
            if (!keys.contains(key)) {
                throw entry.get(key).error("a " + type + " layer has no setting '" + key + "'; it reads "
                        + String.join(", ", keys.subList(1, keys.size())) + SpecNode.didYouMean(key, keys));
            }
        }
        if (type.equals("Input")) {
            input(SpecValues.dims(entry.get("shape")), entry.get("shape"));
            return;
        }
        Layer layer = switch (type) {
            case "Dense" -> dense(entry);
            case "Dropout" -> dropout(entry.get("rate"));
            case "Flatten" -> entry.get("input_dims").absent() ? new Flatten() : new Flatten(SpecValues.dims(entry.get("input_dims")));
            case "Activation" -> new Activation(SpecValues.activation(required(entry, "activation",
                    "an activation such as \"relu\""), false));
            case "PReLU" -> new PReLU(SpecValues.initializer(entry.get("alpha_initializer"), Initializers.zeros()));
            default -> new Normalization();
        };
        named(layer, entry);
    }

    /** Gives {@code layer} the entry's {@code name} (checking that no earlier layer has it) and appends it. */
    private void named(Layer layer, SpecNode entry) {
        String name = entry.get("name").optionalText("a layer name");
        if (name != null) {
            for (Entry e : entries) {
                if (name.equals(e.layer().name())) {
                    throw entry.get("name").error("the name '" + name + "' is taken by " + e.path()
                            + "; layer names must differ");
                }
            }
            try {
                layer.name(name);
            } catch (IllegalArgumentException e) {
                throw entry.get("name").error(e.getMessage());
            }
        }
        add(layer, entry);
    }

    private static Dense dense(SpecNode entry) {
        Dense d = new Dense(required(entry, "units", "a positive integer").positiveInt());
        d.activation(SpecValues.activation(entry.get("activation"), false));
        d.useBias(entry.get("use_bias").bool(true));
        d.kernelInitializer(SpecValues.initializer(entry.get("kernel_initializer"), Initializers.glorotUniform()));
        d.biasInitializer(SpecValues.initializer(entry.get("bias_initializer"), Initializers.zeros()));
        d.kernelRegularizer(SpecValues.regularizer(entry.get("kernel_regularizer")));
        d.biasRegularizer(SpecValues.regularizer(entry.get("bias_regularizer")));
        return d;
    }

    /** A dropout layer of the rate at {@code rate}, a number in [0, 1). */
    static Dropout dropout(SpecNode rate) {
        double r = rate.number("a rate in [0, 1), such as 0.2", Double.NaN);
        if (rate.absent()) {
            throw rate.error("missing: a Dropout layer needs \"rate\", the fraction dropped, in [0, 1)");
        }
        if (!(r >= 0 && r < 1)) {
            throw rate.error("expected a rate in [0, 1), got " + rate.show());
        }
        return new Dropout(r);
    }

    /** The member {@code key} of {@code entry}, which must be there. */
    static SpecNode required(SpecNode entry, String key, String expected) {
        SpecNode v = entry.get(key);
        if (v.absent()) {
            throw v.error("missing: expected " + expected);
        }
        return v;
    }

    private UsageException error(String path, String message) {
        return new UsageException("--model " + file + ": " + path + ": " + message);
    }
}
