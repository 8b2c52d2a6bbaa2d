package dev.neurona.tensor.kernel;

/**
 * Argument checks shared by every {@link Gemm} implementation, so that the pure-Java and the
 * native kernels reject the same calls with the same messages before touching any array.
 */
public final class GemmChecks {

    private GemmChecks() {
    }

    /**
     * Checks the arguments of {@link Gemm#gemm(boolean, boolean, int, int, int, float, float[], int, int,
     * float[], int, int, float, float[], int, int)}: non-negative dimensions, non-null arrays, no
     * output aliasing an input, leading dimensions at least the stored row length, non-negative
     * offsets and arrays long enough for the stored windows. Modifies nothing.
     *
     * @throws IllegalArgumentException naming the bad argument and what was expected
     */
    public static void validate(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int ldb,
                                float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: dimensions must not be negative: m=" + m + ", n=" + n + ", k=" + k);
        }
        if (a == null || b == null || c == null) {
            throw new IllegalArgumentException("gemm: array " + (a == null ? "a" : b == null ? "b" : "c") + " is null");
        }
        if (c == a) {
            throw new IllegalArgumentException("gemm: c must not be the same array as a (output aliases an input)");
        }
        if (c == b) {
            throw new IllegalArgumentException("gemm: c must not be the same array as b (output aliases an input)");
        }
        // Stored shapes: A is m×k (or k×m transposed), B is k×n (or n×k transposed).
        checkMatrix("A", "a", "lda", transA, transA ? k : m, transA ? m : k, transA ? "m" : "k", a, aOffset, lda);
        checkMatrix("B", "b", "ldb", transB, transB ? n : k, transB ? k : n, transB ? "k" : "n", b, bOffset, ldb);
        checkMatrix("C", "c", "ldc", null, m, n, "n", c, cOffset, ldc);
    }

    private static String describe(String matrix, Boolean trans) {
        return trans == null ? matrix : (trans ? "transposed " : "untransposed ") + matrix;
    }

    private static void checkMatrix(String matrix, String array, String ldName, Boolean trans,
                                    int rows, int cols, String colsName,
                                    float[] x, int offset, int ld) {
        // the matrix's description is built only for a message: this check runs on every call
        if (ld < cols || ld < 1) {
            throw new IllegalArgumentException("gemm: " + ldName + "=" + ld + " is smaller than "
                    + (ld < cols ? colsName + "=" + cols : "1") + " for " + describe(matrix, trans));
        }
        if (offset < 0) {
            throw new IllegalArgumentException("gemm: " + array + "Offset=" + offset + " is negative");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long needed = offset + (long) (rows - 1) * ld + cols;
        if (needed > x.length) {
            throw new IllegalArgumentException("gemm: array " + array + " is too short for " + describe(matrix, trans) + ": "
                    + rows + "×" + cols + " with " + ldName + "=" + ld + " from offset " + offset
                    + " needs " + needed + " elements, it has " + x.length);
        }
    }
}
