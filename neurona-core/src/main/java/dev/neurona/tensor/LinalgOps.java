package dev.neurona.tensor;

import dev.neurona.tensor.kernel.Backend;
import dev.neurona.tensor.kernel.Gemm;

/**
 * Matrix products through the {@link Gemm} kernel. The backward products use the kernel's
 * transpose flags, so no transposed copy is ever made:
 * {@code dA = G·Bᵀ}, {@code dB = Aᵀ·G}.
 */
final class LinalgOps {

    private LinalgOps() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        int ra = a.shape.length;
        int rb = b.shape.length;
        if (!((ra == 2 && rb == 2) || (ra == 3 && (rb == 2 || rb == 3)))) {
            throw new IllegalArgumentException("matmul: " + Shape.toString(a.shape) + " x " + Shape.toString(b.shape)
                    + ": expected [m, k] x [k, n], [b, m, k] x [b, k, n] or [b, m, k] x [k, n]");
        }
        int k = a.shape[ra - 1];
        int kb = b.shape[rb - 2];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: " + Shape.toString(a.shape) + " x " + Shape.toString(b.shape)
                    + ": inner dimensions differ (" + k + " vs " + kb + ")");
        }
        if (ra == 3 && rb == 3 && a.shape[0] != b.shape[0]) {
            throw new IllegalArgumentException("matmul: " + Shape.toString(a.shape) + " x " + Shape.toString(b.shape)
                    + ": batch sizes differ (" + a.shape[0] + " vs " + b.shape[0] + ")");
        }
        // [b, m, k] x [k, n] is one product of [(b·m), k] x [k, n]
        int batches = ra == 3 && rb == 3 ? a.shape[0] : 1;
        int m = a.array().length / (batches * k);
        int n = b.shape[rb - 1];
        int[] shape = ra == 2 ? new int[] {a.shape[0], n} : new int[] {a.shape[0], a.shape[1], n};
        long elements = (long) (a.array().length / k) * n;
        if (!Shape.canAllocate(elements)) {
            throw Shape.tooLarge("matmul: " + Shape.toString(a.shape) + " x " + Shape.toString(b.shape) + " gives shape "
                    + Shape.toString(shape) + ", which", java.math.BigInteger.valueOf(elements));
        }
        Gemm gemm = Backend.gemm();
        int bs = batches;
        Tensor out = Graph.op("matmul", shape, o -> {
            for (int i = 0; i < bs; i++) {
                gemm.gemm(false, false, m, n, k, 1f, a.array(), i * m * k, k, b.array(), i * k * n, n, 0f, o.array(), i * m * n, n);
            }
        }, null, a, b);
        return Graph.record(out, "matmul", g -> new Tensor[] {
                a.requiresGrad ? Graph.op("matmul_grad_a", a.shape.clone(), da -> {
                    for (int i = 0; i < bs; i++) {
                        gemm.gemm(false, true, m, k, n, 1f, g.array(), i * m * n, n, b.array(), i * k * n, n, 0f,
                                da.array(), i * m * k, k);
                    }
                }, null, g, b) : null,
                b.requiresGrad ? Graph.op("matmul_grad_b", b.shape.clone(), db -> {
                    for (int i = 0; i < bs; i++) {
                        gemm.gemm(true, false, k, n, m, 1f, a.array(), i * m * k, k, g.array(), i * m * n, n, 0f,
                                db.array(), i * k * n, n);
                    }
                }, null, a, g) : null}, a, b);
    }
}
