package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Broadcasting;
import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;

/** Elementwise arithmetic primitives with broadcasting, each with its backward beside it. */
final class MathOps {

    private MathOps() {
    }

    static Tensor binary(String op, BinaryOp kernel, Tensor a, Tensor b) {
        int[] shape = java.util.Arrays.equals(a.shape, b.shape) ? a.shape.clone() : Shape.broadcast(op, a.shape, b.shape);
        Tensor out = Graph.empty(shape);
        // two scalars: the kernel's arrays are rank 1, a scalar's data is one value
        int[] kernelShape = shape.length == 0 ? SCALAR_AS_VECTOR : shape;
        Broadcasting.binary(kernel, a.data, shape.length == 0 ? SCALAR_AS_VECTOR : a.shape, b.data,
                shape.length == 0 ? SCALAR_AS_VECTOR : b.shape, out.data, kernelShape);
        return out;
    }

    private static final int[] SCALAR_AS_VECTOR = {1};

    /** Sums a gradient of the broadcast shape back to {@code shape}. */
    static Tensor reduceTo(Tensor g, int[] shape) {
        if (java.util.Arrays.equals(g.shape, shape)) {
            return g;
        }
        Tensor out = Graph.empty(shape.clone());
        if (shape.length == 0) {
            float s = 0f;
            for (float v : g.data) {
                s += v;
            }
            out.data[0] = s;
        } else {
            Broadcasting.reduceTo(g.data, g.shape, out.data, shape);
        }
        return out;
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
            Tensor winA = binary(op, wins, a, b);
            Tensor tie = binary(op, BinaryOp.EQ, a, b);
            float[] share = winA.data;
            for (int i = 0; i < share.length; i++) {
                share[i] += 0.5f * tie.data[i];
            }
            Tensor ga = binary(op, BinaryOp.MUL, g, winA);
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
        Tensor out = Graph.empty(shape);
        if (x.shape.length == 0) {
            java.util.Arrays.fill(out.data, x.data[0]);
        } else {
            Broadcasting.expand(x.data, x.shape, out.data, shape);
        }
        return Graph.record(out, "broadcastTo", g -> new Tensor[] {reduceTo(g, x.shape)}, x);
    }

    // ------------------------------------------------------------ unary

    /** Applies {@code f} elementwise into a new tensor of {@code x}'s shape. */
    static Tensor map(Tensor x, FloatUnary f) {
        Tensor out = Graph.empty(x.shape.clone());
        float[] in = x.data;
        float[] o = out.data;
        for (int i = 0; i < o.length; i++) {
            o[i] = f.apply(in[i]);
        }
        return out;
    }

    /** {@code g · f(x, y)} elementwise: a backward rule from the input and output values. */
    static Tensor chain(Tensor g, Tensor x, Tensor y, FloatTernary derivative) {
        Tensor out = Graph.empty(x.shape.clone());
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = g.data[i] * derivative.apply(x.data[i], y.data[i]);
        }
        return out;
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
        Tensor y = map(x, f);
        return Graph.record(y, op, g -> new Tensor[] {chain(g, x, y, derivative)}, x);
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
}
