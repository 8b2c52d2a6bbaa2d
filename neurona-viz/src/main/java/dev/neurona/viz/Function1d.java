package dev.neurona.viz;

import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * A loss of one weight for {@link Plots#learningRates}: its formula on tensors (autograd gives the
 * slope), the interval to draw and the start weight.
 */
public record Function1d(String name, UnaryOperator<Tensor> formula, double min, double max, double start) {

    public Function1d {
        if (name == null || formula == null) {
            throw new IllegalArgumentException("Function1d: name and formula are required");
        }
        if (!(min < max) || !(start >= min && start <= max)) {
            throw new IllegalArgumentException("Function1d: need min < max and start within, got [" + min + ", "
                    + max + "], start " + start);
        }
    }

    /** The value at {@code w}. */
    public double valueAt(double w) {
        try (NoGrad ignored = NoGrad.enter()) {
            return formula.apply(Tensor.of((float) w)).toArray()[0];
        }
    }

    /**
     * The parabola {@code w²} on [−2, 2] from {@code w = 1.6}: each step multiplies {@code w} by
     * {@code 1 − 2η}, so η = 0.05 crawls, η = 0.4 converges in a few steps, and η above 1 diverges.
     */
    public static Function1d parabola() {
        return new Function1d("w\u00b2", Tensor::square, -2, 2, 1.6);
    }
}
