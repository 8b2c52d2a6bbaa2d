package dev.neurona.nn;

import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dot product of two inputs sample by sample, Keras's {@code Dot}: for vectors
 * {@code [batch, d]} the result is {@code [batch, 1]}; for matrices {@code [batch, n, d]} and
 * {@code [batch, m, d]} with {@code axes = 2} it is {@code [batch, n, m]}. Axes count the batch
 * axis as Keras does. With {@code normalize} each input is first L2-normalized along its axis,
 * so the result is the cosine similarity (a Siamese network's score).
 */
public final class Dot extends Layer {

    private final int axisA;
    private final int axisB;
    private final boolean normalize;

    /** The dot product over {@code axes} of both inputs. */
    public Dot(int axes) {
        this(axes, axes, false);
    }

    /** The dot product over {@code axisA} of the first input and {@code axisB} of the second. */
    public Dot(int axisA, int axisB, boolean normalize) {
        if (axisA == 0 || axisB == 0) {
            throw new IllegalArgumentException("Dot: axis 0 is the batch axis; give sample axes (1, 2 or -1)");
        }
        this.axisA = axisA;
        this.axisB = axisB;
        this.normalize = normalize;
    }

    /** The same dot product with L2-normalized inputs (cosine similarity) when {@code normalize} is on. */
    public Dot normalize(boolean normalize) {
        return new Dot(axisA, axisB, normalize);
    }

    @Override
    protected void requireInputCount(int count) {
        if (count != 2) {
            throw new IllegalArgumentException(label() + " takes exactly two inputs, got " + count);
        }
    }

    /** {@code axis} as a 0-based axis of one sample of rank {@code rank}. */
    private int sampleAxis(int axis, int rank) {
        return LayerShapes.sampleAxis(label(), axis, rank);
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        requireInputCount(inputShapes.size());
        int[] a = inputShapes.get(0);
        int[] b = inputShapes.get(1);
        if (a.length != b.length || a.length > 2) {
            throw new IllegalArgumentException(label() + ": takes two inputs of the same rank, 2 or 3 (batch included), got "
                    + batched(a) + " and " + batched(b));
        }
        int ia = sampleAxis(axisA, a.length);
        int ib = sampleAxis(axisB, b.length);
        if (a[ia] != b[ib]) {
            throw new IllegalArgumentException(label() + ": the dot axes must have the same size, got " + batched(a)
                    + " (axis " + axisA + ": " + a[ia] + ") and " + batched(b) + " (axis " + axisB + ": " + b[ib] + ")");
        }
        if (a.length == 1) {
            return new int[] {1};
        }
        return new int[] {a[1 - ia], b[1 - ib]};
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        requireInputCount(1);
        return x;
    }

    @Override
    protected Tensor forward(List<Tensor> xs, Mode mode) {
        Tensor a = xs.get(0);
        Tensor b = xs.get(1);
        int ia = sampleAxis(axisA, a.rank() - 1) + 1;
        int ib = sampleAxis(axisB, b.rank() - 1) + 1;
        if (normalize) {
            a = l2Normalize(a, ia);
            b = l2Normalize(b, ib);
        }
        if (a.rank() == 2) {
            return a.mul(b).sum(1, true);
        }
        return a.matmul(b, ia == 1, ib == 2);   // [batch, n, d] · [batch, d, m], transposed by the kernel where needed
    }

    /** {@code x / sqrt(max(Σ x², 1e-12))} along {@code axis}, Keras's {@code l2_normalize}. */
    private static Tensor l2Normalize(Tensor x, int axis) {
        return x.div(x.square().sum(axis, true).maximum(1e-12f).sqrt());
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("axes", axisA == axisB ? (Object) axisA : List.of(axisA, axisB));
        s.put("normalize", normalize);
        return s;
    }
}
