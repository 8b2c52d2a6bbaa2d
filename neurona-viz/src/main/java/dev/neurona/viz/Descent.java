package dev.neurona.viz;

import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a real {@link Optimizer} on a test function: the point is a {@link Parameter}, its gradient
 * comes from autograd through the function's formula, and {@link Optimizer#step} moves it, exactly
 * as in training.
 */
final class Descent {

    private Descent() {
    }

    /**
     * The points visited, start included: {@code {xs, ys}}. Stops early when the point stops being
     * finite or leaves the box by more than its own size (a diverging run).
     */
    static double[][] path(Function2d f, Optimizer optimizer, int steps) {
        Parameter p = new Parameter("point", Tensor.of((float) f.start().x(), (float) f.start().y()));
        Tensor ex = Tensor.of(1f, 0f);
        Tensor ey = Tensor.of(0f, 1f);
        Box box = f.box();
        Box far = new Box(2 * box.xMin() - box.xMax(), 2 * box.xMax() - box.xMin(),
                2 * box.yMin() - box.yMax(), 2 * box.yMax() - box.yMin());
        float[] at = new float[2];   // the point's values, copied out after each step into this one buffer
        p.copyTo(at, 0);
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {at[0], at[1]});
        for (int t = 0; t < steps; t++) {
            p.zeroGrad();
            f.formula().apply(p.mul(ex).sum(), p.mul(ey).sum()).backward();
            optimizer.step(List.of(p));
            p.copyTo(at, 0);
            double x = at[0];
            double y = at[1];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                break;
            }
            points.add(new double[] {x, y});
            if (!far.contains(x, y)) {
                break;
            }
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    /** Gradient descent on a function of one weight with the library's SGD: the weights visited. */
    static double[] path(Function1d f, Optimizer sgd, int steps) {
        Parameter w = new Parameter("w", Tensor.of((float) f.start()));
        double span = f.max() - f.min();
        List<Double> ws = new ArrayList<>();
        ws.add((double) w.item());
        for (int t = 0; t < steps; t++) {
            w.zeroGrad();
            f.formula().apply(w).sum().backward();
            sgd.step(List.of(w));
            double v = w.item();
            if (!Double.isFinite(v)) {
                break;
            }
            ws.add(v);
            if (Math.abs(v - f.start()) > 10 * span) {
                break;
            }
        }
        return ws.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
