package dev.neurona.tensor;

import dev.neurona.tensor.kernel.ActivationKernel;
import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Kernels;

/**
 * Activation functions as fused, numerically stable primitives. Each is written once here,
 * forward beside derivative; {@code dev.neurona.activations} gives them names and objects.
 * The elementwise functions' math is {@link ActivationKernel}'s, shared with the planner's fused
 * bias-and-activation passes (each op says what it computes through its {@code Fusible});
 * softmax, log-softmax and PReLU are defined here.
 */
final class ActivationOps {

    private ActivationOps() {
    }

    /** An elementwise activation primitive whose math is {@code kernel}'s. */
    private static Tensor elementwise(String op, Tensor x, ActivationKernel kernel, float alpha) {
        Kernels k = Backend.kernels();
        Tensor y = Graph.op(op, x.shape.clone(), o -> k.activation(kernel, alpha, x.storage, o.storage, 0, o.array().length),
                null, new Fusible.Activation(kernel, alpha, x.storage), x);
        return Graph.record(y, op, g -> new Tensor[] {Graph.op(op + "_backward", x.shape.clone(), dx -> {
            float[] d = dx.array();
            System.arraycopy(g.array(), 0, d, 0, d.length);
            k.activationBackward(kernel, alpha, x.storage, y.storage, dx.storage, 0, d.length);
        }, null, new Fusible.ActivationGrad(kernel, alpha, g.storage, x.storage, y.storage), g, x, y)}, x);
    }

    static Tensor sigmoid(Tensor x) {
        Tensor y = elementwise("sigmoid", x, ActivationKernel.SIGMOID, 0f);
        y.logits = x;   // binary cross-entropy on y starts from x (see CrossEntropy.binary)
        return y;
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
        // the slope of every element, expanded from alpha when the op runs (alpha trains)
        Tensor slope = alpha.shape.length == 0 ? alpha.broadcastTo(x.shape.clone()) : MathOps.broadcastTo(alpha, x.shape);
        Tensor out = Graph.op("prelu", x.shape.clone(), o -> {
            float[] xs = x.array();
            float[] a = slope.array();
            float[] ys = o.array();
            for (int i = 0; i < ys.length; i++) {
                float v = xs[i];
                ys[i] = v > 0f ? v : a[i] * v;
            }
        }, null, x, slope);
        return Graph.record(out, "prelu", g -> {
            Tensor dx = Graph.op("prelu_dx", x.shape.clone(), o -> {
                float[] xs = x.array();
                float[] a = slope.array();
                float[] gs = g.array();
                float[] d = o.array();
                for (int i = 0; i < d.length; i++) {
                    d[i] = xs[i] > 0f ? gs[i] : a[i] * gs[i];
                }
            }, null, x, slope, g);
            Tensor dAlpha = Graph.op("prelu_dalpha", x.shape.clone(), o -> {
                float[] xs = x.array();
                float[] gs = g.array();
                float[] d = o.array();
                for (int i = 0; i < d.length; i++) {
                    float v = xs[i];
                    d[i] = v > 0f ? 0f : gs[i] * v;
                }
            }, null, x, g);
            return new Tensor[] {dx, MathOps.reduceTo(dAlpha, alpha.shape)};
        }, x, alpha);
    }

    static Tensor softmax(Tensor x, int axis) {
        int a = Shape.axis("softmax", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        Kernels k = Backend.kernels();
        Tensor y = Graph.op("softmax", x.shape.clone(), o -> k.softmax(x.storage, outer, n, inner, o.storage), null, x);
        if (a == x.shape.length - 1) {
            y.logits = x;   // categorical cross-entropy on y starts from x (see CrossEntropy.categorical)
            y.softmaxOfLogits = true;
        }
        return Graph.record(y, "softmax", g -> new Tensor[] {Graph.op("softmax_backward", x.shape.clone(),
                dx -> k.softmaxBackward(y.storage, g.storage, outer, n, inner, dx.storage), null, y, g)}, x);
    }

    static Tensor logSoftmax(Tensor x, int axis) {
        int a = Shape.axis("logSoftmax", axis, x.shape.length);
        int outer = Shape.outer(x.shape, a);
        int n = x.shape[a];
        int inner = Shape.inner(x.shape, a);
        Kernels k = Backend.kernels();
        Tensor y = Graph.op("logSoftmax", x.shape.clone(), o -> k.logSoftmax(x.storage, outer, n, inner, o.storage),
                null, x);
        return Graph.record(y, "logSoftmax", g -> new Tensor[] {Graph.op("logSoftmax_backward", x.shape.clone(),
                dx -> k.logSoftmaxBackward(y.storage, g.storage, outer, n, inner, dx.storage), null, y, g)}, x);
    }
}
