package dev.neurona.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The convolutional networks of {@link ConvEndToEnd}; {@link ConvModels} builds them, and
 * {@code train_conv.py} holds the same table for PyTorch. Both train with Adam lr 1e-3
 * (ε 1e-7), batch 128, categorical cross-entropy.
 */
enum ConvConfig {
    /**
     * Keras's "simple MNIST convnet" on Fashion-MNIST {@code [n, 28, 28, 1]}: Conv2D(32, 3, relu),
     * MaxPooling2D(2), Conv2D(64, 3, relu), MaxPooling2D(2), Flatten, Dropout(0.5),
     * Dense(10, softmax).
     */
    CONVNET("convnet", 28, 1, 128),
    /**
     * A small VGG-style network on CIFAR-10-shaped {@code [n, 32, 32, 3]}: three blocks of two
     * (Conv2D(f, 3, same, no bias), BatchNormalization, ReLU) with f = 32, 64, 128, each block
     * followed by MaxPooling2D(2), then GlobalAveragePooling2D and Dense(10, softmax). Random
     * images and labels unless {@code --data cifar10} (speed only).
     */
    VGG("vgg", 32, 3, 128);

    static final double ADAM_LR = 1e-3;
    static final double ADAM_EPSILON = 1e-7;

    private final String id;
    private final int size;
    private final int channels;
    private final int batchSize;

    ConvConfig(String id, int size, int channels, int batchSize) {
        this.id = id;
        this.size = size;
        this.channels = channels;
        this.batchSize = batchSize;
    }

    String id() {
        return id;
    }

    /** The images' height and width. */
    int size() {
        return size;
    }

    int channels() {
        return channels;
    }

    int batchSize() {
        return batchSize;
    }

    static String known() {
        return Arrays.stream(values()).map(ConvConfig::id).collect(Collectors.joining(", "));
    }

    static ConvConfig parse(String name) {
        for (ConvConfig c : values()) {
            if (c.id.equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown configuration '" + name + "'; known: " + known() + ", or all");
    }

    /** A comma-separated list of names, or {@code all}. */
    static List<ConvConfig> parseList(String names) {
        if (names.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<ConvConfig> out = new ArrayList<>();
        for (String n : names.split(",")) {
            out.add(parse(n));
        }
        return out;
    }
}
