package dev.neurona.examples;

import dev.neurona.tensor.Tensor;
import java.util.Locale;

/**
 * The lecture's worked backpropagation example: one tanh neuron feeding one sigmoid neuron,
 * <pre>
 *   net1 = w10 + w11·x1 + w12·x2     h = tanh(net1)
 *   net2 = w20 + w21·h               f = S(net2) = 1 / (1 + e^(−net2))
 *   e    = ½·(y − f)²
 * </pre>
 * The chain rule, written out by hand from the output back to the input, gives
 * <pre>
 *   δ2 = ∂e/∂net2 = −(y − f)·f·(1 − f)      ∂e/∂w20 = δ2        ∂e/∂w21 = δ2·h
 *   δ1 = ∂e/∂net1 = δ2·w21·(1 − h²)         ∂e/∂w10 = δ1        ∂e/∂w11 = δ1·x1     ∂e/∂w12 = δ1·x2
 * </pre>
 * The slide's point: backpropagation is nothing more than this bookkeeping, and autograd does
 * exactly the same. The example prints the forward values and the five partial derivatives,
 * by hand formula and by {@link Tensor#backward()}, side by side.
 *
 * <p>The numbers are those of the reference case {@code seed_backprop_example} (computed in
 * float64 by PyTorch); autograd here runs in float32, so the two columns agree to about 1e-8.
 */
public final class BackpropExample {

    private BackpropExample() {
    }

    // the example's numbers (weights, input, target)
    static final double W10 = 0.9200452361505783;
    static final double W11 = 0.6101210883701644;
    static final double W12 = 1.099268262011107;
    static final double W20 = 0.7844272685261686;
    static final double W21 = -0.26300073289377107;
    static final double X1 = 0.29504170470156704;
    static final double X2 = -0.5144541985084787;
    static final double Y = 0.8217584616578238;

    public static void main(String[] args) {
        // ---- forward and backward by hand (double precision)
        double net1 = W10 + W11 * X1 + W12 * X2;
        double h = Math.tanh(net1);
        double net2 = W20 + W21 * h;
        double f = 1 / (1 + Math.exp(-net2));
        double e = 0.5 * (Y - f) * (Y - f);
        double delta2 = -(Y - f) * f * (1 - f);
        double delta1 = delta2 * W21 * (1 - h * h);
        double[] byHand = {delta1, delta1 * X1, delta1 * X2, delta2, delta2 * h};

        // ---- the same with autograd: build the expression from tensors, call backward()
        Tensor w10 = param(W10);
        Tensor w11 = param(W11);
        Tensor w12 = param(W12);
        Tensor w20 = param(W20);
        Tensor w21 = param(W21);
        Tensor hT = w10.add(w11.mul((float) X1)).add(w12.mul((float) X2)).tanh();
        Tensor fT = w20.add(w21.mul(hT)).sigmoid();
        Tensor eT = fT.neg().add((float) Y).square().mul(0.5f);
        eT.backward();
        Tensor[] params = {w10, w11, w12, w20, w21};

        System.out.printf(Locale.ROOT, "x = (%.4f, %.4f), y = %.4f%n", X1, X2, Y);
        System.out.printf(Locale.ROOT, "w10 = %.4f, w11 = %.4f, w12 = %.4f, w20 = %.4f, w21 = %.4f%n", W10, W11, W12, W20, W21);
        System.out.println();
        System.out.println("forward pass");
        System.out.printf(Locale.ROOT, "  net1 = %.6f%n  h    = %.6f%n  net2 = %.6f%n  f    = %.6f%n  e    = %.6f"
                + "   (autograd: f = %.6f, e = %.6f)%n", net1, h, net2, f, e, fT.item(), eT.item());
        System.out.println();
        System.out.println("backward pass     by hand          autograd         difference");
        String[] names = {"de/dw10", "de/dw11", "de/dw12", "de/dw20", "de/dw21"};
        double worst = 0;
        for (int i = 0; i < names.length; i++) {
            double auto = params[i].grad().item();
            worst = Math.max(worst, Math.abs(auto - byHand[i]));
            System.out.printf(Locale.ROOT, "  %-12s  %15.10f  %15.10f  %10.2e%n", names[i], byHand[i], auto, auto - byHand[i]);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%s: the 5 derivatives by hand and by autograd %s (largest difference %.1e)%n",
                worst < 1e-6 ? "OK" : "MISMATCH", worst < 1e-6 ? "agree" : "differ", worst);
    }

    private static Tensor param(double value) {
        return Tensor.scalar((float) value).requiresGrad(true);
    }
}
