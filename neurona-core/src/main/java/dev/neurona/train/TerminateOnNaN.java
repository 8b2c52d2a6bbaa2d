package dev.neurona.train;

import java.util.Map;

/** Stops training at the first batch whose loss is NaN or infinite, naming the epoch and batch. */
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
