package dev.neurona.optim;

import dev.neurona.tensor.Parameter;
import java.util.List;

/**
 * Runs each updated parameter's {@link Parameter#constraint() constraint} after the optimizer's
 * update, as Keras applies {@code kernel_constraint}: on the values in place, allocating nothing.
 */
final class Projections {

    private Projections() {
    }

    /** Projects every parameter {@link Optimizer#step} just updated (trainable, with a gradient) that has a constraint. */
    static void apply(List<Parameter> parameters) {
        for (int n = 0; n < parameters.size(); n++) {
            Parameter p = parameters.get(n);
            if (p.trainable() && p.grad() != null && p.constraint() != null) {
                p.onHost(p.constraint());
            }
        }
    }
}
