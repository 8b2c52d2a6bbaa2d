package dev.neurona.bench;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.Regularizer;
import dev.neurona.optim.Adam;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;

/**
 * Builds the Neurona model of a {@link FashionConfig} with the public {@link Sequential} API,
 * the same model for the end-to-end run ({@link TrainFashion}) and the allocation count
 * ({@link StepAllocation}): {@code Flatten(28, 28)}, then {@code Normalization} when the
 * configuration has one, the ReLU hidden layers each followed by its {@code Dropout}, and a
 * 10-unit head (softmax for cross-entropy, linear for {@code huber}); every kernel carries the
 * L2 regularizer when the configuration has one. Compiled with the configuration's optimizer,
 * its loss by name and the argmax accuracy ({@link #metric}).
 */
final class FashionModels {

    private FashionModels() {
    }

    /**
     * The compiled, built model.
     *
     * @param images what {@code Normalization} adapts on: images {@code [n, 28, 28]} (or
     *               {@code [n, 784]}); unused by configurations without one
     */
    static Sequential compiled(FashionConfig config, long seed, Tensor images) {
        Sequential model = new Sequential(flatten(28, 28)).seed(seed);
        Normalization norm = null;
        if (config.normalize()) {
            norm = new Normalization();
            model.add(norm);
        }
        for (int units : config.hidden()) {
            model.add(regularized(dense(units, "relu"), config));
            if (config.dropout() > 0) {
                model.add(dropout(config.dropout()));
            }
        }
        String head = config.loss().equals("huber") ? "linear" : "softmax";
        model.add(regularized(dense(10, head), config));
        model.build(28, 28);
        if (norm != null) {
            norm.adapt(images.reshape(images.dim(0), 784));
        }
        model.compile(optimizer(config), config.loss(), metric(config));
        return model;
    }

    /**
     * {@code "accuracy"}, or for {@code huber} {@code "categorical_accuracy"}: the same argmax
     * comparison by its explicit name (Neurona refuses plain {@code "accuracy"} under a
     * regression loss).
     */
    static String metric(FashionConfig config) {
        return config.loss().equals("huber") ? "categorical_accuracy" : "accuracy";
    }

    /** Adam lr 1e-3 ε 1e-7, SGD lr 0.01 momentum 0.9, or RMSprop lr 1e-3 ρ 0.9 ε 1e-7 (see {@link FashionConfig}). */
    static Optimizer optimizer(FashionConfig config) {
        return switch (config.optimizer()) {
            case "adam" -> new Adam(FashionConfig.ADAM_LR).epsilon(FashionConfig.ADAM_EPSILON);
            case "sgd" -> new SGD(FashionConfig.SGD_LR).momentum(FashionConfig.SGD_MOMENTUM);
            case "rmsprop" -> new RMSprop(FashionConfig.RMSPROP_LR).rho(FashionConfig.RMSPROP_RHO)
                    .epsilon(FashionConfig.RMSPROP_EPSILON);
            default -> throw new IllegalStateException("no optimizer for " + config.optimizer());
        };
    }

    private static Dense regularized(Dense dense, FashionConfig config) {
        return config.l2() > 0 ? dense.kernelRegularizer(Regularizer.l2(config.l2())) : dense;
    }
}
