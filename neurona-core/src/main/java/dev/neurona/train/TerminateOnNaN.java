package dev.neurona.train;

import java.util.Map;

/**
 * Stops training at the first batch whose loss is NaN or infinite, naming the epoch and batch
 * (Keras's {@code TerminateOnNaN}).
 *
 * <p>In {@code fit} it does more than Keras's: the loop checks each batch's loss before the
 * update, so the update of that batch is never applied, and it keeps a copy of the weights
 * before each update (one pass over the weights per step, into buffers allocated once), so
 * that an update which overflowed the weights with a finite loss is undone too. The run ends
 * with the last finite weights, and {@link History#stopReason()} says where it stopped and
 * which weights it kept, such as {@code "TerminateOnNaN: the loss became NaN at epoch 3,
 * batch 17; stopped there, with the weights from before that batch (its update was not
 * applied)"}. The optimizer's state is not rewound. In other training loops (such as
 * Spark's) it stops after the batch, as in Keras.
 */
public final class TerminateOnNaN implements Callback {

    private int epoch;

    @Override
    public void onEpochBegin(int epoch, TrainingContext context) {
        this.epoch = epoch;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs, TrainingContext context) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            context.requestStop("TerminateOnNaN: the loss became " + loss + " at epoch " + (epoch + 1)
                    + ", batch " + (batch + 1));
        }
    }
}
