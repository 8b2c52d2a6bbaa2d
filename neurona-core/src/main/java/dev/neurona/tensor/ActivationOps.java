package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Broadcasting;
import dev.neurona.tensor.kernel.Reductions;
import dev.neurona.tensor.kernel.SpecialFunctions;

/**
 * Activation functions as fused, numerically stable primitives. Each is written once here,
 * forward beside derivative; {@code dev.neurona.activations} gives them names and objects.
 * At a kink the derivative follows PyTorch: relu' (0) = 0, leaky_relu' (0) = alpha,
 * selu' (0) = scale·alpha (the left branch).
 */
final class ActivationOps {

    /** SELU's constants (Klambauer et al., 2017). */
    static final double SELU_ALPHA = 1.6732632423543772;
    static final double SELU_SCALE = 1.0507009873554805;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final float SOFTPLUS_THRESHOLD = 20f;

    private ActivationOps() {
    }

    /** Sigmoid that never evaluates {@code exp} of a large positive number. */
    static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    static Tensor sigmoid(Tensor x) {
        return MathOps.unary("sigmoid", x, ActivationOps::sigmoid, (v, y) -> y * (1f - y));
    }

    static Tensor tanh(Tensor x) {
        return MathOps.unary("tanh", x, v -> (float) Math.tanh(v), (v, y) -> 1f - y * y);
    }

    static Tensor relu(Tensor x) {
        return MathOps.unary("relu", x, v -> v > 0f ? v : 0f, (v, y) -> v > 0f ? 1f : 0f);
    }

    static Tensor leakyRelu(Tensor x, float alpha) {
        return MathOps.unary("leakyRelu", x, v -> v > 0f ? v : alpha * v, (v, y) -> v > 0f ? 1f : alpha);
    }

    static Tensor elu(Tensor x, float alpha) {
        return MathOps.unary("elu", x, v -> v > 0f ? v : (float) (alpha * Math.expm1(v)),
                (v, y) -> v > 0f ? 1f : (float) (alpha * Math.exp(v)));
    }

    static Tensor selu(Tensor x) {
        return MathOps.unary("selu", x,
                v -> (float) (v > 0f ? SELU_SCALE * v : SELU_SCALE * SELU_ALPHA * Math.expm1(v)),
                (v, y) -> (float) (v > 0f ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(v)));
    }

    static Tensor gelu(Tensor x, boolean approximate) {
        if (approximate) {
            return MathOps.unary("gelu", x, v -> {
                double t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
                return (float) (0.5 * v * (1 + t));
            }, (v, y) -> {
                double t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
                double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
                return (float) (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du);
            });
        }
        return MathOps.unary("gelu", x,
                v -> (float) (0.5 * v * (1 + SpecialFunctions.erf(v * INV_SQRT_2))),
                (v, y) -> (float) (0.5 * (1 + SpecialFunctions.erf(v * INV_SQRT_2))
                        + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v)));
    }

    static Tensor softplus(Tensor x) {
        return MathOps.unary("softplus", x,
                v -> v > SOFTPLUS_THRESHOLD ? v : (float) (Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)))),
                (v, y) -> v > SOFTPLUS_THRESHOLD ? 1f : sigmoid(v));
    }

    static Tensor softsign(Tensor x) {
        return MathOps.unary("softsign", x, v -> v / (1f + Math.abs(v)), (v, y) -> {
            float d = 1f + Math.abs(v);
            return 1f / (d * d);
        });
    }

    static Tensor silu(Tensor x) {
        return MathOps.unary("silu", x, v -> v * sigmoid(v), (v, y) -> {
            float s = sigmoid(v);
            return s + v * s * (1f - s);
        });
    }

    static Tensor hardSigmoid(Tensor x) {
        return MathOps.unary("hardSigmoid", x, v -> Math.min(Math.max(v / 6f + 0.5f, 0f), 1f),
                (v, y) -> v > -3f && v < 3f ? 1f / 6f : 0f);
    }

    static Tensor sign(Tensor x) {
        return MathOps.unary("sign", x, Math::signum, (v, y) -> 0f);
    }

    static Tensor prelu(Tensor x, Tensor alpha) {
        int[] shape = Shape.broadcast("prelu", x.shape, alpha.shape);
        if (!java.util.Arrays.equals(shape, x.shape)) {
            throw new IllegalArgumentException("prelu: alpha of shape " + Shape.toString(alpha.shape)
                    + " does not broadcast to the input's shape " + Shape.toString(x.shape));
        }
        float[] a = new float[x.data.length];
        if (alpha.shape.length == 0) {
            java.util.Arrays.fill(a, alpha.data[0]);
        } else {
            Broadcasting.expand(alpha.data, alpha.shape, a, x.shape);
        }
        Tensor out = Graph.empty(x.shape.clone());
        for (int i = 0; i < a.length; i++) {
            float v = x.data[i];
            out.data[i] = v > 0f ? v : a[i] * v;
        }
        return Graph.record(out, "prelu", g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            Tensor dAlpha = Graph.empty(x.shape.clone());
            for (int i = 0; i < a.length; i++) {
                float v = x.data[i];
                dx.data[i] = v > 0f ? g.data[i] : a[i] * g.data[i];
                dAlpha.data[i] = v > 0f ? 0f : g.data[i] * v;
            }
            return new Tensor[] {dx, MathOps.reduceTo(dAlpha, alpha.shape)};
        }, x, alpha);
    }

    static Tensor softmax(Tensor x, int axis) {
        int a = Shape.axis("softmax", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        Tensor y = Graph.empty(x.shape.clone());
        Reductions.softmax(x.data, outer, n, inner, y.data);
        return Graph.record(y, "softmax", g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            Reductions.softmaxBackward(y.data, g.data, outer, n, inner, dx.data);
            return new Tensor[] {dx};
        }, x);
    }

    static Tensor logSoftmax(Tensor x, int axis) {
        int a = Shape.axis("logSoftmax", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        Tensor y = Graph.empty(x.shape.clone());
        Reductions.logSoftmax(x.data, outer, n, inner, y.data);
        return Graph.record(y, "logSoftmax", g -> {
            Tensor dx = Graph.empty(x.shape.clone());
            Reductions.logSoftmaxBackward(y.data, g.data, outer, n, inner, dx.data);
            return new Tensor[] {dx};
        }, x);
    }
}
