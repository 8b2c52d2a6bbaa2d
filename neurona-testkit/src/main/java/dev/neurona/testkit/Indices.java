package dev.neurona.testkit;

import java.util.Arrays;

/** Row-major index helpers shared by the reports of {@link GradCheck} and {@link Tolerance}. */
final class Indices {

    private Indices() {
    }

    /** The multi-index of flat position {@code flat} in a row-major tensor of {@code shape}. */
    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** {@code 7 [1, 3]}: the flat index followed by the multi-index. */
    static String describe(int flat, int[] shape) {
        return flat + " " + Arrays.toString(unravel(flat, shape));
    }
}
