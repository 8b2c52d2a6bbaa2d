package dev.neurona.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A constant learning rate per range of steps (Keras's {@code PiecewiseConstantDecay}):
 * {@code values[0]} while {@code step <= boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after the last boundary.
 *
 * <pre>{@code
 * new PiecewiseConstantDecay(new long[] {1000, 2000}, new double[] {0.1, 0.01, 0.001})
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {

    private final long[] boundaries;
    private final double[] values;

    /**
     * @param boundaries strictly increasing steps
     * @param values one more than boundaries, each positive
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        String owner = "PiecewiseConstantDecay";
        Check.notNull(owner, "boundaries", boundaries);
        Check.notNull(owner, "values", values);
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException(owner + ": needs one more value than boundaries, got "
                    + boundaries.length + " boundaries " + Arrays.toString(boundaries) + " and " + values.length
                    + " values " + Arrays.toString(values));
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException(owner + ": boundaries must increase strictly, got "
                        + Arrays.toString(boundaries));
            }
        }
        for (double value : values) {
            Check.positive(owner, "every value", value);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    /** The boundaries (a copy). */
    public long[] boundaries() {
        return boundaries.clone();
    }

    /** The values (a copy). */
    public double[] values() {
        return values.clone();
    }

    @Override
    public double learningRate(long step) {
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) {
            i++;
        }
        return values[i];
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("boundaries", Arrays.stream(boundaries).boxed().toList());
        out.put("values", Arrays.stream(values).boxed().toList());
        return LearningRateSchedule.wrap("PiecewiseConstantDecay", out);
    }

    static PiecewiseConstantDecay fromConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader("PiecewiseConstantDecay", config);
        in.rejectUnknown(java.util.Set.of("boundaries", "values"));
        List<Double> b = in.numbers("boundaries");
        List<Double> v = in.numbers("values");
        long[] steps = new long[b.size()];
        for (int i = 0; i < steps.length; i++) {
            double d = b.get(i);
            if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                throw new dev.neurona.names.ConfigException("boundaries[" + i + "]",
                        "PiecewiseConstantDecay: must be a whole number of steps, got " + d);
            }
            steps[i] = (long) d;
        }
        return new PiecewiseConstantDecay(steps, v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiecewiseConstantDecay p && Arrays.equals(boundaries, p.boundaries)
                && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(boundaries) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PiecewiseConstantDecay" + config().get("config");
    }
}
