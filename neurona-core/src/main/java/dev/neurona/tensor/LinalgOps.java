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
        int m = a.data.length / (batches * k);
        int n = b.shape[rb - 1];
        int[] shape = ra == 2 ? new int[] {a.shape[0], n} : new int[] {a.shape[0], a.shape[1], n};
        long elements = (long) (a.data.length / k) * n;
        if (!Shape.canAllocate(elements)) {
            throw Shape.tooLarge("matmul: " + Shape.toString(a.shape) + " x " + Shape.toString(b.shape) + " gives shape "
                    + Shape.toString(shape) + ", which", java.math.BigInteger.valueOf(elements));
        }
        Tensor out = Graph.empty(shape);
        Gemm gemm = Backend.gemm();
        for (int i = 0; i < batches; i++) {
            gemm.gemm(false, false, m, n, k, 1f, a.data, i * m * k, k, b.data, i * k * n, n, 0f, out.data, i * m * n, n);
        }
        int bs = batches;
        return Graph.record(out, "matmul", g -> {
            Tensor da = null;
            Tensor db = null;
            if (a.requiresGrad) {
                da = Graph.empty(a.shape.clone());
                for (int i = 0; i < bs; i++) {
                    gemm.gemm(false, true, m, k, n, 1f, g.data, i * m * n, n, b.data, i * k * n, n, 0f, da.data, i * m * k, k);
                }
            }
            if (b.requiresGrad) {
                db = Graph.empty(b.shape.clone());
                for (int i = 0; i < bs; i++) {
                    gemm.gemm(true, false, k, n, m, 1f, a.data, i * m * k, k, g.data, i * m * n, n, 0f, db.data, i * k * n, n);
                }
            }
            return new Tensor[] {da, db};
        }, a, b);
    }
}
