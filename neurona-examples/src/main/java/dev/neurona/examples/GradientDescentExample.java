package dev.neurona.examples;

import dev.neurona.tensor.Tensor;
import java.util.Locale;

/**
 * Gradient descent and the learning rate, on the one-dimensional loss
 * {@code f(w) = (w − 3)²} with its minimum at {@code w = 3}: repeat {@code w ← w − η·f'(w)},
 * here with {@code f'(w) = 2·(w − 3)} computed by autograd.
 *
 * <p>Each step multiplies the distance to the minimum by {@code 1 − 2η}, so the slide's three
 * regimes appear side by side: a too-small rate ({@code η = 0.02}) creeps towards 3 and is still
 * far away after 20 steps; a good rate ({@code η = 0.3}) gets there in a few steps; a too-large
 * rate ({@code η = 1.05}, factor −1.1) overshoots further each step, jumping from side to side,
 * and diverges.
 */
public final class GradientDescentExample {

    private GradientDescentExample() {
    }

    private static final double[] RATES = {0.02, 0.3, 1.05};
    private static final int STEPS = 20;

    public static void main(String[] args) {
        System.out.println("Gradient descent on f(w) = (w - 3)^2 from w = 0");
        StringBuilder rates = new StringBuilder("    ");
        StringBuilder columns = new StringBuilder("step");
        for (double eta : RATES) {
            rates.append(String.format(Locale.ROOT, " | %-21s", "eta = " + eta));
            columns.append(String.format(Locale.ROOT, " | %10s %10s", "w", "f(w)"));
        }
        System.out.println(rates);
        System.out.println(columns);

        float[] w = new float[RATES.length];   // every run starts at w = 0
        for (int step = 0; step <= STEPS; step++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%4d", step));
            for (int r = 0; r < RATES.length; r++) {
                row.append(String.format(Locale.ROOT, " | %10.4f %10.4f", w[r], loss(Tensor.scalar(w[r])).item()));
            }
            System.out.println(row);
            for (int r = 0; r < RATES.length; r++) {
                w[r] = step(w[r], RATES[r]);
            }
        }

        System.out.println();
        for (int r = 0; r < RATES.length; r++) {
            double distance = Math.abs(w[r] - 3);
            String verdict = distance > 3 ? "too large: diverges, |w - 3| grew from 3 to " + fmt(distance)
                    : distance > 0.1 ? "too small: still " + fmt(distance) + " from the minimum after " + STEPS + " steps"
                    : "good: converged to w = " + fmt(w[r]);
            System.out.println("eta = " + RATES[r] + ": " + verdict);
        }
    }

    /** The loss {@code (w − 3)²}. */
    static Tensor loss(Tensor w) {
        return w.sub(3f).square();
    }

    /** One step {@code w − η·f'(w)}, the derivative from autograd. */
    static float step(float w, double eta) {
        Tensor param = Tensor.scalar(w).requiresGrad(true);
        loss(param).backward();
        return (float) (w - eta * param.grad().item());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
