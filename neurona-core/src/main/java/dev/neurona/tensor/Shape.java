package dev.neurona.tensor;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Helpers for shapes, which Neurona passes around as plain {@code int[]} (batch dimension
 * first). A shape of length 0 is a scalar. Every dimension is at least 1.
 */
public final class Shape {

    private Shape() {
    }

    /**
     * The most elements a tensor holds: the largest {@code float[]} a HotSpot JVM allocates
     * (2,147,483,639).
     */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** What the JVM's heap can hold at most ({@code -Xmx}); a larger array can never be allocated. */
    private static final long MAX_HEAP = Runtime.getRuntime().maxMemory();

    /**
     * The number of elements of a tensor of this shape (1 for a scalar).
     *
     * @throws IllegalArgumentException when that is more than {@link #MAX_ELEMENTS}, saying how many
     */
    public static int size(int... shape) {
        return size("shape ", shape, "");
    }

    /** The size, or an error naming {@code before + shape + after} as the request. */
    private static int size(String before, int[] shape, String after) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw tooLarge(before + toString(shape) + after, product(shape));
            }
        }
        return (int) n;
    }

    /**
     * The number of elements of a new tensor of {@code shape}, checked before anything is
     * allocated: not more than {@link #MAX_ELEMENTS}, and not more than the JVM's whole heap
     * could ever hold, so that an oversized request fails with its size instead of an
     * {@link OutOfMemoryError}.
     *
     * @param op names the request in the message, such as {@code "Tensor.zeros"}: "Tensor.zeros:
     *        shape [100000, 100000] would hold 10,000,000,000 floats (40 GB); a tensor holds at
     *        most 2,147,483,639 elements"
     * @throws IllegalArgumentException saying how many floats and bytes were asked for
     */
    public static int allocatable(String op, int... shape) {
        return allocatable(op + ": shape ", shape, "");
    }

    /** {@link #allocatable(String, int...)} for a result shape that no one named: "a tensor of shape [...]". */
    static int allocatable(int[] shape) {
        return allocatable("a tensor of shape ", shape, "");
    }

    private static int allocatable(String before, int[] shape, String after) {
        int n = size(before, shape, after);
        if (4L * n > MAX_HEAP) {
            throw tooLarge(before + toString(shape) + after, BigInteger.valueOf(n));
        }
        return n;
    }

    /**
     * {@code elements} as an {@code int}, checked like {@link #allocatable(String, int...)}
     * before a tensor of that many floats is allocated.
     *
     * @param request names the request in the message, such as {@code "Tensor.arange(0, 1e13)"}
     * @throws IllegalArgumentException saying how many floats and bytes were asked for
     */
    public static int allocatable(String request, long elements) {
        if (!canAllocate(elements)) {
            throw tooLarge(request, BigInteger.valueOf(elements));
        }
        return (int) elements;
    }

    /** Whether a tensor of {@code elements} floats could be allocated here (without building any message). */
    static boolean canAllocate(long elements) {
        return elements >= 0 && elements <= MAX_ELEMENTS && 4 * elements <= MAX_HEAP;
    }

    /**
     * The error for a request of {@code elements} floats that no tensor can hold here, such as
     * {@code "Tensor.arange(0, 1e13) would hold 10,000,000,000,000 floats (40 TB); a tensor
     * holds at most 2,147,483,639 elements"}.
     */
    static IllegalArgumentException tooLarge(String request, BigInteger elements) {
        String asked = request + " would hold " + String.format(java.util.Locale.ROOT, "%,d", elements) + " floats ("
                + bytes(elements.multiply(BigInteger.valueOf(4))) + ")";
        if (elements.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
            return new IllegalArgumentException(asked + "; a tensor holds at most "
                    + String.format(java.util.Locale.ROOT, "%,d", MAX_ELEMENTS) + " elements");
        }
        return new IllegalArgumentException(asked + ", more than this JVM's whole heap (" + bytes(BigInteger.valueOf(MAX_HEAP))
                + "; raise it with -Xmx)");
    }

    /** The exact product of the dimensions, however large. */
    static BigInteger product(int[] shape) {
        BigInteger p = BigInteger.ONE;
        for (int d : shape) {
            p = p.multiply(BigInteger.valueOf(d));
        }
        return p;
    }

    /** A byte count in decimal units: {@code 512 bytes}, {@code 4.0 GB}, {@code 40 TB}. */
    static String bytes(BigInteger count) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        double v = count.doubleValue();
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        if (u == 0) {
            return count + " bytes";
        }
        return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /**
     * Checks that every dimension is positive and returns a defensive copy.
     *
     * @throws IllegalArgumentException naming the bad dimension, or saying how many elements
     *         the shape would hold when that is more than {@link #MAX_ELEMENTS}
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
        size(op + ": shape ", shape, "");
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
     * @throws IllegalArgumentException naming the op and both shapes when they do not broadcast,
     *         or when the result would be too large to allocate (saying how large)
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
        long n = 1;
        for (int d : out) {
            n = Math.min(n * d, Long.MAX_VALUE / Integer.MAX_VALUE);   // saturates: no long overflow
        }
        if (!canAllocate(n)) {
            throw tooLarge(op + ": broadcasting " + toString(a) + " and " + toString(b) + " gives shape " + toString(out)
                    + ", which", product(out));
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
