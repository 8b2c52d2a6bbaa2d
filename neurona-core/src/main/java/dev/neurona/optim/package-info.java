/**
 * Optimizers: the rules that move each {@link dev.neurona.tensor.Parameter} from its gradient
 * and its own slot state, and the learning-rate schedules that drive them.
 *
 * <p>{@link dev.neurona.optim.Optimizer} does the cross-cutting work once — step count,
 * learning-rate schedule, gradient clipping, weight decay, skipping frozen parameters and
 * parameters without a gradient, slot allocation and state export — and each optimizer
 * ({@link dev.neurona.optim.SGD}, {@link dev.neurona.optim.Adagrad},
 * {@link dev.neurona.optim.RMSprop}, {@link dev.neurona.optim.Adadelta},
 * {@link dev.neurona.optim.Adam}, {@link dev.neurona.optim.AdamW},
 * {@link dev.neurona.optim.Adamax}, {@link dev.neurona.optim.Nadam}) writes only the update of
 * one parameter, on plain arrays.
 *
 * <p>Defaults are Keras 3's. Where Keras and PyTorch place epsilon differently the optimizer
 * offers {@link dev.neurona.optim.EpsilonMode}; {@link dev.neurona.optim.WeightDecayMode}
 * chooses between decoupled (Keras, AdamW) and coupled (PyTorch's L2 {@code weight_decay})
 * weight decay; {@link dev.neurona.optim.Nadam#momentumDecay(double)} covers the Nadam
 * momentum schedule. Configured alike, the updates match PyTorch's (see the golden tests).
 *
 * <p>The package depends only on {@code dev.neurona.tensor}; nothing in it knows layers or
 * the training loop.
 */
package dev.neurona.optim;
