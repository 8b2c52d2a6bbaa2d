package dev.neurona.onnx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The layout of each exported value: Neurona's channels-last ({@code [batch, …, channels]}, the
 * default) or ONNX's channels-first ({@code [batch, channels, …]}), which Conv, ConvTranspose,
 * the pooling operators and BatchNormalization take. Values change layout only where an
 * operator needs the other one, through one {@code Transpose} each (remembered, so that two
 * readers of a value share it); a run of convolution and pooling layers stays channels-first
 * between them, and elementwise layers keep whatever layout they read.
 */
final class Layouts {

    private final GraphBuilder g;
    /** Values held channels-first. */
    private final Set<String> first = new HashSet<>();
    /** Conversions written so far: value → the same values in the other layout. */
    private final Map<String, String> converted = new HashMap<>();

    Layouts(GraphBuilder g) {
        this.g = g;
    }

    boolean isChannelsFirst(String value) {
        return first.contains(value);
    }

    /** Records that {@code value} (of {@code rank}, batch included) is channels-first; rank 2 has one layout. */
    String markChannelsFirst(String value, int rank) {
        if (rank > 2) {
            first.add(value);
        }
        return value;
    }

    /** Records that {@code value} has the layout {@code channelsFirst}. */
    String mark(String value, boolean channelsFirst, int rank) {
        return channelsFirst ? markChannelsFirst(value, rank) : value;
    }

    /** {@code value} (of {@code rank}) channels-first: {@code Transpose(perm [0, r−1, 1, …, r−2])} when it is not. */
    String channelsFirst(String value, int rank, String scope) {
        if (rank <= 2 || first.contains(value)) {
            return value;
        }
        String known = converted.get(value);
        if (known != null) {
            return known;
        }
        long[] perm = new long[rank];
        perm[1] = rank - 1;
        for (int a = 2; a < rank; a++) {
            perm[a] = a - 1;
        }
        String out = g.op(scope + "/to_channels_first", "Transpose", value, GraphBuilder.Attr.ints("perm", perm));
        first.add(out);
        return remember(value, out);
    }

    /** {@code value} (of {@code rank}) channels-last: {@code Transpose(perm [0, 2, …, r−1, 1])} when it is not. */
    String channelsLast(String value, int rank, String scope) {
        if (!first.contains(value)) {
            return value;
        }
        String known = converted.get(value);
        if (known != null) {
            return known;
        }
        long[] perm = new long[rank];
        for (int a = 1; a < rank - 1; a++) {
            perm[a] = a + 1;
        }
        perm[rank - 1] = 1;
        return remember(value, g.op(scope + "/to_channels_last", "Transpose", value, GraphBuilder.Attr.ints("perm", perm)));
    }

    private String remember(String value, String other) {
        converted.put(value, other);
        converted.put(other, value);
        return other;
    }
}
