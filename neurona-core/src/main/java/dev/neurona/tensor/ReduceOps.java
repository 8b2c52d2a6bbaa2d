package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Reductions;

/** Reductions over all elements or one axis, with their backward rules. */
final class ReduceOps {

    private ReduceOps() {
    }

    static Tensor sumAll(Tensor x) {
        double s = 0;
        for (float v : x.data) {
            s += v;
        }
        Tensor out = new Tensor(new float[] {(float) s}, new int[0]);
        return Graph.record(out, "sum", g -> new Tensor[] {MathOps.broadcastTo(g, x.shape)}, x);
    }

    static Tensor sum(Tensor x, int axis, boolean keepDims) {
        int a = Shape.axis("sum", axis, x.shape.length);
        int[] kept = Shape.reduced(x.shape, a, true);
        Tensor out = Graph.empty(Shape.reduced(x.shape, a, keepDims));
        Reductions.sum(x.data, Shape.outer(x.shape, a), x.shape[a], Shape.inner(x.shape, a), out.data);
        return Graph.record(out, "sum", g -> new Tensor[] {
                MathOps.broadcastTo(new Tensor(g.data, kept), x.shape)}, x);
    }

    /** The mean of all elements, summed in double and divided once, so that it is finite whenever the exact mean is. */
    static Tensor meanAll(Tensor x) {
        double s = 0;
        for (float v : x.data) {
            s += v;
        }
        int n = x.data.length;
        Tensor out = new Tensor(new float[] {(float) (s / n)}, new int[0]);
        return Graph.record(out, "mean", g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            java.util.Arrays.fill(dx.data, g.data[0] * (1f / n));
            return new Tensor[] {dx};
        }, x);
    }

    /** The mean along one axis, summed in double (see {@link Reductions#mean}). */
    static Tensor mean(Tensor x, int axis, boolean keepDims) {
        int a = Shape.axis("mean", axis, x.shape.length);
        int n = x.shape[a];
        int[] kept = Shape.reduced(x.shape, a, true);
        Tensor out = Graph.empty(Shape.reduced(x.shape, a, keepDims));
        Reductions.mean(x.data, Shape.outer(x.shape, a), n, Shape.inner(x.shape, a), out.data);
        return Graph.record(out, "mean", g -> {
            Tensor scaled = Graph.empty(kept);
            float inv = 1f / n;
            for (int i = 0; i < scaled.data.length; i++) {
                scaled.data[i] = g.data[i] * inv;
            }
            return new Tensor[] {MathOps.broadcastTo(scaled, x.shape)};
        }, x);
    }

    static Tensor extreme(Tensor x, int axis, boolean keepDims, boolean max) {
        String op = max ? "max" : "min";
        int a = Shape.axis(op, axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        int[] index = new int[outer * inner];
        Reductions.argExtreme(x.data, outer, n, inner, max, index);
        Tensor out = Graph.empty(Shape.reduced(x.shape, a, keepDims));
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out.data[o * inner + i] = x.data[(o * n + index[o * inner + i]) * inner + i];
            }
        }
        return Graph.record(out, op, g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    dx.data[(o * n + index[o * inner + i]) * inner + i] = g.data[o * inner + i];
                }
            }
            return new Tensor[] {dx};
        }, x);
    }

    static Tensor extremeAll(Tensor x, boolean max) {
        int[] index = new int[1];
        Reductions.argExtreme(x.data, 1, x.data.length, 1, max, index);
        int at = index[0];
        Tensor out = new Tensor(new float[] {x.data[at]}, new int[0]);
        return Graph.record(out, max ? "max" : "min", g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            dx.data[at] = g.data[0];
            return new Tensor[] {dx};
        }, x);
    }

    static Tensor argmaxAll(Tensor x) {
        int[] index = new int[1];
        Reductions.argExtreme(x.data, 1, x.data.length, 1, true, index);
        return new Tensor(new float[] {index[0]}, new int[0]);
    }

    static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        int a = Shape.axis("argmax", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int inner = Shape.inner(x.shape, a);
        int[] index = new int[outer * inner];
        Reductions.argExtreme(x.data, outer, x.shape[a], inner, true, index);
        Tensor out = Graph.empty(Shape.reduced(x.shape, a, keepDims));
        for (int i = 0; i < index.length; i++) {
            out.data[i] = index[i];
        }
        return out;
    }
}
