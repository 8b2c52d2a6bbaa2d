package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Reductions;

/** Reductions over all elements or one axis, with their backward rules. */
final class ReduceOps {

    private static final int[] SCALAR = new int[0];

    private ReduceOps() {
    }

    static Tensor sumAll(Tensor x) {
        Tensor out = Graph.op("sum", SCALAR.clone(), o -> {
            double s = 0;
            for (float v : x.array()) {
                s += v;
            }
            o.array()[0] = (float) s;
        }, null, x);
        return Graph.record(out, "sum", g -> new Tensor[] {MathOps.broadcastTo(g, x.shape)}, x);
    }

    static Tensor sum(Tensor x, int axis, boolean keepDims) {
        int a = Shape.axis("sum", axis, x.shape.length);
        int[] kept = Shape.reduced(x.shape, a, true);
        Tensor out = Graph.op("sum", Shape.reduced(x.shape, a, keepDims), o -> Reductions.sum(x.array(),
                Shape.outer(x.shape, a), x.shape[a], Shape.inner(x.shape, a), o.array()), null, x);
        return Graph.record(out, "sum", g -> new Tensor[] {
                MathOps.broadcastTo(Graph.alias("reshape", g, kept, null), x.shape)}, x);
    }

    /** The mean of all elements, summed in double and divided once, so that it is finite whenever the exact mean is. */
    static Tensor meanAll(Tensor x) {
        int n = x.size();
        Tensor out = Graph.op("mean", SCALAR.clone(), o -> {
            double s = 0;
            for (float v : x.array()) {
                s += v;
            }
            o.array()[0] = (float) (s / n);
        }, null, x);
        return Graph.record(out, "mean", g -> new Tensor[] {Graph.op("mean_backward", x.shape.clone(),
                dx -> java.util.Arrays.fill(dx.array(), g.array()[0] * (1f / n)), null, g)}, x);
    }

    /** The mean along one axis, summed in double (see {@link Reductions#mean}). */
    static Tensor mean(Tensor x, int axis, boolean keepDims) {
        int a = Shape.axis("mean", axis, x.shape.length);
        int n = x.shape[a];
        int[] kept = Shape.reduced(x.shape, a, true);
        Tensor out = Graph.op("mean", Shape.reduced(x.shape, a, keepDims), o -> Reductions.mean(x.array(),
                Shape.outer(x.shape, a), n, Shape.inner(x.shape, a), o.array()), null, x);
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
        String op = max ? "max" : "min";
        int a = Shape.axis(op, axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        int[] index = new int[outer * inner];   // filled by the forward kernel, read by the backward one
        Tensor out = Graph.op(op, Shape.reduced(x.shape, a, keepDims), o -> {
            float[] xs = x.array();
            Reductions.argExtreme(xs, outer, n, inner, max, index);
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
        int[] index = new int[1];
        Tensor out = Graph.op(max ? "max" : "min", SCALAR.clone(), o -> {
            Reductions.argExtreme(x.array(), 1, x.array().length, 1, max, index);
            o.array()[0] = x.array()[index[0]];
        }, null, x);
        return Graph.record(out, max ? "max" : "min", g -> new Tensor[] {Graph.op((max ? "max" : "min") + "_backward",
                x.shape.clone(), dx -> {
            java.util.Arrays.fill(dx.array(), 0f);
            dx.array()[index[0]] = g.array()[0];
        }, null, g)}, x);
    }

    static Tensor argmaxAll(Tensor x) {
        int[] index = new int[1];
        return Graph.op("argmax", SCALAR.clone(), o -> {
            Reductions.argExtreme(x.array(), 1, x.array().length, 1, true, index);
            o.array()[0] = index[0];
        }, null, x);
    }

    static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        int a = Shape.axis("argmax", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int inner = Shape.inner(x.shape, a);
        int[] index = new int[outer * inner];
        return Graph.op("argmax", Shape.reduced(x.shape, a, keepDims), o -> {
            Reductions.argExtreme(x.array(), outer, x.shape[a], inner, true, index);
            for (int i = 0; i < index.length; i++) {
                o.array()[i] = index[i];
            }
        }, null, x);
    }
}
