package dev.neurona.data;

import dev.neurona.tensor.Tensor;

/**
 * A per-feature rescaling learned from training data: {@link #fit} on the training set, then
 * {@link #transform} both training and test data with the same numbers (never fit on test data).
 * {@link #inverseTransform} undoes it, for example to report a regression's predictions in the
 * target's own units.
 *
 * <p>Inputs are {@code [n, …]}; every element position after the batch dimension is one feature
 * (so an image {@code [n, 28, 28]} has 784). Outputs keep the input's shape.
 */
public interface Scaler {

    /** Learns the per-feature statistics of {@code x} and returns this scaler. */
    Scaler fit(Tensor x);

    /** {@code x} rescaled with the fitted statistics. */
    Tensor transform(Tensor x);

    /** The inverse of {@link #transform}. */
    Tensor inverseTransform(Tensor x);

    /** {@link #fit} then {@link #transform} on the same data. */
    default Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }
}
