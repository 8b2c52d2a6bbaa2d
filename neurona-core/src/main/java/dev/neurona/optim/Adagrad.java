package dev.neurona.optim;

import java.util.List;
import java.util.Map;

/**
 * Adagrad: a per-element step size that shrinks with the sum of that element's squared
 * gradients (Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", JMLR 2011).
 *
 * <pre>
 * s ← s + g²
 * KERAS:    θ ← θ − lr·g / sqrt(s + ε)
 * PYTORCH:  θ ← θ − lr·g / (sqrt(s) + ε)
 * </pre>
 *
 * <p>Defaults (Keras 3): lr 0.001, initial accumulator 0.1, ε 1e-7, {@link EpsilonMode#KERAS}.
 * PyTorch's defaults are lr 0.01, initial accumulator 0, ε 1e-10 with {@link EpsilonMode#PYTORCH}.
 * Slot: {@code "accumulator"}.
 */
public final class Adagrad extends Optimizer {

    /** Slot names, constant so that a step allocates nothing. */
    private static final List<String> SLOTS = List.of("accumulator");

    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;
    private EpsilonMode epsilonMode = EpsilonMode.KERAS;

    /** Keras 3 defaults: lr 0.001. */
    public Adagrad() {
        this(0.001);
    }

    /** Keras 3 defaults with learning rate {@code learningRate}. */
    public Adagrad(double learningRate) {
        super(learningRate);
    }

    /** The value s starts at, ≥ 0 (applies to slots created after this call). */
    public Adagrad initialAccumulatorValue(double value) {
        this.initialAccumulatorValue = Check.nonNegative(owner(), "initial accumulator value", value);
        return this;
    }

    /** ε ≥ 0, placed as {@link #epsilonMode(EpsilonMode)} says. */
    public Adagrad epsilon(double epsilon) {
        this.epsilon = Check.nonNegative(owner(), "epsilon", epsilon);
        return this;
    }

    /** Where ε goes: inside the square root (Keras) or after it (PyTorch). */
    public Adagrad epsilonMode(EpsilonMode mode) {
        this.epsilonMode = Check.notNull(owner(), "epsilon mode", mode);
        return this;
    }

    /** The value the accumulator starts at. */
    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    /** The epsilon ε. */
    public double epsilon() {
        return epsilon;
    }

    /** Where ε is placed. */
    public EpsilonMode epsilonMode() {
        return epsilonMode;
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected List<String> slotNames() {
        return SLOTS;
    }

    @Override
    protected float initialSlotValue(String slot) {
        return (float) initialAccumulatorValue;
    }

    @Override
    public void update(float[] param, float[] grad, Slots slots, long t, double lr) {
        float[] accumulator = slots.get("accumulator");
        boolean keras = epsilonMode == EpsilonMode.KERAS;
        for (int i = 0; i < param.length; i++) {
            double s = accumulator[i] + (double) grad[i] * grad[i];
            accumulator[i] = (float) s;
            double denominator = keras ? Math.sqrt(s + epsilon) : Math.sqrt(s) + epsilon;
            param[i] -= (float) (lr * grad[i] / denominator);
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("epsilon", epsilon);
        config.put("epsilon_mode", epsilonMode.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    protected void readConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.number("initial_accumulator_value", this::initialAccumulatorValue);
        in.number("epsilon", this::epsilon);
        in.enumValue("epsilon_mode", EpsilonMode.class, this::epsilonMode);
    }
}
