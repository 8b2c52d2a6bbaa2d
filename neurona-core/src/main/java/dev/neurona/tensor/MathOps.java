package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Broadcasting;
import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;

/** Elementwise arithmetic primitives with broadcasting, each with its backward beside it. */
final class MathOps {

    private MathOps() {
    }

    /** The elementwise kernel {@code kernel} as an op without a gradient (the primitives below add theirs). */
    static Tensor binary(String op, BinaryOp kernel, Tensor a, Tensor b) {
        int[] shape = java.util.Arrays.equals(a.shape, b.shape) ? a.shape.clone() : Shape.broadcast(op, a.shape, b.shape);
        // two scalars: the kernel's arrays are rank 1, a scalar's data is one value
        boolean scalar = shape.length == 0;
        int[] kernelShape = scalar ? SCALAR_AS_VECTOR : shape;
        int[] aShape = scalar ? SCALAR_AS_VECTOR : a.shape;
        int[] bShape = scalar ? SCALAR_AS_VECTOR : b.shape;
        Broadcasting.Plan plan = new Broadcasting.Plan(aShape, bShape, kernelShape);
        return Graph.op(op, shape, out -> plan.binary(kernel, a.array(), b.array(), out.array()), null,
                kernel == BinaryOp.ADD && isRowOf(b, a, shape) ? new Fusible.RowBias(a.storage, b.storage,
                        shape[shape.length - 1]) : null, a, b);
    }

    /** Whether {@code row} is one row added to every row of {@code full} (a bias): {@code [n]} or {@code [1, …, n]}. */
    private static boolean isRowOf(Tensor row, Tensor full, int[] shape) {
        int rank = shape.length;
        return rank >= 2 && java.util.Arrays.equals(full.shape, shape) && row.shape.length >= 1
                && row.shape[row.shape.length - 1] == shape[rank - 1] && row.size() == shape[rank - 1];
    }

    private static final int[] SCALAR_AS_VECTOR = {1};

    /** Sums a gradient of the broadcast shape back to {@code shape}. */
    static Tensor reduceTo(Tensor g, int[] shape) {
        if (java.util.Arrays.equals(g.shape, shape)) {
            return g;
        }
        Broadcasting.Plan plan = shape.length == 0 ? null : new Broadcasting.Plan(shape, shape, g.shape);
        int cols = g.shape.length == 0 ? 0 : g.shape[g.shape.length - 1];
        boolean columns = g.shape.length >= 2 && shape.length >= 1 && shape[shape.length - 1] == cols
                && Shape.size(shape) == cols;
        return Graph.op("reduce_to", shape.clone(), out -> {
            if (plan == null) {
                float s = 0f;
                for (float v : g.array()) {
                    s += v;
                }
                out.array()[0] = s;
            } else {
                plan.reduce(g.array(), out.array());
            }
        }, null, columns ? new Fusible.ColumnSum(g.storage, cols) : null, g);
    }

    static Tensor add(Tensor a, Tensor b) {
        Tensor out = binary("add", BinaryOp.ADD, a, b);
        return Graph.record(out, "add", g -> new Tensor[] {
                a.requiresGrad ? reduceTo(g, a.shape) : null,
                b.requiresGrad ? reduceTo(g, b.shape) : null}, a, b);
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = binary("sub", BinaryOp.SUB, a, b);
        return Graph.record(out, "sub", g -> new Tensor[] {
                a.requiresGrad ? reduceTo(g, a.shape) : null,
                b.requiresGrad ? reduceTo(neg(g), b.shape) : null}, a, b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binary("mul", BinaryOp.MUL, a, b);
        return Graph.record(out, "mul", g -> new Tensor[] {
                a.requiresGrad ? reduceTo(binary("mul", BinaryOp.MUL, g, b), a.shape) : null,
                b.requiresGrad ? reduceTo(binary("mul", BinaryOp.MUL, g, a), b.shape) : null}, a, b);
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = binary("div", BinaryOp.DIV, a, b);
        return Graph.record(out, "div", g -> {
            Tensor gOverB = binary("div", BinaryOp.DIV, g, b);
            return new Tensor[] {
                    a.requiresGrad ? reduceTo(gOverB, a.shape) : null,
                    // d(a/b)/db = −(a/b)/b = −out/b
                    b.requiresGrad ? reduceTo(neg(binary("mul", BinaryOp.MUL, gOverB, out)), b.shape) : null};
        }, a, b);
    }

    static Tensor maximum(Tensor a, Tensor b) {
        return extreme("maximum", BinaryOp.MAX, BinaryOp.GT, a, b);
    }

    static Tensor minimum(Tensor a, Tensor b) {
        return extreme("minimum", BinaryOp.MIN, BinaryOp.LT, a, b);
    }

    /** maximum/minimum: the gradient goes to the winning side, half to each on a tie (as PyTorch). */
    private static Tensor extreme(String op, BinaryOp kernel, BinaryOp wins, Tensor a, Tensor b) {
        Tensor out = binary(op, kernel, a, b);
        return Graph.record(out, op, g -> {
            // the share of a: 1 where it wins, 0.5 on a tie
            Tensor share = binary(op, BinaryOp.ADD, binary(op, wins, a, b), binary(op, BinaryOp.MUL,
                    binary(op, BinaryOp.EQ, a, b), Tensor.scalar(0.5f)));
            Tensor ga = binary(op, BinaryOp.MUL, g, share);
            return new Tensor[] {
                    a.requiresGrad ? reduceTo(ga, a.shape) : null,
                    b.requiresGrad ? reduceTo(binary(op, BinaryOp.SUB, g, ga), b.shape) : null};
        }, a, b);
    }

    static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        return binary(op.name().toLowerCase(java.util.Locale.ROOT), op, a, b);
    }

    static Tensor broadcastTo(Tensor x, int[] shape) {
        int[] target = Shape.broadcast("broadcastTo", x.shape, shape);
        if (!java.util.Arrays.equals(target, shape)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shape.toString(x.shape)
                    + " cannot be broadcast to " + Shape.toString(shape));
        }
        Broadcasting.Plan plan = x.shape.length == 0 ? null : new Broadcasting.Plan(x.shape, x.shape, shape);
        return Graph.op("broadcastTo", shape, out -> {
            if (plan == null) {
                java.util.Arrays.fill(out.array(), x.array()[0]);
            } else {
                plan.expand(x.array(), out.array());
            }
        }, g -> new Tensor[] {reduceTo(g, x.shape)}, x);
    }

    // ------------------------------------------------------------ unary

    /** Applies {@code f} elementwise into a new tensor of {@code x}'s shape. */
    static Tensor map(String op, Tensor x, FloatUnary f) {
        return Graph.op(op, x.shape.clone(), out -> {
            float[] in = x.array();
            float[] o = out.array();
            for (int i = 0; i < o.length; i++) {
                o[i] = f.apply(in[i]);
            }
        }, null, x);
    }

    /** {@code g · f(x, y)} elementwise: a backward rule from the input and output values. */
    static Tensor chain(String op, Tensor g, Tensor x, Tensor y, FloatTernary derivative) {
        return Graph.op(op + "_backward", x.shape.clone(), out -> {
            float[] o = out.array();
            float[] gs = g.array();
            float[] xs = x.array();
            float[] ys = y.array();
            for (int i = 0; i < o.length; i++) {
                o[i] = gs[i] * derivative.apply(xs[i], ys[i]);
            }
        }, null, g, x, y);
    }

    /** A float function of one float. */
    @FunctionalInterface
    interface FloatUnary {
        float apply(float x);
    }

    /** The derivative of an elementwise function, from its input {@code x} and output {@code y}. */
    @FunctionalInterface
    interface FloatTernary {
        float apply(float x, float y);
    }

    /** An elementwise primitive: forward {@code f}, backward {@code g · f'(x, y)}. */
    static Tensor unary(String op, Tensor x, FloatUnary f, FloatTernary derivative) {
        Tensor y = map(op, x, f);
        return Graph.record(y, op, g -> new Tensor[] {chain(op, g, x, y, derivative)}, x);
    }

    static Tensor neg(Tensor x) {
        return unary("neg", x, v -> -v, (v, y) -> -1f);
    }

    static Tensor exp(Tensor x) {
        return unary("exp", x, v -> (float) Math.exp(v), (v, y) -> y);
    }

    static Tensor log(Tensor x) {
        return unary("log", x, v -> (float) Math.log(v), (v, y) -> 1f / v);
    }

    static Tensor sqrt(Tensor x) {
        return unary("sqrt", x, v -> (float) Math.sqrt(v), (v, y) -> 0.5f / y);
    }

    static Tensor square(Tensor x) {
        return unary("square", x, v -> v * v, (v, y) -> 2f * v);
    }

    static Tensor pow(Tensor x, float p) {
        return unary("pow", x, v -> (float) Math.pow(v, p),
                (v, y) -> p == 0f ? 0f : (float) (p * Math.pow(v, p - 1.0)));
    }

    static Tensor abs(Tensor x) {
        return unary("abs", x, Math::abs, (v, y) -> Math.signum(v));
    }

    static Tensor clamp(Tensor x, float min, float max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clamp: need min <= max, got min=" + min + ", max=" + max);
        }
        return unary("clamp", x, v -> Math.min(Math.max(v, min), max), (v, y) -> v >= min && v <= max ? 1f : 0f);
    }

    /** Clamps to tensor bounds: {@code t = x < min ? min : x}, then {@code t > max ? max : t}; ties keep {@code x}. */
    static Tensor clamp(Tensor x, Tensor min, Tensor max) {
        if (min == null || max == null) {
            throw new IllegalArgumentException("clamp: min and max must not be null");
        }
        Shape.broadcast("clamp", Shape.broadcast("clamp", x.shape, min.shape), max.shape);
        Tensor low = IndexOps.where(compare(BinaryOp.LT, x, min), min, x);
        return IndexOps.where(compare(BinaryOp.GT, low, max), max, low);
    }
}
