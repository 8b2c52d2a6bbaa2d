package dev.neurona.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay with optional linear warmup (Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient
 * Descent with Warm Restarts", ICLR 2017; Goyal et al., "Accurate, Large Minibatch SGD", 2017),
 * as Keras 3's {@code CosineDecay}.
 *
 * <p>Without warmup: {@code lr(s) = initial · ((1 − alpha) · ½(1 + cos(π · min(s, decaySteps) / decaySteps)) + alpha)}.
 * With {@link #warmup(double, long) warmup(target, warmupSteps)}: for {@code s < warmupSteps} the
 * rate rises linearly, {@code initial + (target − initial) · s / warmupSteps}; afterwards it is
 * the cosine decay from {@code target} over {@code s − warmupSteps}. The rate ends at
 * {@code alpha} times the rate it decays from and stays there.
 *
 * <pre>{@code
 * new CosineDecay(0.0, 9000).warmup(1e-3, 1000)   // 0 → 1e-3 in 1000 steps, then down to 0 in 9000
 * }</pre>
 *
 * @param warmupTarget the rate reached at the end of warmup, or {@code null} for no warmup
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget,
        long warmupSteps) implements LearningRateSchedule {

    /** Validates all values. */
    public CosineDecay {
        String owner = "CosineDecay";
        Check.nonNegative(owner, "initial learning rate", initialLearningRate);
        Check.positive(owner, "decay steps", decaySteps);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException(owner + ": alpha must be in [0, 1], got " + alpha);
        }
        if (warmupTarget != null) {
            Check.positive(owner, "warmup target", warmupTarget);
        }
        Check.nonNegative(owner, "warmup steps", warmupSteps);
        if (warmupTarget == null && warmupSteps != 0) {
            throw new IllegalArgumentException(owner + ": warmup steps need a warmup target, got warmup steps "
                    + warmupSteps + " and no target");
        }
    }

    /** Decays from {@code initialLearningRate} to 0 in {@code decaySteps}, without warmup. */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0, null, 0);
    }

    /** The same schedule, ending at {@code alpha} times the rate it decays from. */
    public CosineDecay alpha(double alpha) {
        return new CosineDecay(initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps);
    }

    /** The same schedule, rising linearly to {@code target} over {@code steps} before it decays. */
    public CosineDecay warmup(double target, long steps) {
        return new CosineDecay(initialLearningRate, decaySteps, alpha, target, steps);
    }

    @Override
    public double learningRate(long step) {
        if (warmupTarget == null) {
            return decay(Math.min(step, decaySteps), initialLearningRate);
        }
        long s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return initialLearningRate + (warmupTarget - initialLearningRate) * s / warmupSteps;
        }
        return decay(s - warmupSteps, warmupTarget);
    }

    private double decay(long step, double from) {
        double cosine = 0.5 * (1 + Math.cos(Math.PI * step / decaySteps));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("initial_learning_rate", initialLearningRate);
        values.put("decay_steps", decaySteps);
        values.put("alpha", alpha);
        values.put("warmup_target", warmupTarget);
        values.put("warmup_steps", warmupSteps);
        return LearningRateSchedule.wrap("CosineDecay", values);
    }

    static CosineDecay fromConfig(Map<String, Object> values) {
        ConfigReader in = new ConfigReader("CosineDecay", values);
        in.rejectUnknown(java.util.Set.of("initial_learning_rate", "decay_steps", "alpha", "warmup_target", "warmup_steps"));
        return new CosineDecay(in.number("initial_learning_rate"), in.integer("decay_steps"),
                in.has("alpha") ? in.number("alpha") : 0.0, in.optionalNumber("warmup_target"),
                in.has("warmup_steps") ? in.integer("warmup_steps") : 0);
    }
}
