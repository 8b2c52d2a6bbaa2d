package dev.neurona.bench;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.batchNormalization;
import static dev.neurona.nn.Layers.conv2d;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.globalAveragePooling2d;
import static dev.neurona.nn.Layers.maxPooling2d;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;

/**
 * Builds the Neurona model of a {@link ConvConfig} with the public Keras-like API (the same
 * model for {@link TrainConv} and {@link StepAllocation}'s {@code --conv} count), compiled with
 * Adam and categorical cross-entropy.
 */
final class ConvModels {

    private ConvModels() {
    }

    static Sequential compiled(ConvConfig config, long seed) {
        Sequential model = switch (config) {
            case CONVNET -> new Sequential(conv2d(32, 3, "relu"), maxPooling2d(2), conv2d(64, 3, "relu"),
                    maxPooling2d(2), flatten(), dropout(0.5), dense(10, "softmax"));
            case VGG -> vgg();
        };
        model.seed(seed);
        model.build(config.size(), config.size(), config.channels());
        model.compile(new Adam(ConvConfig.ADAM_LR).epsilon(ConvConfig.ADAM_EPSILON), "categorical_crossentropy",
                "accuracy");
        return model;
    }

    private static Sequential vgg() {
        Sequential model = new Sequential();
        for (int filters : new int[] {32, 64, 128}) {
            for (int i = 0; i < 2; i++) {
                model.add(conv2d(filters, 3).padding("same").useBias(false));
                model.add(batchNormalization());
                model.add(activation("relu"));
            }
            model.add(maxPooling2d(2));
        }
        model.add(globalAveragePooling2d());
        model.add(dense(10, "softmax"));
        return model;
    }
}
