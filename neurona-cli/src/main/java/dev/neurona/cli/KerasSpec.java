package dev.neurona.cli;

import dev.neurona.activations.Activations;
import dev.neurona.nn.Activation;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.PReLU;
import dev.neurona.nn.init.Initializers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Keras's own architecture JSON, {@code model.to_json()} of a {@code Sequential} model,
 * in both spellings: Keras 2 (tf.keras 2.x: {@code "keras_version": "2.…"},
 * {@code batch_input_shape}, initializers such as {@code {"class_name": "GlorotUniform",
 * "config": {"seed": null}}}, with {@code module}/{@code registered_name} from 2.13 on) and
 * Keras 3 ({@code {"module": "keras.layers", "class_name": "Dense", "config": …,
 * "registered_name": null, "build_config": …}}, {@code batch_shape}, {@code DTypePolicy}
 * dtypes).
 *
 * <p>Keys that only concern Keras's runtime ({@code name}, {@code dtype}, {@code trainable},
 * {@code build_config}, …) are ignored; a setting Neurona cannot honour (a constraint, an
 * activity regularizer, a seed, an unknown layer class) is an error naming its JSON path,
 * so that a model never trains as something other than what the file says.
 */
final class KerasSpec {

    /** The Keras layer classes read here; every other registered layer type goes through {@link RegisteredLayers}. */
    static final List<String> CLASSES = List.of("InputLayer", "Dense", "Dropout", "Flatten", "Activation",
            "Normalization", "PReLU", "ReLU", "LeakyReLU", "ELU", "Softmax");

    /** Keys of every layer's config that concern only Keras's runtime. */
    private static final Set<String> RUNTIME = Set.of("name", "dtype", "dtype_policy", "trainable", "autocast");

    /** Keras settings that Neurona has no counterpart for, with the advice to give when one is set. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("kernel_constraint", "weight constraints are not supported; set it to null"),
            Map.entry("bias_constraint", "weight constraints are not supported; set it to null"),
            Map.entry("alpha_constraint", "weight constraints are not supported; set it to null"),
            Map.entry("activity_regularizer", "activity regularizers are not supported (kernel_regularizer and "
                    + "bias_regularizer are); set it to null"),
            Map.entry("alpha_regularizer", "a PReLU regularizer is not supported; set it to null"),
            Map.entry("shared_axes", "PReLU's shared_axes is not supported (Neurona learns one slope per value); "
                    + "set it to null"),
            Map.entry("noise_shape", "a Dropout noise_shape is not supported (each value is dropped on its own); "
                    + "set it to null"),
            Map.entry("seed", "Dropout seeds are not supported: the masks derive from the model's seed (train --seed N); "
                    + "set it to null"),
            Map.entry("lora_rank", "LoRA is not supported; set it to null"),
            Map.entry("lora_alpha", "LoRA is not supported; set it to null"),
            Map.entry("quantization_config", "quantized layers are not supported; set it to null"),
            Map.entry("mean", "a fixed mean and variance are not supported: Neurona adapts Normalization to the "
                    + "training data; set both to null"),
            Map.entry("variance", "a fixed mean and variance are not supported: Neurona adapts Normalization to the "
                    + "training data; set both to null"));

    private KerasSpec() {
    }

    /** {@code {"class_name": "Sequential", "config": {"layers": [...]}, ...}}. */
    static void model(SpecNode root, ModelSpec spec) {
        SpecNode cls = root.get("class_name");
        String name = cls.text("a model class such as \"Sequential\"");
        if (!name.equals("Sequential")) {
            throw cls.error("only Sequential models can be read, got '" + name + "'; a model that is a plain stack "
                    + "of layers can be rebuilt as keras.Sequential([...]) and exported again");
        }
        SpecNode version = root.get("keras_version");
        boolean keras2 = version.isText() && version.text("").startsWith("2");
        SpecNode config = root.get("config");
        if (config.absent()) {
            throw config.error("missing: expected the model's config, {\"name\": ..., \"layers\": [...]}");
        }
        // Keras 2.0 and 2.1 wrote the list of layers as the config itself
        SpecNode layers = config.isArray() ? config : config.get("layers");
        if (layers.absent()) {
            throw layers.error("missing: expected the model's list of layers");
        }
        spec.layers(layers, keras2);
    }

    /** One Keras layer entry, {@code {"class_name": "Dense", "config": {...}}}. */
    static void layer(SpecNode entry, ModelSpec spec, boolean keras2) {
        String cls = entry.get("class_name").text("a layer class such as \"Dense\"");
        boolean registered = !CLASSES.contains(cls) && RegisteredLayers.known(cls);
        if (!CLASSES.contains(cls) && !registered) {
            List<String> known = new java.util.ArrayList<>(CLASSES);
            RegisteredLayers.names().stream().filter(n -> !known.contains(n)).forEach(known::add);
            throw entry.error("unknown Keras layer class '" + cls + "'; Neurona reads " + String.join(", ", known)
                    + SpecNode.didYouMean(cls, known));
        }
        SpecNode registeredName = entry.get("registered_name");
        if (!registeredName.absent() && !registeredName.text("a registered name").equals(cls)) {
            throw registeredName.error("a custom layer (registered as '" + registeredName.text("") + "') is not supported; "
                    + "Neurona reads Keras's own " + String.join(", ", CLASSES) + " and its registered layer types");
        }
        SpecNode c = entry.get("config");
        if (c.absent()) {
            throw c.error("missing: expected the layer's settings, {\"units\": 16, ...}");
        }
        c.keys("the layer's settings as an object");
        if (!c.get("trainable").bool(true)) {
            throw c.get("trainable").error("frozen layers (trainable: false) are not supported; set it to true");
        }
        SpecNode batchShape = c.has("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape");
        if (!batchShape.absent()) {
            spec.input(SpecValues.batchShape(batchShape), batchShape);
        }
        if (cls.equals("InputLayer")) {
            inputLayer(c, spec);
            return;
        }
        if (registered) {   // Conv2D, MaxPooling2D, …: the registry's fromConfig, as model files load
            spec.add(RegisteredLayers.keras(c, cls, RUNTIME, keras2, UNSUPPORTED), entry);
            return;
        }
        Layer layer = switch (cls) {
            case "Dense" -> dense(c, keras2);
            case "Dropout" -> {
                only(c, cls, "rate");
                yield ModelSpec.dropout(c.get("rate"));
            }
            case "Flatten" -> flatten(c);
            case "Activation" -> {
                only(c, cls, "activation");
                yield new Activation(SpecValues.activation(c.get("activation"), keras2));
            }
            case "Normalization" -> normalization(c);
            case "PReLU" -> {
                only(c, cls, "alpha_initializer");
                yield new PReLU(SpecValues.initializer(c.get("alpha_initializer"), Initializers.zeros()));
            }
            case "ReLU" -> relu(c);
            case "LeakyReLU" -> {
                only(c, cls, "alpha", "negative_slope");
                SpecNode slope = c.has("negative_slope") ? c.get("negative_slope") : c.get("alpha");
                yield new Activation(Activations.leakyRelu(slope.number("a number", 0.3)));
            }
            case "ELU" -> {
                only(c, cls, "alpha");
                yield new Activation(Activations.elu(c.get("alpha").number("a number", 1.0)));
            }
            default -> {
                only(c, cls, "axis");
                yield new Activation(Activations.softmax(c.get("axis").absent() ? -1 : c.get("axis").integer("an axis")));
            }
        };
        spec.add(layer, entry);
    }

    private static void inputLayer(SpecNode c, ModelSpec spec) {
        only(c, "InputLayer", "shape", "input_shape", "sparse", "ragged", "optional");
        for (String flag : List.of("sparse", "ragged", "optional")) {
            if (c.get(flag).bool(false)) {
                throw c.get(flag).error("a " + flag + " input is not supported; set it to false");
            }
        }
        SpecNode shape = c.has("shape") ? c.get("shape") : c.get("input_shape");
        if (!shape.absent()) {
            spec.input(SpecValues.dims(shape), shape);
        } else if (!c.has("batch_shape") && !c.has("batch_input_shape")) {
            throw c.error("the input layer gives no shape; expected \"batch_shape\": [null, 4] (Keras 3) or "
                    + "\"batch_input_shape\": [null, 4] (Keras 2)");
        }
    }

    private static Dense dense(SpecNode c, boolean keras2) {
        only(c, "Dense", "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer");
        Dense d = new Dense(ModelSpec.required(c, "units", "a positive integer").positiveInt());
        d.activation(SpecValues.activation(c.get("activation"), keras2));
        d.useBias(c.get("use_bias").bool(true));
        d.kernelInitializer(SpecValues.initializer(c.get("kernel_initializer"), Initializers.glorotUniform()));
        d.biasInitializer(SpecValues.initializer(c.get("bias_initializer"), Initializers.zeros()));
        d.kernelRegularizer(SpecValues.regularizer(c.get("kernel_regularizer")));
        d.biasRegularizer(SpecValues.regularizer(c.get("bias_regularizer")));
        return d;
    }

    private static Flatten flatten(SpecNode c) {
        only(c, "Flatten", "data_format");
        String format = c.get("data_format").optionalText("channels_last or channels_first");
        if (format != null && !format.equals("channels_last")) {
            throw c.get("data_format").error("Neurona flattens channels-last data only; set it to \"channels_last\" "
                    + "or null");
        }
        return new Flatten();
    }

    private static Normalization normalization(SpecNode c) {
        only(c, "Normalization", "axis", "invert");
        SpecNode axis = c.get("axis");
        if (c.has("axis")) {
            if (axis.absent()) {
                throw axis.error("axis null (one mean for all values) is not supported; Neurona standardizes each "
                        + "feature of the last axis (axis -1)");
            }
            List<SpecNode> axes = axis.isArray() ? axis.elements("a list of axes") : List.of(axis);
            if (axes.size() != 1 || axes.get(0).integer("an axis such as -1") != -1) {
                throw axis.error("Neurona's Normalization standardizes each feature of the last axis (axis -1), got "
                        + axis.show());
            }
        }
        if (c.get("invert").bool(false)) {
            throw c.get("invert").error("an inverting Normalization is not supported; set it to false");
        }
        return new Normalization();
    }

    /** Keras's ReLU layer: plain, capped at 6 (relu6) or leaky, as Neurona's activations are. */
    private static Activation relu(SpecNode c) {
        only(c, "ReLU", "max_value", "negative_slope", "threshold");
        double threshold = c.get("threshold").number("a number", 0.0);
        if (threshold != 0.0) {
            throw c.get("threshold").error("a ReLU threshold other than 0 is not supported, got " + c.get("threshold").show());
        }
        double slope = c.get("negative_slope").number("a number", 0.0);
        SpecNode cap = c.get("max_value");
        if (!cap.absent()) {
            double max = cap.number("a number or null");
            if (max != 6.0 || slope != 0.0) {
                throw cap.error("Neurona has ReLU capped at 6 (relu6) without a negative slope; got max_value "
                        + cap.show() + (slope != 0.0 ? " with negative_slope " + slope : ""));
            }
            return new Activation(Activations.relu6());
        }
        return new Activation(slope == 0.0 ? Activations.relu() : Activations.leakyRelu(slope));
    }

    /**
     * Checks that {@code c} sets nothing but {@code reads}, the runtime keys and
     * {@code batch_shape}: a known unsupported setting gets its advice, an unknown one the
     * list of what the class reads. Null values are Keras's "not set" and pass.
     */
    private static void only(SpecNode c, String cls, String... reads) {
        List<String> known = List.of(reads);
        for (String key : c.keys("the layer's settings as an object")) {
            SpecNode v = c.get(key);
            if (known.contains(key) || RUNTIME.contains(key) || key.equals("batch_shape")
                    || key.equals("batch_input_shape") || v.absent()) {
                continue;
            }
            String advice = UNSUPPORTED.get(key);
            if (advice != null) {
                throw v.error(advice);
            }
            throw v.error("Neurona cannot honour '" + key + "' of a Keras " + cls + " layer; it reads "
                    + (reads.length == 0 ? "no settings" : String.join(", ", reads))
                    + SpecNode.didYouMean(key, known));
        }
    }
}
