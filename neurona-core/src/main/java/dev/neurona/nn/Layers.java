package dev.neurona.nn;

import dev.neurona.activations.Activations;
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

    private static final List<String> TYPES = List.of("Input", "Dense", "Flatten", "Activation", "Dropout", "PReLU", "Normalization");

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

    /**
     * Rebuilds a layer (without its weights) from {@link Layer#config()}.
     *
     * @throws IllegalArgumentException for an unknown type, listing the known ones
     */
    @SuppressWarnings("unchecked")
    public static Layer fromConfig(Map<String, Object> config) {
        String type = String.valueOf(config.get("type"));
        Layer layer = switch (type) {
            case "Input" -> new Input(ints(config.get("shape")));
            case "Flatten" -> new Flatten(config.containsKey("input_dims") ? ints(config.get("input_dims")) : new int[0]);
            case "Activation" -> new Activation(activation(config.get("activation"), "Activation"));
            case "Dropout" -> new Dropout(number(config, "rate", "Dropout").doubleValue());
            case "PReLU" -> config.containsKey("alpha_initializer")
                    ? new PReLU(initializer(config.get("alpha_initializer"))) : new PReLU();
            case "Dense" -> dense(config);
            case "Normalization" -> new Normalization();
            default -> throw new IllegalArgumentException("unknown layer type '" + type + "'; known types: "
                    + String.join(", ", TYPES));
        };
        Object name = config.get("name");
        if (name != null) {
            layer.name(name.toString());
        }
        return layer;
    }

    /**
     * A Dense layer from its config; only {@code units} is required, the rest default as in
     * Keras, and activations and initializers may be given by name or as config objects.
     */
    @SuppressWarnings("unchecked")
    private static Dense dense(Map<String, Object> c) {
        Dense d = new Dense(number(c, "units", "Dense").intValue())
                .useBias(!Boolean.FALSE.equals(c.get("use_bias")));
        if (c.get("activation") != null) {
            d.activation(activation(c.get("activation"), "Dense"));
        }
        if (c.get("kernel_initializer") != null) {
            d.kernelInitializer(initializer(c.get("kernel_initializer")));
        }
        if (c.get("bias_initializer") != null) {
            d.biasInitializer(initializer(c.get("bias_initializer")));
        }
        if (c.get("kernel_regularizer") != null) {
            d.kernelRegularizer(Regularizer.fromConfig((Map<String, Object>) c.get("kernel_regularizer")));
        }
        if (c.get("bias_regularizer") != null) {
            d.biasRegularizer(Regularizer.fromConfig((Map<String, Object>) c.get("bias_regularizer")));
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static dev.neurona.activations.Activation activation(Object spec, String type) {
        if (spec instanceof String name) {
            return Activations.get(name);
        }
        if (spec instanceof Map<?, ?> map) {
            return Activations.fromConfig((Map<String, Object>) map);
        }
        throw new IllegalArgumentException(type + " layer config: 'activation' must be a name such as \"relu\" or an "
                + "object such as {\"name\": \"leaky_relu\", \"alpha\": 0.1}, got " + spec);
    }

    @SuppressWarnings("unchecked")
    private static dev.neurona.nn.init.Initializer initializer(Object spec) {
        if (spec instanceof String name) {
            return Initializers.get(name);
        }
        if (spec instanceof Map<?, ?> map) {
            return Initializers.fromConfig((Map<String, Object>) map);
        }
        throw new IllegalArgumentException("layer config: an initializer must be a name such as \"he_normal\" or an object, got "
                + spec);
    }

    private static Number number(Map<String, Object> config, String key, String type) {
        if (!(config.get(key) instanceof Number n)) {
            throw new IllegalArgumentException(type + " layer config: '" + key + "' must be a number, got "
                    + config.get(key) + " in " + config);
        }
        return n;
    }

    private static int[] ints(Object list) {
        if (!(list instanceof List<?> l)) {
            throw new IllegalArgumentException("layer config: expected a list of integers, got " + list);
        }
        return l.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }
}
