package dev.neurona.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Fashion-MNIST networks of the benchmarks, with what each trains with: the hidden layers
 * (ReLU), dropout after each hidden layer, the optimizer, the batch size, a
 * {@code Normalization} layer first, an L2 penalty on every kernel and the loss.
 * {@code train_fashion.py} holds the same table for PyTorch ({@code FashionConfigTest} checks
 * that the two agree); {@link FashionModels} builds the Neurona model.
 *
 * <p>The first three are the benchmark's original MLPs ({@link EndToEnd}'s default); the last
 * three are models the old fused training path never handled (dropout, RMSprop,
 * {@code Normalization}, regularizers, a regression loss).
 */
enum FashionConfig {
    /** The lecture's network: 784-8-10, Adam, batch 32. */
    SMALL("784-8-10", "small", new int[] {8}, 0, "adam", 32, false, 0, "categorical_crossentropy"),
    /** 784-256-128-10, Adam, batch 128. */
    MEDIUM("784-256-128-10", "medium", new int[] {256, 128}, 0, "adam", 128, false, 0, "categorical_crossentropy"),
    /** 784-1024-1024-10, SGD with momentum 0.9, batch 256. */
    LARGE("784-1024-1024-10", "large", new int[] {1024, 1024}, 0, "sgd", 256, false, 0, "categorical_crossentropy"),
    /**
     * Keras's classic MNIST MLP ({@code mnist_mlp.py}): 784-512-512-10 with {@code Dropout(0.2)}
     * after each hidden layer, softmax, categorical cross-entropy, RMSprop lr 1e-3 (ρ 0.9,
     * ε 1e-7: Keras's defaults), batch 128. Keras's example trains on MNIST; this runs it on
     * Fashion-MNIST, the installed data set with the same shapes.
     */
    MNIST_MLP("mnist-mlp", null, new int[] {512, 512}, 0.2, "rmsprop", 128, false, 0, "categorical_crossentropy"),
    /**
     * {@link #MEDIUM} with a {@code Normalization} layer first (adapted on the training images)
     * and L2 regularization 1e-4 on every kernel (not the biases).
     */
    L2_NORM("l2-norm", null, new int[] {256, 128}, 0, "adam", 128, true, 1e-4, "categorical_crossentropy"),
    /**
     * {@link #L2_NORM} with a linear 10-unit regression head trained with {@code huber} loss
     * (δ = 1) onto the one-hot targets; accuracy is the argmax's ({@code categorical_accuracy}).
     */
    HUBER("huber", null, new int[] {256, 128}, 0, "adam", 128, true, 1e-4, "huber");

    /** Adam: lr 1e-3, epsilon 1e-7 (Keras placement here, PyTorch's placement in the Python script). */
    static final double ADAM_LR = 1e-3;
    static final double ADAM_EPSILON = 1e-7;
    /** SGD: lr 0.01, momentum 0.9. */
    static final double SGD_LR = 0.01;
    static final double SGD_MOMENTUM = 0.9;
    /** RMSprop, Keras's defaults: lr 1e-3, rho 0.9, epsilon 1e-7 (inside the square root here, after it in PyTorch). */
    static final double RMSPROP_LR = 1e-3;
    static final double RMSPROP_RHO = 0.9;
    static final double RMSPROP_EPSILON = 1e-7;

    private final String id;
    private final String alias;
    private final int[] hidden;
    private final double dropout;
    private final String optimizer;
    private final int batchSize;
    private final boolean normalize;
    private final double l2;
    private final String loss;

    FashionConfig(String id, String alias, int[] hidden, double dropout, String optimizer, int batchSize,
            boolean normalize, double l2, String loss) {
        this.id = id;
        this.alias = alias;
        this.hidden = hidden;
        this.dropout = dropout;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.normalize = normalize;
        this.l2 = l2;
        this.loss = loss;
    }

    /** The name the command lines take and the tables show, e.g. {@code "784-8-10"} or {@code "mnist-mlp"}. */
    String id() {
        return id;
    }

    /** The hidden layers' units (ReLU each). */
    int[] hidden() {
        return hidden.clone();
    }

    /** The dropout rate after each hidden layer; 0 for none. */
    double dropout() {
        return dropout;
    }

    /** {@code "adam"}, {@code "sgd"} or {@code "rmsprop"}. */
    String optimizer() {
        return optimizer;
    }

    int batchSize() {
        return batchSize;
    }

    /** Whether a {@code Normalization} layer, adapted on the training images, comes first. */
    boolean normalize() {
        return normalize;
    }

    /** The L2 factor on every kernel; 0 for none. */
    double l2() {
        return l2;
    }

    /**
     * The loss by its Keras name: {@code "categorical_crossentropy"} (softmax output) or
     * {@code "huber"} (linear output).
     */
    String loss() {
        return loss;
    }

    /** The configuration names for help texts: {@code small (784-8-10), …, mnist-mlp, l2-norm, huber}. */
    static String known() {
        return Arrays.stream(values()).map(c -> c.alias == null ? c.id : c.alias + " (" + c.id + ")")
                .collect(Collectors.joining(", "));
    }

    /** Parses an id ({@code 784-8-10}, {@code mnist-mlp}, …) or an alias ({@code small|medium|large}), ignoring case. */
    static FashionConfig parse(String name) {
        for (FashionConfig c : values()) {
            if (c.id.equalsIgnoreCase(name) || name.equalsIgnoreCase(c.alias)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown configuration '" + name + "'; known: " + known() + ", or all");
    }

    /** Parses a comma-separated list of {@link #parse} names, or {@code all} for every configuration. */
    static List<FashionConfig> parseList(String names) {
        if (names.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<FashionConfig> out = new ArrayList<>();
        for (String n : names.split(",")) {
            if (n.isBlank()) {
                throw new IllegalArgumentException("empty configuration name in '" + names + "'; known: " + known()
                        + ", or all");
            }
            out.add(parse(n.trim()));
        }
        return out;
    }
}
