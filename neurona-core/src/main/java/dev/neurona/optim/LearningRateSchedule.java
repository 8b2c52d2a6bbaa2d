package dev.neurona.optim;

import dev.neurona.names.Registry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learning rate as a function of the step: the number of updates applied before the one
 * that uses it (0 for the first update), as Keras's {@code LearningRateSchedule}.
 *
 * <pre>{@code
 * Optimizer adam = new Adam().learningRate(new CosineDecay(1e-3, 10_000).warmup(1e-2, 500));
 * }</pre>
 *
 * <p>Schedules are immutable values; their {@link #config()} round-trips through
 * {@link #fromConfig(Map)} and is stored in the optimizer's config under {@code "learning_rate"}.
 */
@Registry.Kind(noun = "learning rate schedule", plural = "learning rate schedules", builtins = Optimizers.class,
        exactNames = true)
public interface LearningRateSchedule {

    /** The learning rate for the update that follows {@code step} earlier updates. */
    double learningRate(long step);

    /** {@code {"class_name": "ExponentialDecay", "config": {...}}}, as Keras serializes schedules. */
    Map<String, Object> config();

    /**
     * Rebuilds a schedule from {@link #config()}: {@code class_name} is looked up in the
     * {@link dev.neurona.names.Registry} (the built-in schedules, registered by {@link Optimizers}, and
     * a user's registered ones), whose factory gets the inner {@code config}.
     *
     * @throws IllegalArgumentException for an unknown {@code class_name} (listing the known ones) or a bad value
     */
    static LearningRateSchedule fromConfig(Map<String, Object> config) {
        dev.neurona.names.ConfigKeys c = dev.neurona.names.ConfigKeys.of(config).only("class_name", "config");
        String name = c.string("class_name");
        Map<String, Object> values = c.object("config");
        try {
            return dev.neurona.names.Registry.fromConfig(LearningRateSchedule.class, "class_name", name, values);
        } catch (dev.neurona.names.ConfigException e) {
            throw e.path().equals("class_name") ? e : e.within("config");
        }
    }

    /** Wraps a schedule's own values as {@code {"class_name": ..., "config": ...}}. */
    static Map<String, Object> wrap(String className, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", className);
        out.put("config", values);
        return out;
    }
}
