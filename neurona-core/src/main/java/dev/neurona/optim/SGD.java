package dev.neurona.optim;

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
        if (momentum == 0) {
            for (int i = 0; i < param.length; i++) {
                param[i] -= (float) (lr * grad[i]);
            }
            return;
        }
        float[] velocity = slots.get("momentum");
        for (int i = 0; i < param.length; i++) {
            double v = momentum * velocity[i] - lr * grad[i];
            velocity[i] = (float) v;
            param[i] += (float) (nesterov ? momentum * v - lr * grad[i] : v);
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
        if (in.has("momentum")) {
            momentum(in.number("momentum"));
        }
        if (in.has("nesterov")) {
            nesterov(in.bool("nesterov"));
        }
    }
}
