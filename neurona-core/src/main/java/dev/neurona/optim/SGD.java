package dev.neurona.optim;

import dev.neurona.tensor.kernel.ParallelRange;
import java.util.List;
import java.util.Map;

/**
 * Gradient descent with optional momentum and Nesterov momentum.
 *
 * <p>Gradient descent, stochastic gradient descent and mini-batch gradient descent are all this
 * optimizer: they differ only in how many samples the gradient is averaged over (the whole
 * dataset, one, or a batch of n), which the training loop's batch size decides.
 *
 * <pre>
 * μ = 0:      θ ← θ − lr·g
 * μ &gt; 0:      v ← μ·v − lr·g;  θ ← θ + v             (Polyak, "Some methods of speeding up the
 *                                                      convergence of iteration methods", 1964)
 * nesterov:   v ← μ·v − lr·g;  θ ← θ + μ·v − lr·g     (Nesterov 1983, in the form of Sutskever et al.,
 *                                                      "On the importance of initialization and momentum
 *                                                      in deep learning", ICML 2013)
 * </pre>
 * This is Keras 3's form; PyTorch keeps {@code b = −v/lr} instead, which gives the same
 * parameters while the learning rate is constant. Keras's weight decay is decoupled (the
 * default); PyTorch's {@code weight_decay} is {@link WeightDecayMode#COUPLED}. The two agree
 * without momentum.
 *
 * <p>Defaults (Keras 3): lr 0.01, momentum 0, no Nesterov. Slot: {@code "momentum"} (only with momentum).
 *
 * <pre>{@code
 * new SGD(0.5).momentum(0.9).nesterov(true)
 * }</pre>
 */
public final class SGD extends Optimizer {

    /** Slot names, constant so that a step allocates nothing. */
    private static final List<String> MOMENTUM_SLOTS = List.of("momentum");
    private static final List<String> NO_SLOTS = List.of();

    private double momentum;
    private boolean nesterov;

    /** Keras 3 defaults: lr 0.01, no momentum. */
    public SGD() {
        this(0.01);
    }

    /** Plain gradient descent with step size {@code learningRate}. */
    public SGD(double learningRate) {
        super(learningRate);
    }

    /** Momentum μ in [0, 1]; 0 turns momentum off. */
    public SGD momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(owner() + ": momentum must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    /** Uses Nesterov's look-ahead momentum (only matters with momentum &gt; 0). */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /** The momentum μ. */
    public double momentum() {
        return momentum;
    }

    /** Whether Nesterov momentum is used. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected List<String> slotNames() {
        return momentum > 0 ? MOMENTUM_SLOTS : NO_SLOTS;
    }

    @Override
    public void update(float[] param, float[] grad, Slots slots, long t, double lr) {
        // In float (as PyTorch does for float32 parameters), so that C2 vectorizes the loops;
        // large matrices are split over the cores (elementwise: the same bits either way).
        loop.set(param, grad, momentum > 0 ? slots.get("momentum") : null, (float) momentum, (float) lr, nesterov);
        ParallelRange.run(param.length, loop);
        loop.clear();
    }

    private final Loop loop = new Loop();

    /** The update over a range, its operands in fields so that a step allocates nothing. */
    private static final class Loop implements ParallelRange.Body {
        private float[] param;
        private float[] grad;
        private float[] velocity;
        private float momentum;
        private float lr;
        private boolean nesterov;

        void set(float[] param, float[] grad, float[] velocity, float momentum, float lr, boolean nesterov) {
            this.param = param;
            this.grad = grad;
            this.velocity = velocity;
            this.momentum = momentum;
            this.lr = lr;
            this.nesterov = nesterov;
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
            float[] vel = velocity;
            float mu = momentum;
            float rate = lr;
            // one branch-free loop per form
            if (vel == null) {
                for (int i = lo; i < hi; i++) {
                    p[i] -= rate * g[i];
                }
            } else if (nesterov) {
                for (int i = lo; i < hi; i++) {
                    float v = mu * vel[i] - rate * g[i];
                    vel[i] = v;
                    p[i] += mu * v - rate * g[i];
                }
            } else {
                for (int i = lo; i < hi; i++) {
                    float v = mu * vel[i] - rate * g[i];
                    vel[i] = v;
                    p[i] += v;
                }
            }
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
    }

    @Override
    protected void readConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.number("momentum", this::momentum);
        in.bool("nesterov", this::nesterov);
    }
}
