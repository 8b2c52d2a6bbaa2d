package dev.neurona.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's norm constraints, one formula: each slice along {@code axis} is scaled by
 * {@code desired(‖w‖) / (ε + ‖w‖)}, with {@code desired} = {@code clip(‖w‖, 0, max)} (max_norm),
 * 1 (unit_norm) or {@code rate·clip(‖w‖, min, max) + (1 − rate)·‖w‖} (min_max_norm). Norms are
 * summed in double over a strided walk, so nothing is allocated.
 */
final class NormConstraint implements Constraint {

    /** Keras's {@code backend.epsilon()}. */
    static final double EPSILON = 1e-7;

    private final String name;
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int axis;

    private NormConstraint(String name, double minValue, double maxValue, double rate, int axis) {
        if (!(minValue >= 0) || !(maxValue >= minValue) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException(name + ": need 0 ≤ min_value ≤ max_value, finite, got min_value="
                    + minValue + ", max_value=" + maxValue);
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + ": rate must be in [0, 1], got " + rate);
        }
        this.name = name;
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axis = axis;
    }

    static NormConstraint maxNorm(double maxValue, int axis) {
        return new NormConstraint("max_norm", 0, maxValue, 1, axis);
    }

    static NormConstraint unitNorm(int axis) {
        return new NormConstraint("unit_norm", 1, 1, 1, axis);
    }

    static NormConstraint minMaxNorm(double minValue, double maxValue, double rate, int axis) {
        return new NormConstraint("min_max_norm", minValue, maxValue, rate, axis);
    }

    @Override
    public void check(int[] shape) {
        int rank = Math.max(1, shape.length);
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException(name + ": axis " + axis + " is outside a weight of rank " + rank
                    + " (shape " + java.util.Arrays.toString(shape) + "): the axis must be in [" + (-rank) + ", "
                    + (rank - 1) + "]");
        }
    }

    @Override
    public void apply(float[] values, int[] shape) {
        check(shape);
        int a = shape.length == 0 ? 0 : (axis < 0 ? axis + shape.length : axis);
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < a; d++) {
            outer *= shape[d];
        }
        for (int d = a + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int n = shape.length == 0 ? 1 : shape[a];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < inner; k++) {
                int start = o * n * inner + k;
                double squares = 0;
                for (int i = 0, at = start; i < n; i++, at += inner) {
                    squares += (double) values[at] * values[at];
                }
                double norm = Math.sqrt(squares);
                double scale = desired(norm) / (EPSILON + norm);
                for (int i = 0, at = start; i < n; i++, at += inner) {
                    values[at] = (float) (values[at] * scale);
                }
            }
        }
    }

    private double desired(double norm) {
        return switch (name) {
            case "unit_norm" -> 1;
            case "max_norm" -> Math.min(norm, maxValue);
            default -> rate * Math.min(Math.max(norm, minValue), maxValue) + (1 - rate) * norm;
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        switch (name) {
            case "max_norm" -> c.put("max_value", maxValue);
            case "min_max_norm" -> {
                c.put("min_value", minValue);
                c.put("max_value", maxValue);
                c.put("rate", rate);
            }
            default -> {
            }
        }
        c.put("axis", axis);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormConstraint c && c.name.equals(name) && c.minValue == minValue && c.maxValue == maxValue
                && c.rate == rate && c.axis == axis;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, minValue, maxValue, rate, axis);
    }

    @Override
    public String toString() {
        return name + config();
    }
}
