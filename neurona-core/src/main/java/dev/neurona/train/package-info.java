/**
 * Training: the fit loop ({@link dev.neurona.train.Trainer}), one step on one batch
 * ({@link dev.neurona.train.TrainStep}, reused by Spark), {@link dev.neurona.train.Fit}
 * options, the {@link dev.neurona.train.History}, callbacks and the Keras-style progress bar.
 * Depends on tensor, nn, losses, optim, metrics and data; never on models or io: callbacks
 * such as {@link dev.neurona.train.ModelCheckpoint} save through the
 * {@link dev.neurona.train.TrainingContext}, with a {@link dev.neurona.train.ModelSaver} the model supplies.
 */
package dev.neurona.train;
