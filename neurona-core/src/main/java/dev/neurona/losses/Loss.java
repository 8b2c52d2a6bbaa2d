package dev.neurona.losses;

import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * A loss function: a per-sample formula, reduced Keras-style to the mean over the batch
 * ({@code "sum_over_batch_size"}), optionally weighted per sample.
 *
 * <p>Subclasses write only {@link #perSample}; shape checks, sample weights and the
 * reduction live here once.
 */
@Registry.Kind(noun = "loss", plural = "losses", builtins = Losses.class)
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

    /**
     * Checks a whole set of targets once, before {@code fit} or {@code evaluate} trains or
     * scores on it, against the model's output and the values this loss can learn from, so
     * that labels such as 2 under binary cross-entropy fail with their row instead of
     * training to a meaningless loss. Runs outside the training loop, never per step. The
     * default checks nothing; the built-in losses check the shape and their target domain.
     *
     * @param where names the targets in messages, such as {@code "fit: y"}
     * @param yTrue every target, {@code [n, …]}: row {@code i} is sample {@code i} of the caller's data
     * @param outputShape the model's output for one sample (batch excluded), or {@code null} when not known
     * @throws IllegalArgumentException naming the bad value, its row and the form this loss expects
     */
    public void checkTargetData(String where, Tensor yTrue, int[] outputShape) {
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
