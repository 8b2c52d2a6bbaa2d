package dev.neurona.optim;

import java.util.LinkedHashMap;
import java.util.List;
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
public interface LearningRateSchedule {

    /** The learning rate for the update that follows {@code step} earlier updates. */
    double learningRate(long step);

    /** {@code {"class_name": "ExponentialDecay", "config": {...}}}, as Keras serializes schedules. */
    Map<String, Object> config();

    /**
     * Rebuilds a schedule from {@link #config()}.
     *
     * @throws IllegalArgumentException for an unknown {@code class_name} (listing the known ones) or a bad value
     */
    @SuppressWarnings("unchecked")
    static LearningRateSchedule fromConfig(Map<String, Object> config) {
        dev.neurona.names.ConfigKeys c = dev.neurona.names.ConfigKeys.of(config).only("class_name", "config");
        String name = c.string("class_name");
        Map<String, Object> values = c.object("config");
        try {
            return switch (name) {
                case "ExponentialDecay" -> ExponentialDecay.fromConfig(values);
                case "PiecewiseConstantDecay" -> PiecewiseConstantDecay.fromConfig(values);
                case "CosineDecay" -> CosineDecay.fromConfig(values);
                default -> throw new dev.neurona.names.ConfigException("class_name", "LearningRateSchedule: unknown "
                        + "class_name '" + name + "'; known are "
                        + List.of("ExponentialDecay", "PiecewiseConstantDecay", "CosineDecay"));
            };
        } catch (dev.neurona.names.ConfigException e) {
            throw e.path().equals("class_name") ? e : e.within("config");
        } catch (IllegalArgumentException e) {   // a value the schedule's constructor refused
            throw new dev.neurona.names.ConfigException("config", e.getMessage(), e);
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
