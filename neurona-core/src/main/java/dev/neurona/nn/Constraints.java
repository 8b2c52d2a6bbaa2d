package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import java.util.function.Function;

/**
 * Keras's weight constraints, as objects and (through {@link Registry}, where this class
 * registers them) by name:
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(Constraints.maxNorm(3));   // every unit's incoming weights of norm ≤ 3
 * }</pre>
 *
 * <p>Norms are over {@code axis} (default 0: for a Dense kernel {@code [in, units]}, each unit's
 * column), with Keras's {@code epsilon} 1e-7 in the division.
 */
public final class Constraints {

    static {
        // one line per type: its name, its class and how a config builds it (missing parameters take Keras's defaults)
        builtin("max_norm", NormConstraint.class, c -> maxNorm(c.only("name", "max_value", "axis").number("max_value", 2, 0,
                Float.MAX_VALUE), axis(c)), "maxnorm");
        builtin("non_neg", NonNeg.class, c -> {
            c.only("name");
            return nonNeg();
        }, "nonneg");
        builtin("unit_norm", NormConstraint.class, c -> unitNorm(axis(c.only("name", "axis"))), "unitnorm");
        builtin("min_max_norm", NormConstraint.class, c -> minMaxNorm(
                c.only("name", "min_value", "max_value", "rate", "axis").number("min_value", 0, 0, Float.MAX_VALUE),
                c.number("max_value", 1, 0, Float.MAX_VALUE), c.number("rate", 1, 0, 1), axis(c)), "minmaxnorm");
    }

    private Constraints() {
    }

    /** Columns (axis 0) of norm at most 2. */
    public static Constraint maxNorm() {
        return maxNorm(2, 0);
    }

    /** Columns (axis 0) of norm at most {@code maxValue}. */
    public static Constraint maxNorm(double maxValue) {
        return maxNorm(maxValue, 0);
    }

    /** Slices along {@code axis} of norm at most {@code maxValue}: {@code w · clip(‖w‖, 0, max) / (ε + ‖w‖)}. */
    public static Constraint maxNorm(double maxValue, int axis) {
        return NormConstraint.maxNorm(maxValue, axis);
    }

    /** Negative weights set to zero. */
    public static Constraint nonNeg() {
        return NonNeg.INSTANCE;
    }

    /** Columns (axis 0) of unit norm. */
    public static Constraint unitNorm() {
        return unitNorm(0);
    }

    /** Slices along {@code axis} of unit norm: {@code w / (ε + ‖w‖)}. */
    public static Constraint unitNorm(int axis) {
        return NormConstraint.unitNorm(axis);
    }

    /** Columns (axis 0) of norm in [0, 1]. */
    public static Constraint minMaxNorm() {
        return minMaxNorm(0, 1, 1, 0);
    }

    /**
     * Slices along {@code axis} moved towards norms in {@code [minValue, maxValue]} at {@code rate}:
     * {@code w · (rate·clip(‖w‖, min, max) + (1 − rate)·‖w‖) / (ε + ‖w‖)}.
     */
    public static Constraint minMaxNorm(double minValue, double maxValue, double rate, int axis) {
        return NormConstraint.minMaxNorm(minValue, maxValue, rate, axis);
    }

    @SuppressWarnings("unchecked")
    private static void builtin(String name, Class<? extends Constraint> type, Function<ConfigKeys, Constraint> build,
            String... aliases) {
        Registry.register(name, (Class<Constraint>) type, config -> build.apply(ConfigKeys.of(config)), aliases);
    }

    private static int axis(ConfigKeys c) {
        return (int) c.integer("axis", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Hands {@code p} (once it exists) the projection of {@code c}, made once, so that each step's
     * call allocates nothing; {@code null} removes it. A constraint that does not fit the weight's
     * shape fails naming {@code label} (the layer).
     */
    static void bind(String label, dev.neurona.tensor.Parameter p, Constraint c) {
        if (p == null) {
            return;
        }
        if (c == null) {
            p.constraint(null);
            return;
        }
        int[] shape = p.shape();
        try {
            c.check(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
        p.constraint(values -> c.apply(values, shape));
    }
}
