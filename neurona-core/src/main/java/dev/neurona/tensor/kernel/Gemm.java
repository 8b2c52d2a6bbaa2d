package dev.neurona.tensor.kernel;

/**
 * General matrix multiply on row-major {@code float[]} storage, the one entry point every
 * matrix product in Neurona goes through:
 *
 * <pre>C = alpha · op(A) · op(B) + beta · C</pre>
 *
 * where {@code op(X)} is {@code X} or its transpose. {@code op(A)} is {@code m × k},
 * {@code op(B)} is {@code k × n} and {@code C} is {@code m × n}. Leading dimensions are the
 * row strides of the matrices <em>as stored</em>: a stored {@code A} is {@code m × k}
 * ({@code lda ≥ k}) when {@code transA} is false and {@code k × m} ({@code lda ≥ m}) when it is
 * true; likewise for {@code B}. Only {@code c} is modified; {@code c} must not overlap
 * {@code a} or {@code b}. When {@code beta == 0}, {@code C}'s previous content is ignored (a
 * NaN there does not propagate), as in BLAS.
 *
 * <p>Implementations are stateless and thread-safe; the same inputs give bit-identical
 * results on every call with the same implementation and thread count.
 */
public interface Gemm {

    /** Computes {@code C = alpha · op(A) · op(B) + beta · C}; see the class comment. */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float alpha, float[] a, int aOffset, int lda,
              float[] b, int bOffset, int ldb,
              float beta, float[] c, int cOffset, int ldc);

    /** Convenience form for dense, untransposed, offset-free operands: {@code C = A · B}. */
    default void gemm(int m, int n, int k, float[] a, float[] b, float[] c) {
        gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    /** A short name for logs and benchmarks, such as {@code "java"} or {@code "openblas"}. */
    String name();
}
