package dev.neurona.losses;

import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * A loss function: a per-sample formula, reduced Keras-style to the mean over the batch
 * ({@code "sum_over_batch_size"}), optionally weighted per sample.
 *
 * <p>Subclasses write only {@link #perSample}; shape checks, sample weights and the
 * reduction live here once.
 */
public abstract class Loss {

    /**
     * The loss of each sample, shape {@code [batch]}, differentiable with respect to
     * {@code yPred}.
     */
    public abstract Tensor perSample(Tensor yTrue, Tensor yPred);

    /** The Keras identifier, such as {@code "mse"} or {@code "categorical_crossentropy"}. */
    public abstract String name();

    /** Parameters and name, enough for {@link Losses#fromConfig(Map)} to rebuild an equal loss. */
    public Map<String, Object> config() {
        return Map.of("name", name());
    }

    /** The mean of the per-sample losses over the batch: a scalar. */
    public Tensor call(Tensor yTrue, Tensor yPred) {
        return perSample(yTrue, yPred).mean();
    }

    /**
     * The per-sample losses times {@code sampleWeight} ({@code [batch]}), summed and divided by
     * the batch size (Keras's {@code sum_over_batch_size}).
     */
    public Tensor call(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (sampleWeight == null) {
            return call(yTrue, yPred);
        }
        Tensor perSample = perSample(yTrue, yPred);
        if (sampleWeight.size() != perSample.size()) {
            throw new IllegalArgumentException(name() + ": sample weights have " + sampleWeight.size()
                    + " entries for a batch of " + perSample.size());
        }
        return perSample.mul(sampleWeight.reshape(perSample.shape())).mean();
    }
}
