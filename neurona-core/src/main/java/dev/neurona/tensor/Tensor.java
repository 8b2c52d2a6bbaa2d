package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Broadcasting.BinaryOp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * An n-dimensional array of float32 values, row-major and contiguous, batch dimension first,
 * that records the operations applied to it so that {@link #backward()} can compute
 * gradients (define-by-run autograd, as in PyTorch).
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(new Random(1), 3, 1).requiresGrad(true);
 * Tensor loss = x.matmul(w).tanh().sub(y).square().mean();
 * loss.backward();
 * Tensor dw = w.grad();
 * }</pre>
 *
 * <p>Operations never modify their inputs; they return new tensors. Elementwise operations
 * broadcast as NumPy does. The methods here only check arguments and delegate: the math of
 * each group lives in {@code MathOps}, {@code ReduceOps}, {@code ShapeOps},
 * {@code LinalgOps} and {@code ActivationOps}, each op's backward beside its forward.
 *
 * <p>A tensor is not thread-safe while it is being modified (an optimizer step) or while
 * its gradient accumulates; reading from several threads is safe.
 */
public class Tensor {

    final float[] data;
    final int[] shape;
    boolean requiresGrad;
    Tensor grad;
    /** How this tensor was computed; {@code null} for a leaf or after the graph was released. */
    Node node;
    /** Set when backward released the graph that produced this tensor. */
    boolean released;

    /** Wraps {@code data} without copying; callers guarantee {@code data.length == size(shape)}. */
    Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- creation

    /**
     * A tensor of the given shape holding a copy of {@code data} (row-major).
     *
     * @throws IllegalArgumentException if the element count differs from the shape's size
     *         or a dimension is not positive
     */
    public static Tensor of(float[] data, int... shape) {
        int[] s = Shape.checked("Tensor.of", shape);
        int size = Shape.size(s);
        if (data == null) {
            throw new IllegalArgumentException("Tensor.of: data must not be null");
        }
        if (data.length != size) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values cannot fill shape "
                    + Shape.toString(s) + ", which holds " + size);
        }
        return new Tensor(data.clone(), s);
    }

    /**
     * A tensor over {@code data} itself, without a copy: writes to either show in the other.
     * For buffers that fast paths reuse from step to step; prefer {@link #of(float[], int...)}.
     *
     * @throws IllegalArgumentException if the element count differs from the shape's size
     */
    public static Tensor wrap(float[] data, int... shape) {
        int[] s = Shape.checked("Tensor.wrap", shape);
        if (data == null || data.length != Shape.size(s)) {
            throw new IllegalArgumentException("Tensor.wrap: " + (data == null ? "null" : data.length + " values")
                    + " cannot back shape " + Shape.toString(s) + ", which holds " + Shape.size(s));
        }
        return new Tensor(data, s);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor of(float... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("Tensor.of: need at least one value");
        }
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /**
     * A 2-D tensor {@code [rows, columns]} from a rectangular array.
     *
     * @throws IllegalArgumentException for an empty or ragged array
     */
    public static Tensor of(float[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException("Tensor.of: need at least one row with at least one value");
        }
        int cols = rows[0].length;
        float[] data = new float[Shape.size(rows.length, cols)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + r + " has "
                        + (rows[r] == null ? "no" : rows[r].length) + " values but row 0 has " + cols
                        + "; rows must all have the same length");
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A scalar (rank 0) tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return zeros("Tensor.zeros", shape);
    }

    /** Zeros of a user-given shape, its size checked before anything is allocated, {@code op} named in errors. */
    private static Tensor zeros(String op, int[] shape) {
        int[] s = Shape.checked(op, shape);
        return new Tensor(new float[Shape.allocatable(op, s)], s);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros("Tensor.full", shape);
        java.util.Arrays.fill(t.data, value);
        return t;
    }

    /** The {@code n × n} identity matrix. */
    public static Tensor eye(int n) {
        Tensor t = zeros("Tensor.eye", new int[] {n, n});
        for (int i = 0; i < n; i++) {
            t.data[i * n + i] = 1f;
        }
        return t;
    }

    /** {@code [0, 1, …, n−1]}. */
    public static Tensor arange(int n) {
        return arange(0f, n, 1f);
    }

    /**
     * {@code [start, start + step, …]} up to but excluding {@code end}, as NumPy's {@code arange}.
     *
     * @throws IllegalArgumentException if {@code step} is 0 or the range is empty
     */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0f || Float.isNaN(step)) {
            throw new IllegalArgumentException("Tensor.arange: step must be non-zero, got " + step);
        }
        if (!Float.isFinite(start) || !Float.isFinite(end) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("Tensor.arange: start, end and step must be finite, got "
                    + start + ", " + end + ", " + step);
        }
        double count = Math.ceil((end - start) / (double) step);
        if (!(count > 0)) {
            throw new IllegalArgumentException("Tensor.arange: the range [" + start + ", " + end + ") with step "
                    + step + " is empty");
        }
        String request = "Tensor.arange(" + TensorFormat.decimal(start) + ", " + TensorFormat.decimal(end)
                + (step == 1f ? "" : ", " + TensorFormat.decimal(step)) + ")";
        if (count > Shape.MAX_ELEMENTS) {
            // the count of the decimal range the caller wrote: 1e13 is 10,000,000,000,000, not the float's 9,999,999,827,968
            BigDecimal span = TensorFormat.shortest(end).subtract(TensorFormat.shortest(start));
            throw Shape.tooLarge(request, span.divide(TensorFormat.shortest(step), 0, RoundingMode.CEILING).toBigInteger());
        }
        int n = Shape.allocatable(request, (long) count);
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = start + i * step;
        }
        return new Tensor(data, new int[] {n});
    }

    /** Values drawn uniformly from {@code [0, 1)} with the given generator. */
    public static Tensor rand(Random random, int... shape) {
        return uniform(random, 0f, 1f, shape);
    }

    /** Values drawn uniformly from {@code [low, high)} with the given generator. */
    public static Tensor uniform(Random random, float low, float high, int... shape) {
        if (!(low < high)) {
            throw new IllegalArgumentException("Tensor.uniform: need low < high, got low=" + low + ", high=" + high);
        }
        Tensor t = zeros("Tensor.uniform", shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = low + (high - low) * random.nextFloat();
        }
        return t;
    }

    /** Values drawn from the standard normal distribution with the given generator. */
    public static Tensor randn(Random random, int... shape) {
        Tensor t = zeros("Tensor.randn", shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) random.nextGaussian();
        }
        return t;
    }

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return ShapeOps.concat(axis, tensors);
    }

    // ---------------------------------------------------------------- access

    /** A copy of the shape, batch dimension first; empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape[Shape.axis("dim", axis, shape.length)];
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /**
     * The element at the given index, one coordinate per dimension.
     *
     * @throws IndexOutOfBoundsException naming the bad coordinate
     */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of rank " + shape.length);
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("get: index " + index[d] + " is out of range for dimension "
                        + d + " of size " + shape[d]);
            }
            flat = flat * shape[d] + index[d];
        }
        return data[flat];
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item(): the tensor has " + data.length + " elements (shape "
                    + Shape.toString(shape) + "); item() needs exactly one");
        }
        return data[0];
    }

    /** A copy of the elements in row-major order. */
    public float[] toArray() {
        return data.clone();
    }

    /** A copy of a 2-D tensor as {@code float[rows][columns]}. */
    public float[][] toArray2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("toArray2d(): needs a 2-D tensor, got shape " + Shape.toString(shape));
        }
        float[][] rows = new float[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            rows[r] = java.util.Arrays.copyOfRange(data, r * shape[1], (r + 1) * shape[1]);
        }
        return rows;
    }

    /**
     * The live backing array, row-major. Writing to it changes this tensor (optimizers and
     * kernels do so); do that only to leaves, outside any graph that is still to be
     * differentiated.
     */
    public float[] data() {
        return data;
    }

    /** A deep copy that records no graph and does not require grad. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Marks a leaf tensor as one whose gradient {@link #backward()} should compute.
     *
     * @return this tensor
     * @throws IllegalStateException on the output of an operation (use {@link #detach()})
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad() can only be set on a leaf tensor; this one is the output of '"
                    + node.op + "' (call detach() first)");
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    /** Whether gradients flow to or through this tensor. */
    public boolean isRequiresGrad() {
        return requiresGrad;
    }

    /** Whether this tensor was created by the user rather than computed by a recorded op. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The name of the op that computed this tensor ({@code "matmul"}, …), or {@code null} for a leaf. */
    public String op() {
        return node == null ? null : node.op;
    }

    /** The accumulated gradient of a leaf, or {@code null} before any backward reached it. */
    public Tensor grad() {
        return grad;
    }

    /**
     * Sets the accumulated gradient to zero, keeping its buffer (and creating it on first use,
     * so that a training step never allocates one again).
     */
    public void zeroGrad() {
        if (grad == null) {
            grad = new Tensor(new float[data.length], shape.clone());
        } else {
            java.util.Arrays.fill(grad.data, 0f);
        }
    }

    /**
     * Computes the gradient of this scalar with respect to every leaf that requires grad,
     * adding it to their {@link #grad()}, then releases the graph.
     *
     * @throws IllegalStateException if this tensor has more than one element, does not
     *         require grad, or its graph was already released
     */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() without a gradient needs a scalar, but this tensor has shape "
                    + Shape.toString(shape) + "; reduce it first (for example mean() or sum()) or call backward(gradOutput)");
        }
        backward(new Tensor(new float[] {1f}, shape.clone()));
    }

    /**
     * Computes vector-Jacobian products: the gradient of {@code Σ this · gradOutput} with
     * respect to every leaf that requires grad, added to their {@link #grad()}.
     *
     * @param gradOutput the gradient with respect to this tensor, of the same shape
     */
    public void backward(Tensor gradOutput) {
        Autograd.backward(this, gradOutput);
    }

    /** The same values, cut off from the graph (shares the data array). */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /** Adds {@code g} into the gradient of this leaf. */
    void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = new Tensor(g.data.clone(), shape.clone());
        } else {
            float[] dst = grad.data;
            float[] src = g.data;
            for (int i = 0; i < dst.length; i++) {
                dst[i] += src[i];
            }
        }
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return MathOps.add(this, other);
    }

    /** {@code this + value}. */
    public Tensor add(float value) {
        return MathOps.add(this, scalar(value));
    }

    /** {@code this − other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return MathOps.sub(this, other);
    }

    /** {@code this − value}. */
    public Tensor sub(float value) {
        return MathOps.sub(this, scalar(value));
    }

    /** {@code this · other} elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return MathOps.mul(this, other);
    }

    /** {@code this · value}. */
    public Tensor mul(float value) {
        return MathOps.mul(this, scalar(value));
    }

    /** {@code this / other} elementwise, broadcasting. */
    public Tensor div(Tensor other) {
        return MathOps.div(this, other);
    }

    /** {@code this / value}. */
    public Tensor div(float value) {
        return MathOps.div(this, scalar(value));
    }

    /** {@code −this}. */
    public Tensor neg() {
        return MathOps.neg(this);
    }

    /** {@code e^this}. */
    public Tensor exp() {
        return MathOps.exp(this);
    }

    /** The natural logarithm. */
    public Tensor log() {
        return MathOps.log(this);
    }

    /** The square root. */
    public Tensor sqrt() {
        return MathOps.sqrt(this);
    }

    /** {@code this²}. */
    public Tensor square() {
        return MathOps.square(this);
    }

    /** {@code this^exponent}. */
    public Tensor pow(float exponent) {
        return MathOps.pow(this, exponent);
    }

    /** {@code |this|}; its gradient at 0 is 0. */
    public Tensor abs() {
        return MathOps.abs(this);
    }

    /** Limits every element to {@code [min, max]}; the gradient passes where {@code min ≤ x ≤ max}. */
    public Tensor clamp(float min, float max) {
        return MathOps.clamp(this, min, max);
    }

    /** The elementwise maximum, broadcasting; on ties each side gets half the gradient. */
    public Tensor maximum(Tensor other) {
        return MathOps.maximum(this, other);
    }

    /** The elementwise maximum with a constant. */
    public Tensor maximum(float value) {
        return MathOps.maximum(this, scalar(value));
    }

    /** The elementwise minimum, broadcasting; on ties each side gets half the gradient. */
    public Tensor minimum(Tensor other) {
        return MathOps.minimum(this, other);
    }

    /** The elementwise minimum with a constant. */
    public Tensor minimum(float value) {
        return MathOps.minimum(this, scalar(value));
    }

    /** 1 where {@code this > other}, else 0 (a mask; no gradient). */
    public Tensor gt(Tensor other) {
        return MathOps.compare(BinaryOp.GT, this, other);
    }

    /** 1 where {@code this > value}, else 0. */
    public Tensor gt(float value) {
        return gt(scalar(value));
    }

    /** 1 where {@code this ≥ other}, else 0. */
    public Tensor ge(Tensor other) {
        return MathOps.compare(BinaryOp.GE, this, other);
    }

    /** 1 where {@code this ≥ value}, else 0. */
    public Tensor ge(float value) {
        return ge(scalar(value));
    }

    /** 1 where {@code this < other}, else 0. */
    public Tensor lt(Tensor other) {
        return MathOps.compare(BinaryOp.LT, this, other);
    }

    /** 1 where {@code this < value}, else 0. */
    public Tensor lt(float value) {
        return lt(scalar(value));
    }

    /** 1 where {@code this ≤ other}, else 0. */
    public Tensor le(Tensor other) {
        return MathOps.compare(BinaryOp.LE, this, other);
    }

    /** 1 where {@code this ≤ value}, else 0. */
    public Tensor le(float value) {
        return le(scalar(value));
    }

    /** 1 where {@code this == other}, else 0. */
    public Tensor eq(Tensor other) {
        return MathOps.compare(BinaryOp.EQ, this, other);
    }

    /** 1 where {@code this == value}, else 0. */
    public Tensor eq(float value) {
        return eq(scalar(value));
    }

    /** This tensor repeated along broadcast dimensions to {@code shape}. */
    public Tensor broadcastTo(int... shape) {
        return MathOps.broadcastTo(this, Shape.checked("broadcastTo", shape));
    }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements, as a scalar. */
    public Tensor sum() {
        return ReduceOps.sumAll(this);
    }

    /** The sum along {@code axis}, which is removed. */
    public Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** The sum along {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor sum(int axis, boolean keepDims) {
        return ReduceOps.sum(this, axis, keepDims);
    }

    /** The mean of all elements, as a scalar; summed in double, so it is finite whenever the exact mean is. */
    public Tensor mean() {
        return ReduceOps.meanAll(this);
    }

    /** The mean along {@code axis}, which is removed. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    /** The mean along {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor mean(int axis, boolean keepDims) {
        return ReduceOps.mean(this, axis, keepDims);
    }

    /** The largest element, as a scalar; the gradient goes to its first occurrence. */
    public Tensor max() {
        return ReduceOps.extremeAll(this, true);
    }

    /** The maximum along {@code axis}, which is removed. */
    public Tensor max(int axis) {
        return max(axis, false);
    }

    /** The maximum along {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor max(int axis, boolean keepDims) {
        return ReduceOps.extreme(this, axis, keepDims, true);
    }

    /** The smallest element, as a scalar; the gradient goes to its first occurrence. */
    public Tensor min() {
        return ReduceOps.extremeAll(this, false);
    }

    /** The minimum along {@code axis}, which is removed. */
    public Tensor min(int axis) {
        return min(axis, false);
    }

    /** The minimum along {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor min(int axis, boolean keepDims) {
        return ReduceOps.extreme(this, axis, keepDims, false);
    }

    /** The flat (row-major) index of the first largest element, as a scalar. */
    public Tensor argmax() {
        return ReduceOps.argmaxAll(this);
    }

    /** The index of the first largest element along {@code axis} (stored as floats), the axis removed. */
    public Tensor argmax(int axis) {
        return argmax(axis, false);
    }

    /** The index of the first largest element along {@code axis}, the axis kept as size 1 when {@code keepDims}. */
    public Tensor argmax(int axis, boolean keepDims) {
        return ReduceOps.argmax(this, axis, keepDims);
    }

    // ---------------------------------------------------------------- shape

    /** The same elements in a new shape of equal size; one dimension may be {@code -1} (inferred). */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** Keeps the batch dimension and flattens the rest: {@code [n, d1, d2, …] → [n, d1·d2·…]}; 1-D stays as is. */
    public Tensor flatten() {
        return shape.length <= 2 ? (shape.length == 0 ? reshape(1) : this) : reshape(shape[0], -1);
    }

    /** The transpose of a 2-D tensor. */
    public Tensor transpose() {
        return ShapeOps.transpose(this);
    }

    /** The rows (entries along axis 0) at {@code rows}, in that order; indices may repeat. */
    public Tensor take(int... rows) {
        return ShapeOps.take(this, rows);
    }

    /** The rows {@code [start, end)} along axis 0. */
    public Tensor slice(int start, int end) {
        return ShapeOps.slice(this, start, end);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * The matrix product: {@code [m, k] × [k, n] → [m, n]}; batched {@code [b, m, k] × [b, k, n]
     * → [b, m, n]}; and {@code [b, m, k] × [k, n] → [b, m, n]} (one matrix for the batch).
     */
    public Tensor matmul(Tensor other) {
        return LinalgOps.matmul(this, other);
    }

    // ---------------------------------------------------------------- activations

    /** {@code 1 / (1 + e^−x)}, computed without overflow. */
    public Tensor sigmoid() {
        return ActivationOps.sigmoid(this);
    }

    /** The hyperbolic tangent. */
    public Tensor tanh() {
        return ActivationOps.tanh(this);
    }

    /** {@code max(x, 0)}; gradient 0 at 0. */
    public Tensor relu() {
        return ActivationOps.relu(this);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha·x}; gradient {@code alpha} at 0. */
    public Tensor leakyRelu(float alpha) {
        return ActivationOps.leakyRelu(this, alpha);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha_j·x}, with a learnable slope {@code alpha} broadcast to this shape. */
    public Tensor prelu(Tensor alpha) {
        return ActivationOps.prelu(this, alpha);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha·(e^x − 1)}. */
    public Tensor elu(float alpha) {
        return ActivationOps.elu(this, alpha);
    }

    /** Scaled ELU with the self-normalizing constants of Klambauer et al. (2017). */
    public Tensor selu() {
        return ActivationOps.selu(this);
    }

    /** GELU, exact ({@code x·Φ(x)}) or with the tanh approximation. */
    public Tensor gelu(boolean approximate) {
        return ActivationOps.gelu(this, approximate);
    }

    /** {@code log(1 + e^x)}, stable; equal to {@code x} above 20 as in PyTorch. */
    public Tensor softplus() {
        return ActivationOps.softplus(this);
    }

    /** {@code x / (1 + |x|)}. */
    public Tensor softsign() {
        return ActivationOps.softsign(this);
    }

    /** {@code x·sigmoid(x)} (swish). */
    public Tensor silu() {
        return ActivationOps.silu(this);
    }

    /** {@code clip(x/6 + 1/2, 0, 1)}, the Keras 3 and PyTorch form. */
    public Tensor hardSigmoid() {
        return ActivationOps.hardSigmoid(this);
    }

    /** −1, 0 or +1: the perceptron's activation. Its gradient is zero everywhere (it is a step). */
    public Tensor sign() {
        return ActivationOps.sign(this);
    }

    /** The softmax along {@code axis}, max-shifted so that it never overflows. */
    public Tensor softmax(int axis) {
        return ActivationOps.softmax(this, axis);
    }

    /** The log of the softmax along {@code axis}, by log-sum-exp. */
    public Tensor logSoftmax(int axis) {
        return ActivationOps.logSoftmax(this, axis);
    }

    // ---------------------------------------------------------------- text

    /** NumPy-like text, truncated for large tensors, with the shape. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
