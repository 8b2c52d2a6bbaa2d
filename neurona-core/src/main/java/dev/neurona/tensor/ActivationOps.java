package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Broadcasting;
import dev.neurona.tensor.kernel.Reductions;
import dev.neurona.tensor.kernel.ActivationKernel;

/**
 * Activation functions as fused, numerically stable primitives. Each is written once here,
 * forward beside derivative; {@code dev.neurona.activations} gives them names and objects.
 * The elementwise functions' math is {@link ActivationKernel}'s, shared with the fused layers
 * of the training fast path; softmax, log-softmax and PReLU are defined here.
 */
final class ActivationOps {

    private ActivationOps() {
    }

    /** An elementwise activation primitive whose math is {@code kernel}'s. */
    private static Tensor elementwise(String op, Tensor x, ActivationKernel kernel, float alpha) {
        return MathOps.unary(op, x, v -> kernel.apply(v, alpha), (v, y) -> kernel.derivative(v, y, alpha));
    }

    static Tensor sigmoid(Tensor x) {
        return elementwise("sigmoid", x, ActivationKernel.SIGMOID, 0f);
    }

    static Tensor tanh(Tensor x) {
        return elementwise("tanh", x, ActivationKernel.TANH, 0f);
    }

    static Tensor relu(Tensor x) {
        return elementwise("relu", x, ActivationKernel.RELU, 0f);
    }

    static Tensor leakyRelu(Tensor x, float alpha) {
        return elementwise("leakyRelu", x, ActivationKernel.LEAKY_RELU, alpha);
    }

    static Tensor elu(Tensor x, float alpha) {
        return elementwise("elu", x, ActivationKernel.ELU, alpha);
    }

    static Tensor selu(Tensor x) {
        return elementwise("selu", x, ActivationKernel.SELU, 0f);
    }

    static Tensor gelu(Tensor x, boolean approximate) {
        return elementwise("gelu", x, approximate ? ActivationKernel.GELU_TANH : ActivationKernel.GELU, 0f);
    }

    static Tensor softplus(Tensor x) {
        return elementwise("softplus", x, ActivationKernel.SOFTPLUS, 0f);
    }

    static Tensor softsign(Tensor x) {
        return elementwise("softsign", x, ActivationKernel.SOFTSIGN, 0f);
    }

    static Tensor silu(Tensor x) {
        return elementwise("silu", x, ActivationKernel.SILU, 0f);
    }

    static Tensor hardSigmoid(Tensor x) {
        return elementwise("hardSigmoid", x, ActivationKernel.HARD_SIGMOID, 0f);
    }

    static Tensor sign(Tensor x) {
        return elementwise("sign", x, ActivationKernel.SIGN, 0f);
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
