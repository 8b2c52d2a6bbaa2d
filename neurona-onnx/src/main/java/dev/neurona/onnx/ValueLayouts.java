package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.nn.SymbolicTensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The axis order each computed value of an imported graph is held in. ONNX's convolutions are
 * channels-first ({@code [N, C, H, W]}) and Neurona's channels-last, so a value that a Conv
 * writes is held as {@code [N, H, W, C]}: its order is {@code [0, 2, 3, 1]} (held axis {@code i}
 * is the graph's axis {@code order[i]}). Elementwise layers keep the order; a Transpose that
 * keeps the batch first only changes it (no layer); where an axis order matters (Flatten, Gemm,
 * a softmax, a graph output) the value is permuted back to the graph's order with a Permute
 * layer, once per value and order.
 */
final class ValueLayouts {

    /** Orders other than the identity, by value. */
    private final Map<String, int[]> orders = new HashMap<>();
    /** Permuted forms made so far, by value and order. */
    private final Map<String, SymbolicTensor> forms = new HashMap<>();

    /** The identity order of {@code rank}. */
    static int[] identity(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = i;
        }
        return p;
    }

    /** Channels-last: {@code [0, 2, …, rank−1, 1]}. */
    static int[] channelsLast(int rank) {
        int[] p = new int[rank];
        for (int i = 1; i < rank - 1; i++) {
            p[i] = i + 1;
        }
        p[rank - 1] = 1;
        return p;
    }

    static boolean isPermutation(int[] p) {
        boolean[] seen = new boolean[p.length];
        for (int v : p) {
            if (v < 0 || v >= p.length || seen[v]) {
                return false;
            }
            seen[v] = true;
        }
        return true;
    }

    /** Whether {@code a} computes element by element, so that any axis order passes through it. */
    static boolean elementwise(Activation a) {
        return !a.name().equals("softmax") && !a.name().equals("log_softmax");
    }

    /** The held axis of the graph's axis {@code axis} under {@code order} (null: the identity). */
    static int heldAxis(int[] order, int axis) {
        if (order == null) {
            return axis;
        }
        for (int i = 0; i < order.length; i++) {
            if (order[i] == axis) {
                return i;
            }
        }
        throw new IllegalArgumentException("axis " + axis + " is not in the order " + Arrays.toString(order));
    }

    /** The order {@code value} is held in, or null for the graph's own. */
    int[] get(String value) {
        return orders.get(value);
    }

    boolean isPermuted(String value) {
        return orders.containsKey(value);
    }

    /** Records the order of {@code value} (null or the identity: the graph's). */
    void set(String value, int[] order) {
        if (order == null || Arrays.equals(order, identity(order.length))) {
            orders.remove(value);
        } else {
            orders.put(value, order.clone());
        }
    }

    /** {@code out} is held as {@code x} is (an elementwise layer, an Identity). */
    void inherit(String out, String x) {
        set(out, orders.get(x));
    }

    /**
     * {@code out = Transpose(x, perm)}, held in the same values: graph axis {@code j} of out is
     * axis {@code perm[j]} of x, so held axis {@code i} (x's axis {@code order[i]}) is out's axis
     * {@code perm⁻¹[order[i]]}.
     */
    void transposed(String out, String x, int[] perm, int rank) {
        int[] order = orders.getOrDefault(x, identity(rank));
        int[] inverse = new int[rank];
        for (int j = 0; j < rank; j++) {
            inverse[perm[j]] = j;
        }
        int[] next = new int[rank];
        for (int i = 0; i < rank; i++) {
            next[i] = inverse[order[i]];
        }
        set(out, next);
    }

    /**
     * Whether flattening {@code value} as held gives the elements in the graph's order: the
     * axes of more than one element are in the graph's order (a 1×1 moved around is no change).
     */
    boolean flattensAlike(String value, int[] sample) {
        int[] order = orders.get(value);
        if (order == null) {
            return true;
        }
        int previous = -1;
        for (int i = 1; i < order.length; i++) {
            if (sample[i - 1] > 1) {
                if (order[i] < previous) {
                    return false;
                }
                previous = order[i];
            }
        }
        return true;
    }

    /** Remembers that {@code held} is {@code value} in the order it is held in now (before it is held otherwise). */
    void keep(String value, SymbolicTensor held, int rank) {
        forms.put(value + Arrays.toString(orders.getOrDefault(value, identity(rank))), held);
    }

    /**
     * {@code value} (held as {@code held}) in the order {@code target}: itself when it is held so,
     * else a Permute made by {@code permute} from Keras dims (counted from 1) and remembered.
     */
    SymbolicTensor form(String value, int[] target, SymbolicTensor held,
                        BiFunction<int[], SymbolicTensor, SymbolicTensor> permute) {
        int rank = target.length;
        int[] order = orders.getOrDefault(value, identity(rank));
        if (Arrays.equals(order, target)) {
            return held;
        }
        String key = value + Arrays.toString(target);
        SymbolicTensor known = forms.get(key);
        if (known != null) {
            return known;
        }
        int[] where = new int[rank]; // graph axis → held axis
        for (int i = 0; i < rank; i++) {
            where[order[i]] = i;
        }
        int[] dims = new int[rank - 1];
        for (int i = 1; i < rank; i++) {
            dims[i - 1] = where[target[i]];
        }
        SymbolicTensor t = permute.apply(dims, held);
        forms.put(key, t);
        return t;
    }
}
