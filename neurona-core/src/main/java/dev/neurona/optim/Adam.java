package dev.neurona.optim;

import dev.neurona.tensor.kernel.ParallelRange;
import java.util.List;
import java.util.Map;

/**
 * Adam: momentum on the gradient and on its square, both bias-corrected (Kingma &amp; Ba, "Adam:
 * A Method for Stochastic Optimization", ICLR 2015), optionally with the AMSGrad maximum
 * (Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond", ICLR 2018).
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * amsgrad:  v̂ ← max(v̂, v) and v̂ replaces v below
 * KERAS:    θ ← θ − lr·sqrt(1 − β2^t)/(1 − β1^t) · m / (sqrt(v) + ε)        (ε "hat", the paper's
 *                                                                        efficient form)
 * PYTORCH:  θ ← θ − lr/(1 − β1^t) · m / (sqrt(v)/sqrt(1 − β2^t) + ε)
 * </pre>
 * The two differ only in where ε meets the bias correction: Keras's ε equals PyTorch's
 * {@code ε·sqrt(1 − β2^t)}. Bias corrections are computed in double, the per-element update in
 * float (as PyTorch does for float32 parameters), which lets the JIT vectorize it.
 *
 * <p>Defaults (Keras 3): lr 0.001, β1 0.9, β2 0.999, ε 1e-7, no AMSGrad, {@link EpsilonMode#KERAS}
 * (PyTorch's ε default is 1e-8). Slots: {@code "m"}, {@code "v"}, plus {@code "vhat"} with AMSGrad.
 *
 * <pre>{@code
 * new Adam(0.001).beta1(0.9).beta2(0.999).epsilon(1e-7).amsgrad(true)
 * }</pre>
 */
public class Adam extends Optimizer {

    /** Slot names, constant so that a step allocates nothing. */
    private static final List<String> AMSGRAD_SLOTS = List.of("m", "v", "vhat");
    private static final List<String> SLOTS = List.of("m", "v");

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;
    private EpsilonMode epsilonMode = EpsilonMode.KERAS;

    /** Keras 3 defaults: lr 0.001. */
    public Adam() {
        this(0.001);
    }

    /** Keras 3 defaults with learning rate {@code learningRate}. */
    public Adam(double learningRate) {
        super(learningRate);
    }

    /** Decay β1 of the first moment, in [0, 1). */
    public Adam beta1(double beta1) {
        this.beta1 = Check.unitInterval(owner(), "beta1", beta1);
        return this;
    }

    /** Decay β2 of the second moment, in [0, 1). */
    public Adam beta2(double beta2) {
        this.beta2 = Check.unitInterval(owner(), "beta2", beta2);
        return this;
    }

    /** ε ≥ 0, placed as {@link #epsilonMode(EpsilonMode)} says. */
    public Adam epsilon(double epsilon) {
        this.epsilon = Check.nonNegative(owner(), "epsilon", epsilon);
        return this;
    }

    /** Divides by the largest second moment seen so far (AMSGrad). */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    /** Whether ε is added before (Keras) or after (PyTorch) the bias correction of sqrt(v). */
    public Adam epsilonMode(EpsilonMode mode) {
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

    /** Whether AMSGrad is used. */
    public boolean amsgrad() {
        return amsgrad;
    }

    /** Where ε is placed. */
    public EpsilonMode epsilonMode() {
        return epsilonMode;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected List<String> slotNames() {
        return amsgrad ? AMSGRAD_SLOTS : SLOTS;
    }

    @Override
    public void update(float[] param, float[] grad, Slots slots, long t, double lr) {
        float[] ms = slots.get("m");
        float[] vs = slots.get("v");
        double correction1 = 1 - Math.pow(beta1, t);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        boolean keras = epsilonMode == EpsilonMode.KERAS;
        // Keras adds ε to the uncorrected sqrt(v) and folds the correction into the step;
        // PyTorch divides sqrt(v) by its correction first: denominator = sqrt(v)·scale + ε
        double step = keras ? lr * sqrtCorrection2 / correction1 : lr / correction1;
        double scale = keras ? 1.0 : 1.0 / sqrtCorrection2;
        // large matrices are split over the cores (elementwise: the same bits either way)
        loop.set(param, grad, ms, vs, amsgrad ? slots.get("vhat") : null, step, scale, beta1, beta2, epsilon);
        ParallelRange.run(param.length, loop);
        loop.clear();
    }

    private final Loop loop = new Loop();

    /** The Adam update over a range, its operands in fields so that a step allocates nothing. */
    private static final class Loop implements ParallelRange.Body {
        private float[] param;
        private float[] grad;
        private float[] ms;
        private float[] vs;
        private float[] vhats;
        private float step;
        private float scale;
        private float b1;
        private float b2;
        private float c1;
        private float c2;
        private float eps;

        @SuppressWarnings("checkstyle:ParameterNumber")
        void set(float[] param, float[] grad, float[] ms, float[] vs, float[] vhats, double step, double scale,
                 double beta1, double beta2, double eps) {
            this.param = param;
            this.grad = grad;
            this.ms = ms;
            this.vs = vs;
            this.vhats = vhats;
            this.step = (float) step;
            this.scale = (float) scale;
            this.b1 = (float) beta1;
            this.b2 = (float) beta2;
            this.c1 = (float) (1 - beta1);   // 1 − β1 in double, then rounded once
            this.c2 = (float) (1 - beta2);
            this.eps = (float) eps;
        }

        void clear() {
            param = null;
            grad = null;
            ms = null;
            vs = null;
            vhats = null;
        }

        @Override
        public void run(int lo, int hi) {
            float[] p = param;
            float[] gr = grad;
            float[] m1 = ms;
            float[] m2 = vs;
            float[] vh = vhats;
            float st = step;
            float sc = scale;
            float d1 = b1;
            float d2 = b2;
            float k1 = c1;
            float k2 = c2;
            float e = eps;
            // float only and one branch-free loop per form, so that C2 vectorizes it ((float)
            // Math.sqrt(float) is its single-precision square root); in double it would not
            // vectorize and ran ~10× slower
            if (vh == null) {
                for (int i = lo; i < hi; i++) {
                    float g = gr[i];
                    float m = d1 * m1[i] + k1 * g;
                    float v = d2 * m2[i] + k2 * g * g;
                    m1[i] = m;
                    m2[i] = v;
                    p[i] -= st * m / ((float) Math.sqrt(v) * sc + e);
                }
            } else {
                // AMSGrad: divide by the largest second moment seen so far
                for (int i = lo; i < hi; i++) {
                    float g = gr[i];
                    float m = d1 * m1[i] + k1 * g;
                    float v = d2 * m2[i] + k2 * g * g;
                    m1[i] = m;
                    m2[i] = v;
                    float vhat = Math.max(vh[i], v);
                    vh[i] = vhat;
                    p[i] -= st * m / ((float) Math.sqrt(vhat) * sc + e);
                }
            }
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad);
        config.put("epsilon_mode", epsilonMode.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    protected void readConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.number("beta_1", this::beta1);
        in.number("beta_2", this::beta2);
        in.number("epsilon", this::epsilon);
        in.bool("amsgrad", this::amsgrad);
        in.enumValue("epsilon_mode", EpsilonMode.class, this::epsilonMode);
    }
}
