package dev.neurona.train;

import java.util.Map;

/**
 * Hooks into the training loop. Every method has a no-op default; logs are read-only
 * (loss, metrics and their {@code val_} versions, by name). A callback influences training
 * only through the {@link TrainingContext}: it may ask to stop or change the learning rate,
 * never reach into the model.
 *
 * <p>Epochs and batches are numbered from 0, as in Keras.
 */
public interface Callback {

    /** Before the first epoch. */
    default void onTrainBegin(TrainingContext context) {
    }

    /** Before each epoch. */
    default void onEpochBegin(int epoch, TrainingContext context) {
    }

    /** After each batch, with the running logs of the epoch so far. */
    default void onBatchEnd(int batch, Map<String, Double> logs, TrainingContext context) {
    }

    /** After each epoch (and its validation), with the epoch's logs. */
    default void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
    }

    /** After the last epoch, or after a stop request. */
    default void onTrainEnd(TrainingContext context) {
    }
}
