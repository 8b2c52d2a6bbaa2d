package dev.neurona.train;

import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored quantity has not improved for {@code patience} epochs,
 * as Keras's {@code EarlyStopping}; optionally restores the weights of the best epoch.
 *
 * <pre>{@code
 * new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true)
 * }</pre>
 */
public final class EarlyStopping implements Callback {

    private String monitor = "val_loss";
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private double minDelta;
    private int patience;
    private boolean restoreBestWeights;

    private Monitor tracker;
    private int wait;
    private int bestEpoch;
    private List<Tensor> bestWeights;
    private int stoppedEpoch = -1;

    /** The logged quantity to watch (default {@code val_loss}). */
    public EarlyStopping monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /** {@code "auto"}, {@code "min"} or {@code "max"}: which direction is an improvement. */
    public EarlyStopping mode(String mode) {
        this.mode = parseMode(mode);
        return this;
    }

    /** Changes smaller than this do not count as improvements (default 0). */
    public EarlyStopping minDelta(double minDelta) {
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: minDelta must be non-negative, got " + minDelta);
        }
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs without improvement before stopping (default 0: the first epoch that does not improve stops), as Keras counts them. */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be non-negative, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** Whether to put back the best epoch's weights when stopping (default false). */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** The epoch (0-based) at which training was stopped, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        tracker = new Monitor(monitor, mode, minDelta);
        wait = 0;
        bestEpoch = 0;
        bestWeights = null;
        stoppedEpoch = -1;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        double value = tracker.value(logs, "EarlyStopping");
        if (tracker.improved(value)) {
            wait = 0;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = context.getWeights();
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = epoch;
            if (restoreBestWeights && bestWeights != null) {
                context.setWeights(bestWeights);
            }
            context.requestStop("EarlyStopping: " + monitor + " did not improve for " + wait
                    + " epochs (best " + tracker.best() + " at epoch " + (bestEpoch + 1) + ")");
        }
    }

    static Monitor.Mode parseMode(String mode) {
        try {
            return Monitor.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("mode must be auto, min or max, got '" + mode + "'");
        }
    }
}
