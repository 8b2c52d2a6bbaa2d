package dev.neurona.viz;

import dev.neurona.tensor.Tensor;

/** Small helpers behind {@link Classifier}. */
final class Classifiers {

    private Classifiers() {
    }

    /** The argmax of each row of {@code scores} {@code [n, K]}. */
    static int[] argmaxRows(Tensor scores) {
        int n = scores.dim(0);
        float[] v = scores.toArray();
        int k = v.length / n;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (v[i * k + c] > v[i * k + best]) {
                    best = c;
                }
            }
            ids[i] = best;
        }
        return ids;
    }
}
