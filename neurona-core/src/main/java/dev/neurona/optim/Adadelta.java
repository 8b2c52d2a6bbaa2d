package dev.neurona.optim;

import java.util.List;
import java.util.Map;

/**
 * Adadelta: scales the gradient by the ratio of running RMS values of past updates and past
 * gradients, so that the step has the units of the parameter (Zeiler, "ADADELTA: An Adaptive
 * Learning Rate Method", 2012).
 *
 * <pre>
 * v ← ρ·v + (1 − ρ)·g²
 * Δ = sqrt(u + ε) / sqrt(v + ε) · g
 * u ← ρ·u + (1 − ρ)·Δ²
 * θ ← θ − lr·Δ
 * </pre>
 * Keras and PyTorch agree on this form (PyTorch's defaults are lr 1.0, ρ 0.9, ε 1e-6).
 *
 * <p>Defaults (Keras 3): lr 0.001, ρ 0.95, ε 1e-7. Slots: {@code "accumulated_grad"} (v),
 * {@code "accumulated_delta_var"} (u).
 */
public final class Adadelta extends Optimizer {

    /** Slot names, constant so that a step allocates nothing. */
    private static final List<String> SLOTS = List.of("accumulated_grad", "accumulated_delta_var");

    private double rho = 0.95;
    private double epsilon = 1e-7;

    /** Keras 3 defaults: lr 0.001. */
    public Adadelta() {
        this(0.001);
    }

    /** Keras 3 defaults with learning rate {@code learningRate} (the paper's rule is lr 1.0). */
    public Adadelta(double learningRate) {
        super(learningRate);
    }

    /** Decay ρ of both running averages, in [0, 1). */
    public Adadelta rho(double rho) {
        this.rho = Check.unitInterval(owner(), "rho", rho);
        return this;
    }

    /** ε &gt; 0 inside both square roots (it also seeds the first steps, when u = 0). */
    public Adadelta epsilon(double epsilon) {
        this.epsilon = Check.positive(owner(), "epsilon", epsilon);
        return this;
    }

    /** The decay ρ. */
    public double rho() {
        return rho;
    }

    /** The epsilon ε. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "adadelta";
    }

    @Override
    protected List<String> slotNames() {
        return SLOTS;
    }

    @Override
    public void update(float[] param, float[] grad, Slots slots, long t, double lr) {
        float[] accumulatedGrad = slots.get("accumulated_grad");
        float[] accumulatedDelta = slots.get("accumulated_delta_var");
        for (int i = 0; i < param.length; i++) {
            double g = grad[i];
            double v = rho * accumulatedGrad[i] + (1 - rho) * g * g;
            accumulatedGrad[i] = (float) v;
            double delta = Math.sqrt(accumulatedDelta[i] + epsilon) / Math.sqrt(v + epsilon) * g;
            accumulatedDelta[i] = (float) (rho * accumulatedDelta[i] + (1 - rho) * delta * delta);
            param[i] -= (float) (lr * delta);
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rho", rho);
        config.put("epsilon", epsilon);
    }

    @Override
    protected void readConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.number("rho", this::rho);
        in.number("epsilon", this::epsilon);
    }
}
