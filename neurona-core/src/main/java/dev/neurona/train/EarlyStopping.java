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
 *
 * <p>Epoch numbers follow Keras: what a person reads (the progress bar's "Epoch 77/100", the
 * stop message in {@link History#stopReason()}, {@link #bestEpochNumber()}) counts from 1; the
 * indices a program uses ({@link #bestEpoch()}, {@link #stoppedEpoch()}, a callback's
 * {@code epoch} argument, {@link History#epoch(int)}) count from 0, so that in a run from epoch
 * 0 {@code history.epoch(es.bestEpoch())} holds the best epoch's logs. (A resumed run's
 * indices go on from its initial epoch, while its history starts again at 0.)
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

    /**
     * The 0-based index of the epoch at which training was stopped (Keras's
     * {@code stopped_epoch}), or -1 when it was not; the stop message shows it plus 1.
     */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /**
     * The 0-based index of the epoch with the best monitored value (Keras's {@code best_epoch}),
     * the index of {@link History#epoch(int)} and of a callback's {@code epoch} argument; -1 before
     * any epoch improved. The stop message and the progress bar count from 1: they show
     * {@link #bestEpochNumber()}, which is this plus 1.
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * The best epoch as a person counts it, from 1 as in the progress bar's "Epoch 77/100" and
     * the stop message ("best … at epoch 77"): {@link #bestEpoch()} + 1, or 0 before any epoch
     * improved.
     */
    public int bestEpochNumber() {
        return bestEpoch + 1;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        tracker = new Monitor(monitor, mode, minDelta);
        wait = 0;
        bestEpoch = -1;
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
            boolean restored = restoreBestWeights && bestWeights != null;
            if (restored) {
                context.setWeights(bestWeights);
            }
            String best = bestEpoch < 0 ? "no epoch improved"
                    : "best " + String.format(java.util.Locale.ROOT, "%.6g", tracker.best()) + " at epoch " + bestEpochNumber();
            context.requestStop("EarlyStopping: " + monitor + " did not improve for " + wait + " epochs (" + best
                    + "); stopped after epoch " + (epoch + 1)
                    + (restored ? "; restored the weights of epoch " + bestEpochNumber() : ""));
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
