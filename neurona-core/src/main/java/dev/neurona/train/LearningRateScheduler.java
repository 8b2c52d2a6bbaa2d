package dev.neurona.train;

import java.util.function.BiFunction;

/**
 * Sets the learning rate at the start of each epoch from a function of the epoch (0-based)
 * and the current rate, as Keras's {@code LearningRateScheduler}:
 *
 * <pre>{@code
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))
 * }</pre>
 */
public final class LearningRateScheduler implements Callback {

    private final BiFunction<Integer, Double, Double> schedule;

    /** A scheduler applying {@code schedule(epoch, currentRate)}. */
    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("LearningRateScheduler: schedule must not be null");
        }
        this.schedule = schedule;
    }

    @Override
    public void onEpochBegin(int epoch, TrainingContext context) {
        Double lr = schedule.apply(epoch, context.learningRate());
        if (lr == null || !(lr > 0) || lr.isInfinite()) {
            throw new IllegalStateException("LearningRateScheduler: the schedule gave " + lr + " for epoch " + epoch
                    + "; a learning rate must be positive and finite");
        }
        context.setLearningRate(lr);
    }
}
