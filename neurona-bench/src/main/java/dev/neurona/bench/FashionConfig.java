package dev.neurona.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three Fashion-MNIST networks of the end-to-end benchmark, with the optimizer and batch
 * size each trains with. {@code train_fashion.py} holds the same table for PyTorch.
 */
enum FashionConfig {
    /** The lecture's network: 784-8-10, Adam, batch 32. */
    SMALL("784-8-10", new int[] {8}, "adam", 32),
    /** 784-256-128-10, Adam, batch 128. */
    MEDIUM("784-256-128-10", new int[] {256, 128}, "adam", 128),
    /** 784-1024-1024-10, SGD with momentum 0.9, batch 256. */
    LARGE("784-1024-1024-10", new int[] {1024, 1024}, "sgd", 256);

    /** Adam: lr 1e-3, epsilon 1e-7 (Keras placement here, PyTorch's placement in the Python script). */
    static final double ADAM_LR = 1e-3;
    static final double ADAM_EPSILON = 1e-7;
    /** SGD: lr 0.01, momentum 0.9. */
    static final double SGD_LR = 0.01;
    static final double SGD_MOMENTUM = 0.9;

    private final String id;
    private final int[] hidden;
    private final String optimizer;
    private final int batchSize;

    FashionConfig(String id, int[] hidden, String optimizer, int batchSize) {
        this.id = id;
        this.hidden = hidden;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
    }

    /** The layer sizes, e.g. {@code "784-8-10"}; also the name the command lines take. */
    String id() {
        return id;
    }

    int[] hidden() {
        return hidden.clone();
    }

    /** {@code "adam"} or {@code "sgd"}. */
    String optimizer() {
        return optimizer;
    }

    int batchSize() {
        return batchSize;
    }

    /** Parses {@code small|medium|large} or the layer sizes ({@code 784-8-10}, ...). */
    static FashionConfig parse(String name) {
        for (FashionConfig c : values()) {
            if (c.id.equals(name) || c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown configuration '" + name + "'; known: "
                + Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT) + " (" + c.id + ")")
                        .collect(Collectors.joining(", ")));
    }
}
