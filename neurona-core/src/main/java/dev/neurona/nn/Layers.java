package dev.neurona.nn;

import dev.neurona.activations.Activations;
import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.nn.init.Initializers;
import java.util.List;
import java.util.Map;

/**
 * Static factories for the common layers, meant for {@code import static}:
 *
 * <pre>{@code
 * new Sequential(input(2), dense(4, "tanh"), dense(1, "sigmoid"));
 * new Sequential(flatten(28, 28), dense(8, "relu"), dropout(0.2), dense(10, "softmax"));
 * }</pre>
 */
public final class Layers {

    private static final List<String> TYPES = List.of("Input", "Dense", "Flatten", "Activation", "Dropout", "PReLU", "Normalization",
            "Add", "Subtract", "Multiply", "Average", "Concatenate", "Dot");

    private Layers() {
    }

    /** Declares the shape of one sample, such as {@code input(784)} or {@code input(28, 28)}. */
    public static Input input(int... shape) {
        return new Input(shape);
    }

    /** A fully connected layer with a linear activation. */
    public static Dense dense(int units) {
        return new Dense(units);
    }

    /** A fully connected layer with the activation named {@code activation}, such as {@code "relu"}. */
    public static Dense dense(int units, String activation) {
        return new Dense(units).activation(activation);
    }

    /** A fully connected layer with the given activation object. */
    public static Dense dense(int units, dev.neurona.activations.Activation activation) {
        return new Dense(units).activation(activation);
    }

    /** Flattens each sample; with dimensions ({@code flatten(28, 28)}) it also declares the input shape. */
    public static Flatten flatten(int... inputDims) {
        return new Flatten(inputDims);
    }

    /** Inverted dropout of the given rate, active only in training. */
    public static Dropout dropout(double rate) {
        return new Dropout(rate);
    }

    /** An activation layer by name, such as {@code activation("softmax")}. */
    public static Activation activation(String name) {
        return new Activation(name);
    }

    /** An activation layer from an activation object. */
    public static Activation activation(dev.neurona.activations.Activation function) {
        return new Activation(function);
    }

    /** Per-feature standardization with statistics set by {@link Normalization#adapt}. */
    public static Normalization normalization() {
        return new Normalization();
    }

    /** A parametric ReLU with one learnable slope per feature. */
    public static PReLU prelu() {
        return new PReLU();
    }

    /** The element-wise sum of two or more inputs: {@code add().apply(x, shortcut)}. */
    public static Add add() {
        return new Add();
    }

    /** The first input minus the second. */
    public static Subtract subtract() {
        return new Subtract();
    }

    /** The element-wise product of two or more inputs. */
    public static Multiply multiply() {
        return new Multiply();
    }

    /** The element-wise mean of two or more inputs. */
    public static Average average() {
        return new Average();
    }

    /** Joins two or more inputs along the last axis. */
    public static Concatenate concatenate() {
        return new Concatenate();
    }

    /** Joins two or more inputs along {@code axis} (batch axis counted, as in Keras). */
    public static Concatenate concatenate(int axis) {
        return new Concatenate(axis);
    }

    /** The dot product of two inputs over {@code axes} (batch axis counted: {@code dot(1)} for vectors). */
    public static Dot dot(int axes) {
        return new Dot(axes);
    }

    /** The dot product of two inputs, L2-normalized first when {@code normalize} (cosine similarity). */
    public static Dot dot(int axes, boolean normalize) {
        return new Dot(axes, axes, normalize);
    }

    /**
     * Rebuilds a layer (without its weights) from {@link Layer#config()}. Every key is
     * checked: a required one missing ({@code units}, {@code rate}, {@code shape},
     * {@code activation}), a value of the wrong type or out of range, or a key the layer does
     * not have is an error naming it, so that nothing in a configuration is silently dropped.
     *
     * @throws ConfigException naming the key, or for an unknown type listing the known ones
     */
    public static Layer fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config);
        String type = c.string("type");
        Layer layer = switch (type) {
            case "Input" -> {
                c.only("type", "name", "shape");
                int[] shape = dims(c, "shape");
                yield built("shape", () -> new Input(shape));
            }
            case "Flatten" -> {
                c.only("type", "name", "input_dims");
                int[] dims = c.has("input_dims") ? dims(c, "input_dims") : new int[0];
                if (c.has("input_dims") && dims.length == 0) {
                    throw new ConfigException("input_dims", "must hold at least one dimension (or be left out), got []");
                }
                yield built("input_dims", () -> new Flatten(dims));
            }
            case "Activation" -> {
                c.only("type", "name", "activation");
                yield new Activation(activation(c.required("activation")));
            }
            case "Dropout" -> {
                c.only("type", "name", "rate");
                double rate = c.number("rate", 0, 1);
                if (!((float) rate < 1f)) {
                    throw new ConfigException("rate", "must be in [0, 1), got " + rate);
                }
                yield new Dropout(rate);
            }
            case "PReLU" -> {
                c.only("type", "name", "alpha_initializer");
                yield c.has("alpha_initializer") ? new PReLU(initializer(c, "alpha_initializer")) : new PReLU();
            }
            case "Dense" -> dense(c);
            case "Normalization" -> {
                c.only("type", "name");
                yield new Normalization();
            }
            case "Add", "Subtract", "Multiply", "Average" -> {
                c.only("type", "name");
                yield switch (type) {
                    case "Add" -> new Add();
                    case "Subtract" -> new Subtract();
                    case "Multiply" -> new Multiply();
                    default -> new Average();
                };
            }
            case "Concatenate" -> {
                c.only("type", "name", "axis");
                int axis = c.has("axis") ? (int) c.integer("axis", -32, 32) : -1;
                yield built("axis", () -> new Concatenate(axis));
            }
            case "Dot" -> dot(c);
            default -> throw new ConfigException("type", "unknown layer type '" + type + "'; known types: "
                    + String.join(", ", TYPES));
        };
        if (c.has("name")) {
            String name = c.string("name");
            built("name", () -> layer.name(name));
        }
        return layer;
    }

    /**
     * A Dense layer from its config; only {@code units} is required, the rest default as in
     * Keras, and activations and initializers may be given by name or as config objects.
     */
    private static Dense dense(ConfigKeys c) {
        c.only("type", "name", "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer");
        Dense d = new Dense((int) c.integer("units", 1, Integer.MAX_VALUE)).useBias(c.bool("use_bias", true));
        if (c.has("activation")) {
            d.activation(activation(c.get("activation")));
        }
        if (c.has("kernel_initializer")) {
            d.kernelInitializer(initializer(c, "kernel_initializer"));
        }
        if (c.has("bias_initializer")) {
            d.biasInitializer(initializer(c, "bias_initializer"));
        }
        if (c.has("kernel_regularizer")) {
            d.kernelRegularizer(regularizer(c, "kernel_regularizer"));
        }
        if (c.has("bias_regularizer")) {
            d.biasRegularizer(regularizer(c, "bias_regularizer"));
        }
        return d;
    }

    /** A Dot layer from its config: {@code axes} one axis or a pair, {@code normalize} false by default. */
    private static Dot dot(ConfigKeys c) {
        c.only("type", "name", "axes", "normalize");
        Object axes = c.required("axes");
        boolean normalize = c.bool("normalize", false);
        int a;
        int b;
        if (axes instanceof List<?> pair) {
            if (pair.size() != 2) {
                throw new ConfigException("axes", "must be one axis or a pair of axes, got " + pair);
            }
            a = (int) ConfigKeys.integerValue(pair.get(0), -32, 32);
            b = (int) ConfigKeys.integerValue(pair.get(1), -32, 32);
        } else {
            a = (int) ConfigKeys.integerValue(axes, -32, 32);
            b = a;
        }
        return built("axes", () -> new Dot(a, b, normalize));
    }

    @SuppressWarnings("unchecked")
    private static dev.neurona.activations.Activation activation(Object spec) {
        try {
            if (spec instanceof String name) {
                try {
                    return Activations.get(name);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("", e.getMessage(), e);   // the name is the value itself
                }
            }
            if (spec instanceof Map<?, ?> map) {
                return Activations.fromConfig((Map<String, Object>) map);
            }
        } catch (ConfigException e) {
            throw e.within("activation");
        }
        throw new ConfigException("activation", "must be a name such as \"relu\" or an object such as "
                + "{\"name\": \"leaky_relu\", \"alpha\": 0.1}, got " + ConfigKeys.describe(spec));
    }

    @SuppressWarnings("unchecked")
    private static dev.neurona.nn.init.Initializer initializer(ConfigKeys c, String key) {
        Object spec = c.get(key);
        try {
            if (spec instanceof String name) {
                try {
                    return Initializers.get(name);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("", e.getMessage(), e);
                }
            }
            if (spec instanceof Map<?, ?> map) {
                return Initializers.fromConfig((Map<String, Object>) map);
            }
        } catch (ConfigException e) {
            throw e.within(key);
        }
        throw new ConfigException(key, "must be an initializer's name such as \"he_normal\" or an object such as "
                + "{\"name\": \"constant\", \"value\": 0.1}, got " + ConfigKeys.describe(spec));
    }

    private static Regularizer regularizer(ConfigKeys c, String key) {
        Map<String, Object> config = c.object(key);
        try {
            return Regularizer.fromConfig(config);
        } catch (ConfigException e) {
            throw e.within(key);
        }
    }

    /** A list of dimensions, each an integer ≥ 1. */
    private static int[] dims(ConfigKeys c, String key) {
        java.util.List<Object> list = c.list(key);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = (int) ConfigKeys.integerValue(list.get(i), 1, Integer.MAX_VALUE);
            } catch (ConfigException e) {
                throw new ConfigException(key + "[" + i + "]", e.problem());
            }
        }
        return out;
    }

    /** {@code make}'s result, a constructor's or setter's refusal named under {@code key}. */
    private static <T> T built(String key, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw ConfigException.about(key, e);
        }
    }
}
