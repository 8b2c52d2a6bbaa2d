/**
 * Layers, the building blocks of networks: {@link dev.neurona.nn.Layer} and its
 * implementations ({@code Input}, {@code Dense}, {@code Flatten}, {@code Activation},
 * {@code Dropout}, {@code PReLU}), the static factories of {@link dev.neurona.nn.Layers},
 * weight {@link dev.neurona.nn.Regularizer regularizers}, and {@code nn.init}.
 * Depends on {@code tensor} and {@code activations}; never on optimizers, training or files.
 */
package dev.neurona.nn;
