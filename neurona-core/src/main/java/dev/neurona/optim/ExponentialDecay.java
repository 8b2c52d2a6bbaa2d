package dev.neurona.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code lr(step) = initialLearningRate · decayRate^(step / decaySteps)}; with
 * {@link #staircase(boolean) staircase} the exponent is {@code floor(step / decaySteps)}, so
 * the rate drops in steps (Keras's {@code ExponentialDecay}).
 *
 * <pre>{@code
 * new ExponentialDecay(0.1, 1000, 0.96)          // 0.1 · 0.96^(step/1000)
 * new ExponentialDecay(0.1, 1000, 0.5).staircase(true)
 * }</pre>
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {

    /** Validates: positive initial rate and decay steps, positive decay rate. */
    public ExponentialDecay {
        Check.positive("ExponentialDecay", "initial learning rate", initialLearningRate);
        Check.positive("ExponentialDecay", "decay steps", decaySteps);
        Check.positive("ExponentialDecay", "decay rate", decayRate);
    }

    /** A smooth (not staircase) decay. */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    /** The same schedule, dropping only every {@code decaySteps} steps when {@code staircase}. */
    public ExponentialDecay staircase(boolean staircase) {
        return new ExponentialDecay(initialLearningRate, decaySteps, decayRate, staircase);
    }

    @Override
    public double learningRate(long step) {
        double exponent = (double) step / decaySteps;
        return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(exponent) : exponent);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("initial_learning_rate", initialLearningRate);
        values.put("decay_steps", decaySteps);
        values.put("decay_rate", decayRate);
        values.put("staircase", staircase);
        return LearningRateSchedule.wrap("ExponentialDecay", values);
    }

    static ExponentialDecay fromConfig(Map<String, Object> values) {
        ConfigReader in = new ConfigReader("ExponentialDecay", values);
        in.rejectUnknown(java.util.Set.of("initial_learning_rate", "decay_steps", "decay_rate", "staircase"));
        return new ExponentialDecay(in.number("initial_learning_rate"), in.integer("decay_steps"),
                in.number("decay_rate"), in.has("staircase") && in.bool("staircase"));
    }
}
