package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.ConvGeometry;
import dev.neurona.tensor.kernel.Kernels;

/**
 * Convolution and transposed convolution, channels-last, through the {@link Kernels} contract.
 * The three kernels of a convolution (forward, input gradient, kernel gradient) are also those
 * of its transpose, with the roles of input and output swapped: a transposed convolution's
 * forward is the input gradient of the convolution it transposes, its input gradient is that
 * convolution's forward. The im2col scratch is allocated once when the op is made and shared by
 * the op's forward and backward kernels (they never run at once), so neither an eager step's
 * kernels nor a compiled replay allocate.
 */
final class ConvOps {

    private ConvOps() {
    }

    static Tensor conv2d(Tensor x, Tensor kernel, ConvSpec spec) {
        return conv2d("conv2d", x, kernel, spec);
    }

    /** {@link #conv2d} whose errors name {@code op} (a 1-D convolution runs as a 2-D one). */
    static Tensor conv2d(String op, Tensor x, Tensor kernel, ConvSpec spec) {
        ConvGeometry g = ConvChecks.conv2d(op, x, kernel, spec);
        Kernels k = Backend.kernels();
        float[] scratch = new float[g.scratchLength()];
        Tensor out = Graph.op("conv2d", new int[] {g.n(), g.oh(), g.ow(), g.filters()},
                o -> k.conv2d(g, x.storage, kernel.storage, o.storage, scratch), null,
                new Fusible.Conv(g, x.storage, kernel.storage, scratch), x, kernel);
        return Graph.record(out, "conv2d", grad -> new Tensor[] {
                x.requiresGrad ? Graph.op("conv2d_grad_input", x.shape.clone(),
                        dx -> k.conv2dBackwardInput(g, grad.storage, kernel.storage, dx.storage, scratch), null, grad,
                        kernel) : null,
                kernel.requiresGrad ? Graph.op("conv2d_grad_kernel", kernel.shape.clone(),
                        dk -> k.conv2dBackwardKernel(g, x.storage, grad.storage, dk.storage, scratch), null, x, grad)
                        : null}, x, kernel);
    }

    static Tensor conv2dTranspose(Tensor x, Tensor kernel, ConvSpec spec, int outPadH, int outPadW) {
        ConvGeometry g = ConvChecks.conv2dTranspose("conv2dTranspose", x, kernel, spec, outPadH, outPadW);
        Kernels k = Backend.kernels();
        float[] scratch = new float[g.scratchLength()];
        Tensor out = Graph.op("conv2dTranspose", new int[] {g.n(), g.h(), g.w(), g.cin()},
                o -> k.conv2dBackwardInput(g, x.storage, kernel.storage, o.storage, scratch), null, x, kernel);
        return Graph.record(out, "conv2dTranspose", grad -> new Tensor[] {
                x.requiresGrad ? Graph.op("conv2dTranspose_grad_input", x.shape.clone(),
                        dx -> k.conv2d(g, grad.storage, kernel.storage, dx.storage, scratch), null, grad, kernel) : null,
                kernel.requiresGrad ? Graph.op("conv2dTranspose_grad_kernel", kernel.shape.clone(),
                        dk -> k.conv2dBackwardKernel(g, grad.storage, x.storage, dk.storage, scratch), null, grad, x)
                        : null}, x, kernel);
    }

    static Tensor maxPool2d(Tensor x, int[] pool, int[] strides, int[] padding) {
        ConvGeometry g = ConvChecks.pool2d("maxPool2d", x, pool, strides, padding);
        Kernels k = Backend.kernels();
        Tensor out = Graph.op("maxPool2d", new int[] {g.n(), g.oh(), g.ow(), g.cin()},
                o -> k.maxPool2d(g, x.storage, o.storage), null, x);
        // the backward finds each window's maximum again from the input and the output
        return Graph.record(out, "maxPool2d", grad -> new Tensor[] {Graph.op("maxPool2d_backward", x.shape.clone(),
                dx -> k.maxPool2dBackward(g, x.storage, out.storage, grad.storage, dx.storage), null, x, out, grad)}, x);
    }

    static Tensor avgPool2d(Tensor x, int[] pool, int[] strides, int[] padding) {
        ConvGeometry g = ConvChecks.pool2d("avgPool2d", x, pool, strides, padding);
        Kernels k = Backend.kernels();
        Tensor out = Graph.op("avgPool2d", new int[] {g.n(), g.oh(), g.ow(), g.cin()},
                o -> k.avgPool2d(g, x.storage, o.storage), null, x);
        return Graph.record(out, "avgPool2d", grad -> new Tensor[] {Graph.op("avgPool2d_backward", x.shape.clone(),
                dx -> k.avgPool2dBackward(g, grad.storage, dx.storage), null, grad)}, x);
    }
}
