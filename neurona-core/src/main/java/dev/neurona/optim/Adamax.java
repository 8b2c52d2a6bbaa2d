package dev.neurona.optim;

import java.util.List;
import java.util.Map;

/**
 * Adamax: Adam with the infinity norm in place of the second moment (Kingma &amp; Ba, "Adam: A
 * Method for Stochastic Optimization", ICLR 2015, section 7.1).
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * KERAS:    u ← max(β2·u, |g|);      θ ← θ − lr/(1 − β1^t) · m / (u + ε)
 * PYTORCH:  u ← max(β2·u, |g| + ε);  θ ← θ − lr/(1 − β1^t) · m / u
 * </pre>
 *
 * <p>Defaults (Keras 3): lr 0.001, β1 0.9, β2 0.999, ε 1e-7, {@link EpsilonMode#KERAS}
 * (PyTorch: lr 0.002, ε 1e-8). Slots: {@code "m"}, {@code "u"}.
 */
public final class Adamax extends Optimizer {

    /** Slot names, constant so that a step allocates nothing. */
    private static final List<String> SLOTS = List.of("m", "u");

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private EpsilonMode epsilonMode = EpsilonMode.KERAS;

    /** Keras 3 defaults: lr 0.001. */
    public Adamax() {
        this(0.001);
    }

    /** Keras 3 defaults with learning rate {@code learningRate}. */
    public Adamax(double learningRate) {
        super(learningRate);
    }

    /** Decay β1 of the first moment, in [0, 1). */
    public Adamax beta1(double beta1) {
        this.beta1 = Check.unitInterval(owner(), "beta1", beta1);
        return this;
    }

    /** Decay β2 of the infinity norm, in [0, 1). */
    public Adamax beta2(double beta2) {
        this.beta2 = Check.unitInterval(owner(), "beta2", beta2);
        return this;
    }

    /** ε ≥ 0, placed as {@link #epsilonMode(EpsilonMode)} says. */
    public Adamax epsilon(double epsilon) {
        this.epsilon = Check.nonNegative(owner(), "epsilon", epsilon);
        return this;
    }

    /** Whether ε is added to u (Keras) or to |g| inside the maximum (PyTorch). */
    public Adamax epsilonMode(EpsilonMode mode) {
        this.epsilonMode = Check.notNull(owner(), "epsilon mode", mode);
        return this;
    }

    /** The first-moment decay β1. */
    public double beta1() {
        return beta1;
    }

    /** The second-moment decay β2. */
    public double beta2() {
        return beta2;
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
        return "adamax";
    }

    @Override
    protected List<String> slotNames() {
        return SLOTS;
    }

    @Override
    public void update(float[] param, float[] grad, Slots slots, long t, double lr) {
        float[] ms = slots.get("m");
        float[] us = slots.get("u");
        double stepSize = lr / (1 - Math.pow(beta1, t));
        boolean keras = epsilonMode == EpsilonMode.KERAS;
        for (int i = 0; i < param.length; i++) {
            double g = grad[i];
            double m = beta1 * ms[i] + (1 - beta1) * g;
            double u = Math.max(beta2 * us[i], keras ? Math.abs(g) : Math.abs(g) + epsilon);
            ms[i] = (float) m;
            us[i] = (float) u;
            param[i] -= (float) (stepSize * m / (keras ? u + epsilon : u));
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("epsilon_mode", epsilonMode.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    protected void readConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.number("beta_1", this::beta1);
        in.number("beta_2", this::beta2);
        in.number("epsilon", this::epsilon);
        in.enumValue("epsilon_mode", EpsilonMode.class, this::epsilonMode);
    }
}
