package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.names.Registry;
import dev.neurona.tensor.Tensor;
import java.util.Map;

/**
 * A projection applied to a weight after each optimizer update, as Keras's
 * {@code kernel_constraint}/{@code bias_constraint} are: {@link Constraints#maxNorm max_norm},
 * {@link Constraints#nonNeg non_neg}, {@link Constraints#unitNorm unit_norm},
 * {@link Constraints#minMaxNorm min_max_norm}, or a user's own registered with
 * {@link Registry#register}.
 *
 * <p>{@link #apply} runs at every training step on the weight's values in place (through
 * {@code Tensor.onHost}), so it must allocate nothing.
 */
@Registry.Kind(noun = "constraint", plural = "constraints", builtins = Constraints.class)
public interface Constraint {

    /**
     * Projects {@code values}, a weight of {@code shape} in row-major order, in place.
     *
     * @throws IllegalArgumentException when the constraint does not fit the shape (an axis beyond its rank)
     */
    void apply(float[] values, int[] shape);

    /**
     * Checks that the constraint fits weights of {@code shape} (an axis within the rank), so that
     * a layer fails when it is built, not at its first update.
     *
     * @throws IllegalArgumentException naming the parameter otherwise
     */
    default void check(int[] shape) {
    }

    /** The Keras identifier, such as {@code "max_norm"}. */
    String name();

    /** {@code name} plus parameters, enough for {@link #fromConfig(Map)} to rebuild an equal constraint. */
    default Map<String, Object> config() {
        return Map.of("name", name());
    }

    /** A projected copy of {@code w} (for tests and inspection; training projects in place). */
    default Tensor projected(Tensor w) {
        float[] values = w.toArray();
        check(w.shape());
        apply(values, w.shape());
        return Tensor.of(values, w.shape());
    }

    /**
     * Rebuilds a constraint from {@link #config()}: the one its {@code name} names in the {@link Registry}.
     *
     * @throws dev.neurona.names.ConfigException naming a missing, bad or unknown key, or an unknown name
     */
    static Constraint fromConfig(Map<String, Object> config) {
        return Registry.fromConfig(Constraint.class, "name", ConfigKeys.of(config).string("name"), config);
    }
}
