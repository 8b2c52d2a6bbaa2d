package dev.neurona.optim;

/**
 * How {@link Optimizer#weightDecay(double)} λ enters the update.
 *
 * <ul>
 *   <li>{@link #DECOUPLED} (Keras 3, and PyTorch's {@code AdamW}): before the update,
 *       {@code θ ← θ − lr·λ·θ}; the gradient is left alone (Loshchilov &amp; Hutter,
 *       "Decoupled Weight Decay Regularization", ICLR 2019).</li>
 *   <li>{@link #COUPLED} (PyTorch's {@code weight_decay} for SGD, Adam, RMSprop, …): an L2
 *       penalty folded into the gradient, {@code g ← g + λ·θ}, which then also feeds momenta
 *       and accumulators.</li>
 * </ul>
 * The two agree for plain SGD without momentum.
 */
public enum WeightDecayMode {
    /** {@code θ ← θ − lr·λ·θ} before the update (the default). */
    DECOUPLED,
    /** {@code g ← g + λ·θ} before the update. */
    COUPLED
}
