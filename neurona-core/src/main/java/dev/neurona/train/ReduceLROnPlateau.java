package dev.neurona.train;

import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when a monitored quantity has stopped
 * improving for {@code patience} epochs, as Keras's {@code ReduceLROnPlateau}.
 */
public final class ReduceLROnPlateau implements Callback {

    private String monitor = "val_loss";
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private double factor = 0.1;
    private int patience = 10;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;

    private Monitor tracker;
    private int wait;
    private int cooldownLeft;

    /** The logged quantity to watch (default {@code val_loss}). */
    public ReduceLROnPlateau monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /** {@code "auto"}, {@code "min"} or {@code "max"}. */
    public ReduceLROnPlateau mode(String mode) {
        this.mode = EarlyStopping.parseMode(mode);
        return this;
    }

    /** The multiplier applied to the learning rate, in (0, 1) (default 0.1). */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + factor);
        }
        this.factor = factor;
        return this;
    }

    /** Epochs without improvement before reducing (default 10). */
    public ReduceLROnPlateau patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience must be non-negative, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** Changes smaller than this do not count as improvements (default 1e-4). */
    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs to wait after a reduction before watching again (default 0). */
    public ReduceLROnPlateau cooldown(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: cooldown must be non-negative, got " + cooldown);
        }
        this.cooldown = cooldown;
        return this;
    }

    /** The learning rate never goes below this (default 0). */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: minLr must be non-negative, got " + minLr);
        }
        this.minLr = minLr;
        return this;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        tracker = new Monitor(monitor, mode, minDelta);
        wait = 0;
        cooldownLeft = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        double value = tracker.value(logs, "ReduceLROnPlateau");
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (tracker.improved(value)) {
            wait = 0;
            return;
        }
        if (cooldownLeft > 0) {
            return;
        }
        wait++;
        if (wait >= patience) {
            double lr = context.learningRate();
            if (lr > minLr) {
                context.setLearningRate(Math.max(lr * factor, minLr));
                cooldownLeft = cooldown;
                wait = 0;
            }
        }
    }
}
