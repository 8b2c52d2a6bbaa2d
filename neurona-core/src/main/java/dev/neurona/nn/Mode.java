package dev.neurona.nn;

/** Whether a forward pass is for training (dropout active) or inference. */
public enum Mode {
    /** Training: stochastic layers such as {@link Dropout} are active. */
    TRAINING,
    /** Inference: every layer is deterministic. */
    INFERENCE
}
