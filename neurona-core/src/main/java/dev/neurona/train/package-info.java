/**
 * Training: the fit loop ({@link dev.neurona.train.Trainer}), one step on one batch
 * ({@link dev.neurona.train.TrainStep}, reused by Spark), {@link dev.neurona.train.Fit}
 * options, the {@link dev.neurona.train.History}, callbacks and the Keras-style progress bar.
 * Depends on tensor, nn, losses, optim, metrics and data; never on models or files.
 */
package dev.neurona.train;
