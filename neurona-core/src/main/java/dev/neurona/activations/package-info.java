/**
 * Activation functions by Keras name and as objects: {@code Activations.get("relu")},
 * {@code Activations.leakyRelu(0.1)}.
 *
 * <p>Each activation is a thin, immutable wrapper around a {@link dev.neurona.tensor.Tensor}
 * primitive (or a short composition of primitives), so its gradient comes from autograd and
 * this package holds no derivative code. Every activation round-trips through
 * {@link dev.neurona.activations.Activation#config()} and
 * {@link dev.neurona.activations.Activations#fromConfig(java.util.Map)}.
 *
 * <p>Depends only on {@code dev.neurona.tensor}.
 */
package dev.neurona.activations;
