package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Kernels;

/**
 * Matrix products through the {@link Gemm} kernel, batched with broadcast batch dimensions as
 * {@code torch.matmul} (see {@link MatmulShapes}). Transposed operands and the backward
 * products use the kernel's transpose flags, so no transposed copy is ever made:
 * {@code dA = G·op(B)ᵀ}, {@code dB = op(A)ᵀ·G} (each turned around when its operand is stored
 * transposed). A 2-D product, and a batch of A against one matrix B, is a single GEMM call.
 */
final class LinalgOps {

    private LinalgOps() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, false, false);
    }

    static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("matmul: operands must not be null");
        }
        MatmulShapes s = new MatmulShapes(a.shape, b.shape, transA, transB);
        Kernels kernels = Backend.kernels();
        int m = s.m;
        int n = s.n;
        int k = s.k;
        Tensor out = Graph.op("matmul", s.shape, o -> {
            if (s.folded) {
                // one product of all of A's rows, [(batches·m), k] x [k, n]
                kernels.matmul(false, transB, s.batches * m, n, k, 1f, a.storage, 0, k, b.storage, 0, s.ldb, 0f,
                        o.storage, 0, n);
                return;
            }
            for (int i = 0; i < s.batches; i++) {
                kernels.matmul(transA, transB, m, n, k, 1f, a.storage, s.aOffset[i], s.lda, b.storage, s.bOffset[i], s.ldb,
                        0f, o.storage, i * m * n, n);
            }
        }, null, a, b);
        return Graph.record(out, "matmul", g -> new Tensor[] {
                a.requiresGrad ? Graph.op("matmul_grad_a", a.shape.clone(), da -> gradA(kernels, s, g, b, da), null, g, b)
                        : null,
                b.requiresGrad ? Graph.op("matmul_grad_b", b.shape.clone(), db -> gradB(kernels, s, a, g, db), null, a, g)
                        : null}, a, b);
    }

    /**
     * {@code dA = G·op(B)ᵀ} (or its transpose {@code op(B)·Gᵀ} when A is stored transposed),
     * summed over the output matrices that share one matrix of a broadcast A.
     */
    private static void gradA(Kernels kernels, MatmulShapes s, Tensor g, Tensor b, Tensor da) {
        int m = s.m;
        int n = s.n;
        int k = s.k;
        if (s.folded) {
            kernels.matmul(false, !s.transB, s.batches * m, k, n, 1f, g.storage, 0, n, b.storage, 0, s.ldb, 0f,
                    da.storage, 0, k);
            return;
        }
        for (int i = 0; i < s.batches; i++) {
            float beta = s.aFirst[i] ? 0f : 1f;
            if (s.transA) {
                kernels.matmul(s.transB, true, k, m, n, 1f, b.storage, s.bOffset[i], s.ldb, g.storage, i * m * n, n, beta,
                        da.storage, s.aOffset[i], m);
            } else {
                kernels.matmul(false, !s.transB, m, k, n, 1f, g.storage, i * m * n, n, b.storage, s.bOffset[i], s.ldb, beta,
                        da.storage, s.aOffset[i], k);
            }
        }
    }

    /**
     * {@code dB = op(A)ᵀ·G} (or its transpose {@code Gᵀ·op(A)} when B is stored transposed),
     * summed over the output matrices that share one matrix of a broadcast B.
     */
    private static void gradB(Kernels kernels, MatmulShapes s, Tensor a, Tensor g, Tensor db) {
        int m = s.m;
        int n = s.n;
        int k = s.k;
        if (s.folded) {
            int rows = s.batches * m;
            if (s.transB) {
                kernels.matmul(true, false, n, k, rows, 1f, g.storage, 0, n, a.storage, 0, k, 0f, db.storage, 0, k);
            } else {
                kernels.matmul(true, false, k, n, rows, 1f, a.storage, 0, k, g.storage, 0, n, 0f, db.storage, 0, n);
            }
            return;
        }
        for (int i = 0; i < s.batches; i++) {
            float beta = s.bFirst[i] ? 0f : 1f;
            if (s.transB) {
                kernels.matmul(true, s.transA, n, k, m, 1f, g.storage, i * m * n, n, a.storage, s.aOffset[i], s.lda, beta,
                        db.storage, s.bOffset[i], k);
            } else {
                kernels.matmul(!s.transA, false, k, n, m, 1f, a.storage, s.aOffset[i], s.lda, g.storage, i * m * n, n, beta,
                        db.storage, s.bOffset[i], n);
            }
        }
    }
}
