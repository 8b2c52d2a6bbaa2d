package dev.neurona.tensor;

/**
 * Tensor's activation functions, each a fused, numerically stable primitive. Package-private: its methods are {@link Tensor}'s, grouped here so that each group
 * stays short; every one only checks arguments and delegates to the op group that does the math.
 */
sealed interface ActivationMethods permits Tensor {

    /** This tensor (the only implementation is {@link Tensor}). */
    private Tensor self() {
        return (Tensor) this;
    }


    /** {@code 1 / (1 + e^−x)}, computed without overflow. */
    default Tensor sigmoid() {
        return ActivationOps.sigmoid(self());
    }

    /** The hyperbolic tangent. */
    default Tensor tanh() {
        return ActivationOps.tanh(self());
    }

    /** {@code max(x, 0)}; gradient 0 at 0. */
    default Tensor relu() {
        return ActivationOps.relu(self());
    }

    /** {@code x} for {@code x > 0}, else {@code alpha·x}; gradient {@code alpha} at 0. */
    default Tensor leakyRelu(float alpha) {
        return ActivationOps.leakyRelu(self(), alpha);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha_j·x}, with a learnable slope {@code alpha} broadcast to this shape. */
    default Tensor prelu(Tensor alpha) {
        return ActivationOps.prelu(self(), alpha);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha·(e^x − 1)}. */
    default Tensor elu(float alpha) {
        return ActivationOps.elu(self(), alpha);
    }

    /** Scaled ELU with the self-normalizing constants of Klambauer et al. (2017). */
    default Tensor selu() {
        return ActivationOps.selu(self());
    }

    /** GELU, exact ({@code x·Φ(x)}) or with the tanh approximation. */
    default Tensor gelu(boolean approximate) {
        return ActivationOps.gelu(self(), approximate);
    }

    /** {@code log(1 + e^x)}, stable; equal to {@code x} above 20 as in PyTorch. */
    default Tensor softplus() {
        return ActivationOps.softplus(self());
    }

    /** {@code x / (1 + |x|)}. */
    default Tensor softsign() {
        return ActivationOps.softsign(self());
    }

    /** {@code x·sigmoid(x)} (swish). */
    default Tensor silu() {
        return ActivationOps.silu(self());
    }

    /** {@code clip(x/6 + 1/2, 0, 1)}, the Keras 3 and PyTorch form. */
    default Tensor hardSigmoid() {
        return ActivationOps.hardSigmoid(self());
    }

    /** −1, 0 or +1: the perceptron's activation. Its gradient is zero everywhere (it is a step). */
    default Tensor sign() {
        return ActivationOps.sign(self());
    }

    /** The softmax along {@code axis}, max-shifted so that it never overflows. */
    default Tensor softmax(int axis) {
        return ActivationOps.softmax(self(), axis);
    }

    /** The log of the softmax along {@code axis}, by log-sum-exp. */
    default Tensor logSoftmax(int axis) {
        return ActivationOps.logSoftmax(self(), axis);
    }

}
