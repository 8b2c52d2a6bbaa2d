package dev.neurona.optim;

import dev.neurona.tensor.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients. STUB: the optimizer issue replaces this with the
 * real base class (clipping, weight decay, schedules, step count, slot state).
 */
public abstract class Optimizer {

    /** Applies one update to every trainable parameter that has a gradient. */
    public abstract void step(List<Parameter> parameters);

    /** The current learning rate. */
    public abstract double learningRate();

    /** Sets the learning rate (used by schedules and callbacks). */
    public abstract Optimizer learningRate(double learningRate);

    /** The Keras identifier, such as {@code "adam"}. */
    public abstract String name();

    /** Updates applied so far. */
    public abstract long iterations();

    /** Hyper-parameters, enough for {@link Optimizers#fromConfig(Map)} to rebuild an equal optimizer. */
    public abstract Map<String, Object> config();

    /** Slot state as arrays keyed by {@code "<parameter path>/<slot>"}, plus the step count. */
    public abstract Map<String, float[]> exportState();

    /** Restores what {@link #exportState()} gave. */
    public abstract void loadState(Map<String, float[]> state);
}
