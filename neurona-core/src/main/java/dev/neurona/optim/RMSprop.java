package dev.neurona.optim;

import dev.neurona.tensor.kernel.ParallelRange;
import java.util.List;
import java.util.Map;

/**
 * RMSprop: divides the gradient by a running root-mean-square of recent gradients (Hinton,
 * Srivastava &amp; Swersky, Coursera "Neural Networks for Machine Learning", lecture 6e, 2012);
 * the centered variant divides by an estimate of the standard deviation instead (Graves,
 * "Generating Sequences With Recurrent Neural Networks", 2013).
 *
 * <pre>
 * v ← ρ·v + (1 − ρ)·g²
 * centered:  a ← ρ·a + (1 − ρ)·g;  q = v − a²      otherwise q = v
 * KERAS:     d = sqrt(q + ε)          PYTORCH:  d = sqrt(q) + ε
 * momentum μ &gt; 0:  b ← μ·b + lr·g/d;  θ ← θ − b
 * otherwise:       θ ← θ − lr·g/d
 * </pre>
 * PyTorch calls ρ {@code alpha} and keeps {@code b/lr} in its momentum buffer (the same
 * parameters while the learning rate is constant).
 *
 * <p>Defaults (Keras 3): lr 0.001, ρ 0.9, momentum 0, ε 1e-7, not centered,
 * {@link EpsilonMode#KERAS}. Slots: {@code "velocity"}, plus {@code "momentum"} with momentum and
 * {@code "average_gradient"} when centered.
 *
 * <pre>{@code
 * new RMSprop(0.001).rho(0.9)
 * }</pre>
 */
public final class RMSprop extends Optimizer {

    /** Slot names, constant so that a step allocates nothing. */
    private static final List<String> SLOTS = List.of("velocity");
    private static final List<String> MOMENTUM_SLOTS = List.of("velocity", "momentum");
    private static final List<String> CENTERED_SLOTS = List.of("velocity", "average_gradient");
    private static final List<String> CENTERED_MOMENTUM_SLOTS = List.of("velocity", "momentum", "average_gradient");

    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;
    private EpsilonMode epsilonMode = EpsilonMode.KERAS;

    /** Keras 3 defaults: lr 0.001. */
    public RMSprop() {
        this(0.001);
    }

    /** Keras 3 defaults with learning rate {@code learningRate}. */
    public RMSprop(double learningRate) {
        super(learningRate);
    }

    /** Decay ρ of the squared-gradient average, in [0, 1) (PyTorch's {@code alpha}). */
    public RMSprop rho(double rho) {
        this.rho = Check.unitInterval(owner(), "rho", rho);
        return this;
    }

    /** Momentum μ in [0, 1); 0 turns it off. */
    public RMSprop momentum(double momentum) {
        this.momentum = Check.unitInterval(owner(), "momentum", momentum);
        return this;
    }

    /** ε ≥ 0, placed as {@link #epsilonMode(EpsilonMode)} says. */
    public RMSprop epsilon(double epsilon) {
        this.epsilon = Check.nonNegative(owner(), "epsilon", epsilon);
        return this;
    }

    /** Divides by the centered second moment (an estimate of the variance) instead. */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    /** Where ε goes: inside the square root (Keras) or after it (PyTorch). */
    public RMSprop epsilonMode(EpsilonMode mode) {
        this.epsilonMode = Check.notNull(owner(), "epsilon mode", mode);
        return this;
    }

    /** The decay ρ. */
    public double rho() {
        return rho;
    }

    /** The momentum μ. */
    public double momentum() {
        return momentum;
    }

    /** The epsilon ε. */
    public double epsilon() {
        return epsilon;
    }

    /** Whether the second moment is centered. */
    public boolean centered() {
        return centered;
    }

    /** Where ε is placed. */
    public EpsilonMode epsilonMode() {
        return epsilonMode;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected List<String> slotNames() {
        if (centered) {
            return momentum > 0 ? CENTERED_MOMENTUM_SLOTS : CENTERED_SLOTS;
        }
        return momentum > 0 ? MOMENTUM_SLOTS : SLOTS;
    }

    @Override
    public void update(float[] param, float[] grad, Slots slots, long t, double lr) {
        float[] velocity = slots.get("velocity");
        float[] buffer = momentum > 0 ? slots.get("momentum") : null;
        float[] average = centered ? slots.get("average_gradient") : null;
        boolean keras = epsilonMode == EpsilonMode.KERAS;
        if (!centered && buffer == null) {   // the common form: float, split over the cores
            loop.set(param, grad, velocity, rho, lr, epsilon, keras);
            ParallelRange.run(param.length, loop);
            loop.clear();
            return;
        }
        for (int i = 0; i < param.length; i++) {
            double g = grad[i];
            double v = rho * velocity[i] + (1 - rho) * g * g;
            velocity[i] = (float) v;
            double q = v;
            if (centered) {
                double a = rho * average[i] + (1 - rho) * g;
                average[i] = (float) a;
                q = Math.max(v - a * a, 0);  // rounding could make it slightly negative
            }
            double increment = lr * g / (keras ? Math.sqrt(q + epsilon) : Math.sqrt(q) + epsilon);
            if (buffer != null) {
                increment = momentum * buffer[i] + increment;
                buffer[i] = (float) increment;
            }
            param[i] -= (float) increment;
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
        config.put("epsilon_mode", epsilonMode.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    protected void readConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.number("rho", this::rho);
        in.number("momentum", this::momentum);
        in.number("epsilon", this::epsilon);
        in.bool("centered", this::centered);
        in.enumValue("epsilon_mode", EpsilonMode.class, this::epsilonMode);
    }

    private final Loop loop = new Loop();

    /**
     * The plain RMSprop update over a range, in float with one branch-free loop per ε form so
     * that C2 vectorizes it (in double it would not, and took most of a step), its operands in
     * fields so that a step allocates nothing.
     */
    private static final class Loop implements ParallelRange.Body {
        private float[] param;
        private float[] grad;
        private float[] velocity;
        private float rho;
        private float oneMinusRho;
        private float lr;
        private float eps;
        private boolean keras;

        void set(float[] param, float[] grad, float[] velocity, double rho, double lr, double eps, boolean keras) {
            this.param = param;
            this.grad = grad;
            this.velocity = velocity;
            this.rho = (float) rho;
            this.oneMinusRho = (float) (1 - rho);
            this.lr = (float) lr;
            this.eps = (float) eps;
            this.keras = keras;
        }

        void clear() {
            param = null;
            grad = null;
            velocity = null;
        }

        @Override
        public void run(int lo, int hi) {
            float[] p = param;
            float[] g = grad;
            float[] v = velocity;
            float r = rho;
            float k = oneMinusRho;
            float rate = lr;
            float e = eps;
            if (keras) {
                for (int i = lo; i < hi; i++) {
                    float gi = g[i];
                    float vi = r * v[i] + k * gi * gi;
                    v[i] = vi;
                    p[i] -= rate * gi / (float) Math.sqrt(vi + e);
                }
            } else {
                for (int i = lo; i < hi; i++) {
                    float gi = g[i];
                    float vi = r * v[i] + k * gi * gi;
                    v[i] = vi;
                    p[i] -= rate * gi / ((float) Math.sqrt(vi) + e);
                }
            }
        }
    }
}
