package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Broadcasting;
import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;
import dev.neurona.tensor.kernel.Kernels;
import dev.neurona.tensor.kernel.UnaryOp;

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
        Kernels k = Backend.kernels();
        Fusible fusible;
        if (kernel == BinaryOp.ADD && isRowOf(b, a, shape)) {
            fusible = new Fusible.RowBias(a.storage, b.storage, shape[shape.length - 1]);
        } else if (plan.rangeable()) {
            fusible = Fusible.Pointwise.of((out, from, to) -> k.binaryRange(kernel, plan, a.storage, b.storage, out,
                    from, to), Shape.size(shape));
        } else {
            fusible = null;
        }
        return Graph.op(op, shape, out -> k.binary(kernel, plan, a.storage, b.storage, out.storage), null, fusible, a, b);
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
        Kernels k = Backend.kernels();
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
                k.reduceTo(plan, g.storage, out.storage);
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
        Kernels k = Backend.kernels();
        return Graph.op("broadcastTo", shape, out -> {
            if (plan == null) {
                java.util.Arrays.fill(out.array(), x.array()[0]);
            } else {
                k.expand(plan, x.storage, out.storage);
            }
        }, g -> new Tensor[] {reduceTo(g, x.shape)}, x);
    }

    // ------------------------------------------------------------ unary

    /** The elementwise primitive {@code op} (parameters {@code p}, {@code q}): forward and backward through the kernels. */
    static Tensor unary(String name, Tensor x, UnaryOp op, float p, float q) {
        Kernels k = Backend.kernels();
        int n = x.size();
        Tensor y = Graph.op(name, x.shape.clone(), out -> k.unary(op, p, q, x.storage, out.storage, 0, n), null,
                Fusible.Pointwise.of((out, from, to) -> k.unary(op, p, q, x.storage, out, from, to), n), x);
        return Graph.record(y, name, g -> new Tensor[] {Graph.op(name + "_backward", x.shape.clone(),
                out -> k.unaryBackward(op, p, q, g.storage, x.storage, y.storage, out.storage, 0, n), null,
                Fusible.Pointwise.of((out, from, to) -> k.unaryBackward(op, p, q, g.storage, x.storage, y.storage, out,
                        from, to), n), g, x, y)}, x);
    }

    private static Tensor unary(String name, Tensor x, UnaryOp op) {
        return unary(name, x, op, 0f, 0f);
    }

    static Tensor neg(Tensor x) {
        return unary("neg", x, UnaryOp.NEG);
    }

    static Tensor exp(Tensor x) {
        return unary("exp", x, UnaryOp.EXP);
    }

    static Tensor log(Tensor x) {
        return unary("log", x, UnaryOp.LOG);
    }

    static Tensor sqrt(Tensor x) {
        return unary("sqrt", x, UnaryOp.SQRT);
    }

    static Tensor square(Tensor x) {
        return unary("square", x, UnaryOp.SQUARE);
    }

    static Tensor pow(Tensor x, float p) {
        return unary("pow", x, UnaryOp.POW, p, 0f);
    }

    static Tensor abs(Tensor x) {
        return unary("abs", x, UnaryOp.ABS);
    }

    static Tensor clamp(Tensor x, float min, float max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clamp: need min <= max, got min=" + min + ", max=" + max);
        }
        return unary("clamp", x, UnaryOp.CLAMP, min, max);
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
