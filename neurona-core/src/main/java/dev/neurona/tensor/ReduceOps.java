package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Kernels;

/** Reductions over all elements or one axis, with their backward rules. */
final class ReduceOps {

    private static final int[] SCALAR = new int[0];

    private ReduceOps() {
    }

    static Tensor sumAll(Tensor x) {
        Kernels k = Backend.kernels();
        Tensor out = Graph.op("sum", SCALAR.clone(), o -> k.sumAll(x.storage, o.storage), null, x);
        return Graph.record(out, "sum", g -> new Tensor[] {MathOps.broadcastTo(g, x.shape)}, x);
    }

    static Tensor sum(Tensor x, int axis, boolean keepDims) {
        Kernels k = Backend.kernels();
        int a = Shape.axis("sum", axis, x.shape.length);
        int[] kept = Shape.reduced(x.shape, a, true);
        Tensor out = Graph.op("sum", Shape.reduced(x.shape, a, keepDims), o -> k.sum(x.storage,
                Shape.outer(x.shape, a), x.shape[a], Shape.inner(x.shape, a), o.storage), null, x);
        return Graph.record(out, "sum", g -> new Tensor[] {
                MathOps.broadcastTo(Graph.alias("reshape", g, kept, null), x.shape)}, x);
    }

    /**
     * {@code Σ x²} as one primitive (an L2 penalty's): one pass in double with four accumulators
     * (independent additions, so the loop is not one long dependency chain), and a backward of
     * one pass, {@code 2·g·x}, instead of square, sum and broadcast ops over every weight.
     */
    static Tensor sumOfSquares(Tensor x) {
        Kernels k = Backend.kernels();
        Tensor out = Graph.op("sumOfSquares", SCALAR.clone(), o -> k.sumOfSquares(x.storage, o.storage), null, x);
        return Graph.record(out, "sumOfSquares", g -> new Tensor[] {Graph.op("sumOfSquares_backward", x.shape.clone(),
                dx -> k.sumOfSquaresBackward(g.storage, x.storage, dx.storage), null,
                new Fusible.SquaresGrad(g.storage, x.storage), g, x)}, x);
    }

    /** The mean of all elements, summed in double and divided once, so that it is finite whenever the exact mean is. */
    static Tensor meanAll(Tensor x) {
        Kernels k = Backend.kernels();
        Tensor out = Graph.op("mean", SCALAR.clone(), o -> k.meanAll(x.storage, o.storage), null, x);
        return Graph.record(out, "mean", g -> new Tensor[] {Graph.op("mean_backward", x.shape.clone(),
                dx -> k.meanAllBackward(g.storage, dx.storage), null, g)}, x);
    }

    /** The mean along one axis, summed in double (see {@link Reductions#mean}). */
    static Tensor mean(Tensor x, int axis, boolean keepDims) {
        Kernels k = Backend.kernels();
        int a = Shape.axis("mean", axis, x.shape.length);
        int n = x.shape[a];
        int[] kept = Shape.reduced(x.shape, a, true);
        int inner = Shape.inner(x.shape, a);
        double[] acc = inner == 1 ? null : new double[inner];
        Tensor out = Graph.op("mean", Shape.reduced(x.shape, a, keepDims), o -> k.mean(x.storage,
                Shape.outer(x.shape, a), n, inner, o.storage, acc), null, x);
        return Graph.record(out, "mean", g -> {
            float inv = 1f / n;
            Tensor scaled = Graph.op("mean_backward", kept, o -> {
                float[] gs = g.array();
                float[] s = o.array();
                for (int i = 0; i < s.length; i++) {
                    s[i] = gs[i] * inv;
                }
            }, null, g);
            return new Tensor[] {MathOps.broadcastTo(scaled, x.shape)};
        }, x);
    }

    static Tensor extreme(Tensor x, int axis, boolean keepDims, boolean max) {
        Kernels k = Backend.kernels();
        String op = max ? "max" : "min";
        int a = Shape.axis(op, axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        int[] index = new int[outer * inner];   // filled by the forward kernel, read by the backward one
        Tensor out = Graph.op(op, Shape.reduced(x.shape, a, keepDims), o -> {
            float[] xs = x.array();
            k.argExtreme(x.storage, outer, n, inner, max, index);
            for (int p = 0; p < outer; p++) {
                for (int i = 0; i < inner; i++) {
                    o.array()[p * inner + i] = xs[(p * n + index[p * inner + i]) * inner + i];
                }
            }
        }, null, x);
        return Graph.record(out, op, g -> new Tensor[] {Graph.op(op + "_backward", x.shape.clone(), dx -> {
            float[] d = dx.array();
            java.util.Arrays.fill(d, 0f);
            for (int p = 0; p < outer; p++) {
                for (int i = 0; i < inner; i++) {
                    d[(p * n + index[p * inner + i]) * inner + i] = g.array()[p * inner + i];
                }
            }
        }, null, g)}, x);
    }

    static Tensor extremeAll(Tensor x, boolean max) {
        Kernels k = Backend.kernels();
        int[] index = new int[1];
        Tensor out = Graph.op(max ? "max" : "min", SCALAR.clone(), o -> {
            k.argExtreme(x.storage, 1, x.array().length, 1, max, index);
            o.array()[0] = x.array()[index[0]];
        }, null, x);
        return Graph.record(out, max ? "max" : "min", g -> new Tensor[] {Graph.op((max ? "max" : "min") + "_backward",
                x.shape.clone(), dx -> {
            java.util.Arrays.fill(dx.array(), 0f);
            dx.array()[index[0]] = g.array()[0];
        }, null, g)}, x);
    }

    static Tensor argmaxAll(Tensor x) {
        Kernels k = Backend.kernels();
        int[] index = new int[1];
        return Graph.op("argmax", SCALAR.clone(), o -> {
            k.argExtreme(x.storage, 1, x.array().length, 1, true, index);
            o.array()[0] = index[0];
        }, null, x);
    }

    static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        Kernels k = Backend.kernels();
        int a = Shape.axis("argmax", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int inner = Shape.inner(x.shape, a);
        int[] index = new int[outer * inner];
        return Graph.op("argmax", Shape.reduced(x.shape, a, keepDims), o -> {
            k.argExtreme(x.storage, outer, x.shape[a], inner, true, index);
            for (int i = 0; i < index.length; i++) {
                o.array()[i] = index[i];
            }
        }, null, x);
    }

    // ------------------------------------------------------------ several axes

    /** The sum over {@code axes}, in double and rounded once. */
    static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        ReducedAxes r = new ReducedAxes("sum", x.shape, axes);
        double[] acc = new double[r.outputs];
        Tensor out = Graph.op("sum", r.shape(keepDims), o -> {
            r.sum(x.array(), acc);
            float[] os = o.array();
            for (int i = 0; i < os.length; i++) {
                os[i] = (float) acc[i];
            }
        }, null, x);
        return Graph.record(out, "sum", g -> new Tensor[] {Graph.op("sum_backward", x.shape.clone(),
                dx -> r.spread(g.array(), 1f, dx.array()), null, g)}, x);
    }

    /** The mean over {@code axes}, summed in double and divided once. */
    static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        ReducedAxes r = new ReducedAxes("mean", x.shape, axes);
        double[] acc = new double[r.outputs];
        int n = r.count;
        Tensor out = Graph.op("mean", r.shape(keepDims), o -> {
            r.sum(x.array(), acc);
            float[] os = o.array();
            for (int i = 0; i < os.length; i++) {
                os[i] = (float) (acc[i] / n);
            }
        }, null, x);
        float inv = 1f / n;
        return Graph.record(out, "mean", g -> new Tensor[] {Graph.op("mean_backward", x.shape.clone(),
                dx -> r.spread(g.array(), inv, dx.array()), null, g)}, x);
    }

    /**
     * The population variance over {@code axes} (divided by the count, ddof 0, as NumPy and
     * Keras; PyTorch's {@code var} divides by count − 1 by default): the mean, then the mean of
     * squared deviations, both in double. The gradient is {@code g · 2(x − mean)/n}.
     */
    static Tensor var(Tensor x, int[] axes, boolean keepDims) {
        ReducedAxes r = new ReducedAxes("var", x.shape, axes);
        double[] mean = new double[r.outputs];   // filled by the forward kernel, read by the backward
        double[] acc = new double[r.outputs];
        int n = r.count;
        Tensor out = Graph.op("var", r.shape(keepDims), o -> {
            float[] xs = x.array();
            r.sum(xs, mean);
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= n;
            }
            r.squaredDeviations(xs, mean, acc);
            float[] os = o.array();
            for (int i = 0; i < os.length; i++) {
                os[i] = (float) (acc[i] / n);
            }
        }, null, x);
        return Graph.record(out, "var", g -> new Tensor[] {Graph.op("var_backward", x.shape.clone(),
                dx -> r.deviationBackward(x.array(), mean, g.array(), 2.0 / n, dx.array()), null, x, g)}, x);
    }

    /**
     * {@code log Σ exp(x)} over {@code axes}, shifted by the maximum and summed in double, so
     * that it neither overflows nor loses the small terms ({@code [1e4, 1e4]} gives
     * {@code 1e4 + log 2}); an infinite maximum is the result itself. The gradient is
     * {@code g · exp(x − out)} (the softmax).
     */
    static Tensor logsumexp(Tensor x, int[] axes, boolean keepDims) {
        ReducedAxes r = new ReducedAxes("logsumexp", x.shape, axes);
        double[] max = new double[r.outputs];
        double[] acc = new double[r.outputs];
        Tensor out = Graph.op("logsumexp", r.shape(keepDims), o -> {
            float[] xs = x.array();
            r.max(xs, max);
            r.sumExp(xs, max, acc);
            float[] os = o.array();
            for (int i = 0; i < os.length; i++) {
                os[i] = Double.isInfinite(max[i]) ? (float) max[i] : (float) (max[i] + Math.log(acc[i]));
            }
        }, null, x);
        return Graph.record(out, "logsumexp", g -> new Tensor[] {Graph.op("logsumexp_backward", x.shape.clone(),
                dx -> r.expBackward(x.array(), out.array(), g.array(), dx.array()), null, x, out, g)}, x);
    }

    /** The running sum along {@code axis} (in double, as PyTorch on the CPU); the backward is the reversed running sum. */
    static Tensor cumsum(Tensor x, int axis) {
        if (x.shape.length == 0) {
            throw new IllegalArgumentException("cumsum: needs a tensor of rank 1 or more, got a scalar");
        }
        int a = Shape.axis("cumsum", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        double[] acc = new double[inner];
        Tensor out = Graph.op("cumsum", x.shape.clone(), o -> runningSum(x.array(), o.array(), outer, n, inner, acc,
                false), null, x);
        return Graph.record(out, "cumsum", g -> new Tensor[] {Graph.op("cumsum_backward", x.shape.clone(),
                dx -> runningSum(g.array(), dx.array(), outer, n, inner, acc, true), null, g)}, x);
    }

    /** {@code out[p, k, i] = Σ x[p, j, i]} over {@code j ≤ k}, or over {@code j ≥ k} when {@code reversed}. */
    private static void runningSum(float[] x, float[] out, int outer, int n, int inner, double[] acc, boolean reversed) {
        for (int p = 0; p < outer; p++) {
            java.util.Arrays.fill(acc, 0);
            for (int step = 0; step < n; step++) {
                int base = (p * n + (reversed ? n - 1 - step : step)) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[base + i];
                    out[base + i] = (float) acc[i];
                }
            }
        }
    }
}
