package dev.neurona.tensor;

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
 * broadcast as NumPy does. The methods only check arguments and delegate: they are grouped by
 * kind in package-private interfaces this class implements (elementwise, reductions, shape,
 * indexing, activations), and the math of each group lives in {@code MathOps},
 * {@code ReduceOps}, {@code ShapeOps}, {@code MovementOps}, {@code IndexOps}, {@code LinalgOps}
 * and {@code ActivationOps}, each op's backward beside its forward. {@link Compiled} runs a whole
 * training step of such ops as a replayed plan.
 *
 * <p>A tensor is not thread-safe while it is being modified (an optimizer step) or while
 * its gradient accumulates; reading from several threads is safe.
 */
public non-sealed class Tensor implements ElementwiseMethods, ReductionMethods, ShapeMethods, ActivationMethods, IndexingMethods,
        ConvMethods, NormMethods,
        HostMethods {

    /** Where the values live; tensors that alias one buffer (a reshape, a detach) share it. */
    final Storage storage;
    final int[] shape;
    boolean requiresGrad;
    Tensor grad;
    /** Set by {@link #zeroGrad()}: the next contribution replaces the zeros instead of adding to them. */
    boolean gradZeroed;
    /** How this tensor was computed; {@code null} for a leaf or after the graph was released. */
    Node node;
    /** Set when backward released the graph that produced this tensor. */
    boolean released;
    /** The logits this tensor is the softmax (last axis) or sigmoid of, for a cross-entropy to start from; else {@code null}. */
    Tensor logits;
    /** Whether {@link #logits} went through a softmax (else a sigmoid). */
    boolean softmaxOfLogits;

    /** Wraps {@code data} without copying; callers guarantee {@code data.length == size(shape)}. */
    Tensor(float[] data, int[] shape) {
        this(new Storage(data), shape);
    }

    /** A tensor over {@code storage}, shared with the tensors that alias it. */
    Tensor(Storage storage, int[] shape) {
        this.storage = storage;
        this.shape = shape;
    }

    /** The values, for the op groups of this package (a compiled step may move them to another buffer). */
    final float[] array() {
        return storage.array;
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
     * For buffers reused from step to step (the fit loop's batches); prefer {@link #of(float[], int...)}.
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
        java.util.Arrays.fill(t.array(), value);
        return t;
    }

    /** The {@code n × n} identity matrix. */
    public static Tensor eye(int n) {
        Tensor t = zeros("Tensor.eye", new int[] {n, n});
        for (int i = 0; i < n; i++) {
            t.array()[i * n + i] = 1f;
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
        for (int i = 0; i < t.array().length; i++) {
            t.array()[i] = low + (high - low) * random.nextFloat();
        }
        return t;
    }

    /** Values drawn from the standard normal distribution with the given generator. */
    public static Tensor randn(Random random, int... shape) {
        Tensor t = zeros("Tensor.randn", shape);
        for (int i = 0; i < t.array().length; i++) {
            t.array()[i] = (float) random.nextGaussian();
        }
        return t;
    }

    /** Joins tensors along {@code axis} (negative counts from the end); all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return ShapeOps.concat(axis, tensors);
    }

    /**
     * Joins tensors of one shape along a new axis {@code axis} (from {@code -rank-1} to
     * {@code rank}): three {@code [2, 3]} stacked on axis 0 give {@code [3, 2, 3]}.
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        return MovementOps.stack(axis, tensors);
    }

    /**
     * Elementwise {@code condition ? a : b}, broadcasting all three, as {@code torch.where}: a
     * condition entry is true where nonzero (a mask from {@code gt}, {@code eq}, …). The
     * gradient goes to {@code a} where true and to {@code b} where false; none to the condition.
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return IndexOps.where(condition, a, b);
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
        return array().length;
    }

    /**
     * The element at the given index, one coordinate per dimension.
     *
     * @throws IndexOutOfBoundsException naming the bad coordinate
     */
    public float get(int... index) {
        touched("get()");
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
        return array()[flat];
    }

    /** The value of a one-element tensor. */
    public float item() {
        touched("item()");
        if (array().length != 1) {
            throw new IllegalStateException("item(): the tensor has " + array().length + " elements (shape "
                    + Shape.toString(shape) + "); item() needs exactly one");
        }
        return array()[0];
    }

    /** A copy of the elements in row-major order. */
    public float[] toArray() {
        touched("toArray()");
        return array().clone();
    }

    /** A copy of a 2-D tensor as {@code float[rows][columns]}. */
    public float[][] toArray2d() {
        touched("toArray2d()");
        if (shape.length != 2) {
            throw new IllegalStateException("toArray2d(): needs a 2-D tensor, got shape " + Shape.toString(shape));
        }
        float[][] rows = new float[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            rows[r] = java.util.Arrays.copyOfRange(array(), r * shape[1], (r + 1) * shape[1]);
        }
        return rows;
    }

    /**
     * The live backing array, row-major.
     *
     * @deprecated reach values through the explicit copies ({@link #toArray()},
     *             {@link #copyTo(float[], int)}, {@link #assign(float[], int)}) or in place
     *             through {@link #onHost(HostAccess)}, which a device backend can sync around;
     *             a live array cannot follow a tensor that a compiled step moves to another
     *             buffer, nor one that lives on a device. No code of the library calls this.
     */
    @Deprecated
    public float[] data() {
        touched("data()");
        return array();
    }

    /** Refuses a trace in progress: code outside the ops reads or writes values (see {@link Compiled}). */
    static void touched(String access) {
        Trace trace = Trace.current();
        if (trace != null) {
            trace.valuesTouched(access);
        }
    }

    /**
     * A tensor of {@code shape} whose values {@code fill} writes (every one of them): generated
     * values such as a dropout mask or noise. In a {@link Compiled} step, {@code fill} runs
     * again at every replay, so it must draw fresh values each time it runs (from a counter it
     * advances, say); it may read other tensors' values.
     *
     * @param op the op's name, for the graph and for errors
     */
    public static Tensor generate(String op, java.util.function.Consumer<float[]> fill, int... shape) {
        int[] s = Shape.checked(op, shape);
        return Graph.op(op, s, out -> fill.accept(out.array()), null);
    }

    /**
     * {@link #generate(String, java.util.function.Consumer, int...)} from another tensor's
     * values: {@code fill} gets {@code input}'s values and the output's, and writes every
     * output value (labels converted and checked as an op, so that a compiled step does it
     * for every batch). No gradient flows to {@code input}.
     */
    public static Tensor generate(String op, Tensor input, HostAccess.Pair fill, int... shape) {
        int[] s = Shape.checked(op, shape);
        return Graph.op(op, s, out -> fill.apply(input.array(), out.array()), null, input);
    }

    /** A deep copy that records no graph and does not require grad. */
    public Tensor copy() {
        if (Trace.current() == null) {
            return new Tensor(array().clone(), shape.clone());   // no op to record: allocates only the copy
        }
        return Graph.op("copy", shape.clone(), out -> System.arraycopy(array(), 0, out.array(), 0, out.array().length), null,
                this);
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
            grad = new Tensor(new float[array().length], shape.clone());
        }
        Tensor g = grad;
        Graph.effect("zero_grad", () -> java.util.Arrays.fill(g.array(), 0f), g);
        gradZeroed = true;
    }

    /**
     * Computes the gradient of this scalar with respect to every leaf that requires grad,
     * adding it to their {@link #grad()}, then releases the graph.
     *
     * @throws IllegalStateException if this tensor has more than one element, does not
     *         require grad, or its graph was already released
     */
    public void backward() {
        if (array().length != 1) {
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
        return new Tensor(storage, shape);
    }

    /** Adds {@code g} into the gradient of this leaf. */
    void accumulateGrad(Tensor g) {
        if (grad == null || gradZeroed) {
            if (grad == null) {
                grad = new Tensor(new float[array().length], shape.clone());
            }
            gradZeroed = false;
            Tensor dst = grad;
            Graph.effect("set_grad", () -> System.arraycopy(g.array(), 0, dst.array(), 0, dst.array().length), dst, g);
        } else {
            Tensor dst = grad;
            Graph.effect("accumulate_grad", () -> {
                float[] d = dst.array();
                float[] s = g.array();
                for (int i = 0; i < d.length; i++) {
                    d[i] += s[i];
                }
            }, dst, dst, g);
        }
    }

    // ---------------------------------------------------------------- text

    /** NumPy-like text, truncated for large tensors, with the shape. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
