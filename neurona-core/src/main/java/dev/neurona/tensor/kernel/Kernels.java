package dev.neurona.tensor.kernel;

import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;

/**
 * The op-level backend contract: every GEMM, elementwise and reduction kernel that the
 * differentiable primitives of {@code dev.neurona.tensor} run goes through one of these
 * methods, so that a backend (a device one later) implements this interface instead of
 * touching the ops or the layers. {@link Backend#kernels()} chooses the implementation once
 * per JVM, as it chooses the {@link Gemm}; {@link CpuKernels} is the CPU one, over the
 * pure-Java or the OpenBLAS GEMM.
 *
 * <p>Tensor arguments are {@link Buffer}s, values row-major; outputs are written (never read,
 * unless a method says "in place") and must not alias the inputs. Scratch that only the CPU
 * needs ({@code double[]} accumulators, {@code int[]} arg-max indices) is passed as arrays. The axis reductions see their input as
 * {@code [outer, n, inner]} with {@code n} the reduced axis (see {@link Reductions}).
 * Movement, indexing and the composite losses still run portable host loops of their own;
 * they join this contract with the first device backend.
 */
public interface Kernels {

    /** The backend's name, for log lines and benchmarks. */
    String name();

    /** The matrix-product kernel of the CPU backends (its name, and callers that work on arrays). */
    Gemm gemm();

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} as {@link Gemm#gemm} defines it, on buffers: the
     * matrix products of the ops.
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha, Buffer a, int aOffset, int lda,
                Buffer b, int bOffset, int ldb, float beta, Buffer c, int cOffset, int ldc);

    /** {@code out = op(a, b)} with the broadcasting of {@code plan}. */
    void binary(BinaryOp op, Broadcasting.Plan plan, Buffer a, Buffer b, Buffer out);

    /** Copies {@code src} repeated along the broadcast dimensions of {@code plan} into {@code out}. */
    void expand(Broadcasting.Plan plan, Buffer src, Buffer out);

    /** Sums {@code src} of the broadcast shape down to {@code out}, the backward of {@link #expand}. */
    void reduceTo(Broadcasting.Plan plan, Buffer src, Buffer out);

    /**
     * {@link #binary} on the output elements {@code [from, to)} only, for the broadcasts that
     * {@link Broadcasting.Plan#rangeable()} accepts (equal shapes, a row, a scalar): a chain of
     * elementwise ops then runs tile by tile.
     */
    void binaryRange(BinaryOp op, Broadcasting.Plan plan, Buffer a, Buffer b, Buffer out, int from, int to);

    /** {@code out[i] = op(x[i])} with the op's parameters {@code p}, {@code q}, for {@code from <= i < to}. */
    void unary(UnaryOp op, float p, float q, Buffer x, Buffer out, int from, int to);

    /** {@code out[i] = g[i] · op'(x[i], y[i])} for {@code from <= i < to}: the backward of {@link #unary}. */
    void unaryBackward(UnaryOp op, float p, float q, Buffer g, Buffer x, Buffer y, Buffer out, int from, int to);

    /** {@code y[i] = f(x[i])} for {@code from <= i < to}; {@code y} may be {@code x}. */
    void activation(ActivationKernel f, float alpha, Buffer x, Buffer y, int from, int to);

    /** {@code g[i] *= f'(x[i])} for {@code from <= i < to}, in place, given {@code x} and {@code y = f(x)}. */
    void activationBackward(ActivationKernel f, float alpha, Buffer x, Buffer y, Buffer g, int from, int to);

    /** {@code out[0] = Σ x}, summed in double. */
    void sumAll(Buffer x, Buffer out);

    /** {@code out[0] = Σ x / n}, summed in double and divided once (finite whenever the exact mean is). */
    void meanAll(Buffer x, Buffer out);

    /** The backward of {@link #meanAll}: every {@code dx} is {@code g[0] · (1/n)}. */
    void meanAllBackward(Buffer g, Buffer dx);

    /** {@code out[0] = Σ x²}, in double (an L2 penalty's). */
    void sumOfSquares(Buffer x, Buffer out);

    /** The backward of {@link #sumOfSquares}: {@code dx = 2·g[0]·x}. */
    void sumOfSquaresBackward(Buffer g, Buffer x, Buffer dx);

    /** {@code dst += 2·g[0]·x}: {@link #sumOfSquaresBackward} added straight into a gradient (the planner's fusion). */
    void sumOfSquaresBackwardAdd(Buffer g, Buffer x, Buffer dst);

    /** {@code out[o, i] = Σ_k x[o, k, i]}. */
    void sum(Buffer x, int outer, int n, int inner, Buffer out);

    /** The mean along the axis, accumulated in double ({@code acc} holds {@code outer·inner} scratch values). */
    void mean(Buffer x, int outer, int n, int inner, Buffer out, double[] acc);

    /** The index of the first maximum (or minimum) along the axis; a NaN wins. */
    void argExtreme(Buffer x, int outer, int n, int inner, boolean max, int[] out);

    /** Numerically stable softmax along the axis. */
    void softmax(Buffer x, int outer, int n, int inner, Buffer out);

    /** {@code (x − max) − log Σ exp(x − max)} along the axis. */
    void logSoftmax(Buffer x, int outer, int n, int inner, Buffer out);

    /** The backward of {@link #softmax} from its output {@code y} and the gradient {@code g}. */
    void softmaxBackward(Buffer y, Buffer g, int outer, int n, int inner, Buffer dx);

    /** The backward of {@link #logSoftmax} from its output {@code y} and the gradient {@code g}. */
    void logSoftmaxBackward(Buffer y, Buffer g, int outer, int n, int inner, Buffer dx);

    // ------------------------------------------------------------ fused primitives (the planner's)

    /**
     * {@code z = a + bias} row by row ({@code cols} per row), then {@code y = f(z)} on the same
     * row, for the rows in {@code [from, to)} (element indices, whole rows).
     */
    void biasActivation(Buffer a, Buffer bias, Buffer z, Buffer y, int cols, ActivationKernel f, float alpha,
                        int from, int to);

    /**
     * {@code d = g · f'(x)} (given {@code y = f(x)}) row by row, each row then added into the
     * column sums {@code db}, for the rows in {@code [from, to)} (whole rows, in order; {@code db}
     * is zeroed first when {@code from} is 0).
     */
    void activationGradColumnSums(Buffer g, Buffer x, Buffer y, Buffer d, Buffer db, int cols, ActivationKernel f,
                                  float alpha, int from, int to);

    // ------------------------------------------------------------ convolution and pooling (channels-last)

    /**
     * {@code out = conv(x, kernel)}: {@code x [n, h, w, cin]}, {@code kernel [kh, kw, cin/groups,
     * filters]}, {@code out [n, oh, ow, filters]} as {@code g} says. {@code scratch} holds
     * {@link ConvGeometry#scratchLength()} floats the kernel may overwrite (the CPU's im2col).
     */
    void conv2d(ConvGeometry g, Buffer x, Buffer kernel, Buffer out, float[] scratch);

    /** The input gradient of {@link #conv2d}, {@code dx [n, h, w, cin]}, from {@code dOut}: also a transposed convolution. */
    void conv2dBackwardInput(ConvGeometry g, Buffer dOut, Buffer kernel, Buffer dx, float[] scratch);

    /** The kernel gradient of {@link #conv2d}, {@code dKernel [kh, kw, cin/groups, filters]}, from {@code x} and {@code dOut}. */
    void conv2dBackwardKernel(ConvGeometry g, Buffer x, Buffer dOut, Buffer dKernel, float[] scratch);

    /** Max pooling ({@code g.filters() == g.cin()}); padded cells are never the maximum, a NaN is. */
    void maxPool2d(ConvGeometry g, Buffer x, Buffer out);

    /**
     * The backward of {@link #maxPool2d} from its input and output: {@code dx} is zero except the
     * cell of each window that PyTorch chooses (the first maximum; the last NaN when the maximum is
     * NaN), which gets its output's gradient added.
     */
    void maxPool2dBackward(ConvGeometry g, Buffer x, Buffer out, Buffer dOut, Buffer dx);

    /** Average pooling over each window's cells inside the input (padded cells are not counted). */
    void avgPool2d(ConvGeometry g, Buffer x, Buffer out);

    /** The backward of {@link #avgPool2d}. */
    void avgPool2dBackward(ConvGeometry g, Buffer dOut, Buffer dx);

    // ------------------------------------------------------------ batch normalization (rows of channels)

    /**
     * The mean ({@code stats[0, c]}) and biased variance ({@code stats[1, c]}) of each channel of
     * {@code x} seen as rows of {@code channels}, accumulated in double; {@code acc} holds
     * {@code 2·channels} doubles of scratch.
     */
    void channelMoments(Buffer x, int channels, Buffer stats, double[] acc);

    /**
     * {@code y = (x − center[c])·scale[c] + shift[c]} for the elements {@code [from, to)} (whole
     * rows of {@code channels}); {@code shift} may be {@code null} (none). {@code center} is read
     * at {@code [0, channels)}.
     */
    void channelNormalize(Buffer x, Buffer center, Buffer scale, Buffer shift, Buffer y, int channels, int from,
                          int to);

    /**
     * Accumulates rows {@code [from, to)} of {@code Σ g} and {@code Σ g·(x − center)} per channel
     * into {@code acc} (zeroed when {@code from} is 0; rows in order, in double) and, with the
     * range that ends the buffer, writes them to {@code sums [2, channels]}.
     */
    void channelGradSums(Buffer g, Buffer x, Buffer center, Buffer sums, double[] acc, int channels, int from, int to);

    /**
     * {@code out = a[c]·g + b[c]·(x − center[c]) + d[c]} for {@code [from, to)} (whole rows), with
     * {@code coeffs = [a, b, d]} ({@code 3·channels}): batch normalization's input gradient.
     */
    void channelLinearGrad(Buffer g, Buffer x, Buffer center, Buffer coeffs, Buffer out, int channels, int from,
                           int to);
}
