package dev.neurona.optim;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019): before each {@link Adam} update, {@code θ ← θ − lr·λ·θ}.
 *
 * <p>It is {@link Adam} with {@link #weightDecay(double)} on by default: Keras 3 defaults lr
 * 0.001, λ 0.004, ε 1e-7 ({@link EpsilonMode#KERAS}). PyTorch's {@code AdamW} defaults are
 * λ 0.01, ε 1e-8 with {@link EpsilonMode#PYTORCH}.
 *
 * <pre>{@code
 * new AdamW(1e-3).weightDecay(0.01)
 * }</pre>
 */
public final class AdamW extends Adam {

    /** Keras 3 defaults: lr 0.001, weight decay 0.004. */
    public AdamW() {
        this(0.001);
    }

    /** Keras 3 defaults (weight decay 0.004) with learning rate {@code learningRate}. */
    public AdamW(double learningRate) {
        super(learningRate);
        weightDecay(0.004);
    }

    @Override
    public String name() {
        return "adamw";
    }
}
