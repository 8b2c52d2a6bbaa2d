package dev.neurona.optim;

import java.util.List;
import java.util.Map;

/**
 * Nadam: Adam with Nesterov momentum and a warming momentum schedule (Dozat, "Incorporating
 * Nesterov Momentum into Adam", ICLR 2016 workshop).
 *
 * <pre>
 * μ_t = β1·(1 − ½·0.96^(t·ψ)),   Π_t = μ_1·…·μ_t
 * m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
 * d = sqrt(v / (1 − β2^t)) + ε
 * θ ← θ − lr·(1 − μ_t)/(1 − Π_t) · g/d − lr·μ_{t+1}/(1 − Π_t·μ_{t+1}) · m/d
 * </pre>
 * Keras 3 and PyTorch (≥ 2.0, or 1.13 with {@code foreach=True}) share this rule and the place of
 * ε; they differ in the momentum schedule: Keras uses {@code 0.96^t}, that is ψ = 1 (the default
 * here), PyTorch and the paper use ψ = {@code momentum_decay} = 0.004. Π_t depends only on t
 * and is recomputed, not stored, so it needs no slot.
 *
 * <p>Defaults (Keras 3): lr 0.001, β1 0.9, β2 0.999, ε 1e-7, ψ 1 (PyTorch: lr 0.002, ε 1e-8,
 * ψ 0.004). Slots: {@code "m"}, {@code "v"}.
 */
public final class Nadam extends Optimizer {

    /** Slot names, constant so that a step allocates nothing. */
    private static final List<String> SLOTS = List.of("m", "v");

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private double momentumDecay = 1.0;
    /** Π_t for {@link #productStep}, so that consecutive steps multiply one factor. */
    private double product = 1;
    private long productStep;

    /** Keras 3 defaults: lr 0.001. */
    public Nadam() {
        this(0.001);
    }

    /** Keras 3 defaults with learning rate {@code learningRate}. */
    public Nadam(double learningRate) {
        super(learningRate);
    }

    /** Decay β1 of the first moment, in [0, 1). */
    public Nadam beta1(double beta1) {
        this.beta1 = Check.unitInterval(owner(), "beta1", beta1);
        productStep = 0;
        product = 1;
        return this;
    }

    /** Decay β2 of the second moment, in [0, 1). */
    public Nadam beta2(double beta2) {
        this.beta2 = Check.unitInterval(owner(), "beta2", beta2);
        return this;
    }

    /** ε ≥ 0, added to the bias-corrected sqrt(v) (as in both Keras and PyTorch). */
    public Nadam epsilon(double epsilon) {
        this.epsilon = Check.nonNegative(owner(), "epsilon", epsilon);
        return this;
    }

    /** ψ &gt; 0 in {@code μ_t = β1·(1 − ½·0.96^(t·ψ))}: 1 for Keras (the default), 0.004 for PyTorch. */
    public Nadam momentumDecay(double momentumDecay) {
        this.momentumDecay = Check.positive(owner(), "momentum decay", momentumDecay);
        productStep = 0;
        product = 1;
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

    /** The momentum decay ψ. */
    public double momentumDecay() {
        return momentumDecay;
    }

    @Override
    public String name() {
        return "nadam";
    }

    @Override
    protected List<String> slotNames() {
        return SLOTS;
    }

    private double mu(long t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    /** Π_t = μ_1·…·μ_t, extended by one factor per step and recomputed after a jump (loaded state). */
    private double product(long t) {
        if (t < productStep) {
            productStep = 0;
            product = 1;
        }
        while (productStep < t) {
            productStep++;
            product *= mu(productStep);
        }
        return product;
    }

    @Override
    public void update(float[] param, float[] grad, Slots slots, long t, double lr) {
        float[] ms = slots.get("m");
        float[] vs = slots.get("v");
        double muT = mu(t);
        double muNext = mu(t + 1);
        double productT = product(t);
        double gradientWeight = lr * (1 - muT) / (1 - productT);
        double momentumWeight = lr * muNext / (1 - productT * muNext);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < param.length; i++) {
            double g = grad[i];
            double m = beta1 * ms[i] + (1 - beta1) * g;
            double v = beta2 * vs[i] + (1 - beta2) * g * g;
            ms[i] = (float) m;
            vs[i] = (float) v;
            double denominator = Math.sqrt(v / correction2) + epsilon;
            param[i] -= (float) ((gradientWeight * g + momentumWeight * m) / denominator);
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("momentum_decay", momentumDecay);
    }

    @Override
    protected void readConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.number("beta_1", this::beta1);
        in.number("beta_2", this::beta2);
        in.number("epsilon", this::epsilon);
        in.number("momentum_decay", this::momentumDecay);
    }
}
