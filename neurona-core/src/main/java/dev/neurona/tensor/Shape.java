package dev.neurona.tensor;

import java.util.Arrays;

/**
 * Helpers for shapes, which Neurona passes around as plain {@code int[]} (batch dimension
 * first). A shape of length 0 is a scalar. Every dimension is at least 1.
 */
public final class Shape {

    private Shape() {
    }

    /** The number of elements of a tensor of this shape (1 for a scalar). */
    public static int size(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + toString(shape)
                        + " has more than " + (Integer.MAX_VALUE - 8) + " elements");
            }
        }
        return (int) n;
    }

    /**
     * Checks that every dimension is positive and returns a defensive copy.
     *
     * @throws IllegalArgumentException naming the bad dimension
     */
    public static int[] checked(String op, int... shape) {
        if (shape == null) {
            throw new IllegalArgumentException(op + ": shape must not be null");
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException(op + ": dimension " + i + " of shape " + toString(shape)
                        + " is " + shape[i] + "; every dimension must be at least 1");
            }
        }
        size(shape);
        return shape.clone();
    }

    /** Formats a shape as {@code [2, 3]}. */
    public static String toString(int... shape) {
        return Arrays.toString(shape);
    }

    /** Normalizes a possibly negative axis ({@code -1} is the last) for a tensor of the given rank. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank "
                    + rank + " (expected " + (-rank) + " to " + (rank - 1) + ")");
        }
        return a;
    }

    /**
     * The NumPy broadcast of two shapes: aligned at the right, each pair of dimensions equal
     * or one of them 1.
     *
     * @throws IllegalArgumentException naming the op and both shapes when they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + toString(a) + " and " + toString(b)
                        + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db
                        + "; sizes must be equal or 1)");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** The shape after reducing {@code axis}: removed, or kept as 1 with {@code keepDims}. */
    public static int[] reduced(int[] shape, int axis, boolean keepDims) {
        if (keepDims) {
            int[] out = shape.clone();
            out[axis] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** The product of the dimensions before {@code axis}. */
    public static int outer(int[] shape, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** The product of the dimensions after {@code axis}. */
    public static int inner(int[] shape, int axis) {
        int n = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }
}
