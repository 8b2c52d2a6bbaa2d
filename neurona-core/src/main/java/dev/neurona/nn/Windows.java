package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.ConvSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the convolution and pooling layers share: Keras's tuples (one number or one per axis),
 * padding names, the padding and output size of each axis, and their config forms.
 */
final class Windows {

    private Windows() {
    }

    /** {@code values} as one entry per axis: a single value repeats; each at least {@code min}. */
    static int[] tuple(String label, String what, int rank, int min, int... values) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException(label + ": " + what + " must be one value or " + rank + ", got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        int[] out = values.length == 1 ? filled(rank, values[0]) : values.clone();
        for (int v : out) {
            if (v < min) {
                throw new IllegalArgumentException(label + ": " + what + " must be at least " + min + ", got "
                        + Arrays.toString(values));
            }
        }
        return out;
    }

    static int[] filled(int rank, int value) {
        int[] out = new int[rank];
        Arrays.fill(out, value);
        return out;
    }

    /** A padding name, lower-cased: {@code valid} or {@code same} ({@code causal} too where allowed). */
    static String padding(String label, String value, boolean causal) {
        String p = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (p.equals("valid") || p.equals("same") || (causal && p.equals("causal"))) {
            return p;
        }
        throw new IllegalArgumentException(label + ": padding must be \"valid\" or \"same\"" + (causal ? " or \"causal\"" : "")
                + ", got " + (value == null ? "null" : "\"" + value + "\""));
    }

    /** The {before, after} padding of one axis of {@code size} under {@code padding}. */
    static int[] pad(String padding, int size, int k, int stride, int dilation) {
        return switch (padding) {
            case "same" -> ConvSpec.samePadding(size, k, stride, dilation);
            case "causal" -> new int[] {dilation * (k - 1), 0};
            default -> new int[2];
        };
    }

    /**
     * The output size of one axis, failing (naming the layer and shapes) when the window is larger
     * than the padded input; the hint says when the sample looks channels-first.
     */
    static int outSize(String label, int[] sample, int axis, int k, int stride, int dilation, int[] pad) {
        int size = sample[axis];
        int effective = dilation * (k - 1) + 1;
        if (effective > size + pad[0] + pad[1]) {
            boolean channelsFirst = sample.length >= 3 && sample[0] <= 4 && sample[sample.length - 1] > 4 * sample[0];
            throw new IllegalArgumentException(label + ": the window of " + k + (dilation > 1 ? " (dilated to "
                    + effective + ")" : "") + " is larger than the input's " + size + (pad[0] + pad[1] > 0
                    ? " (" + (size + pad[0] + pad[1]) + " padded)" : "") + " along axis " + (axis + 1) + " of "
                    + Layer.batched(sample) + (channelsFirst ? "; the input looks channels-first: Keras layers here are "
                    + "channels-last [batch, height, width, channels]" : ""));
        }
        return (size + pad[0] + pad[1] - effective) / stride + 1;
    }

    /** Fails unless a sample has {@code rank} axes, naming the expected batched form. */
    static void rank(String label, int[] sample, int rank) {
        if (sample.length != rank) {
            String form = rank == 3 ? "[batch, height, width, channels]" : "[batch, steps, channels]";
            throw new IllegalArgumentException(label + " expects inputs " + form + " (rank " + (rank + 1)
                    + " with the batch), got " + Layer.batched(sample));
        }
    }

    /** A tuple from a config: a number or a list of {@code rank} numbers, each at least {@code min}. */
    static int[] tuple(ConfigKeys c, String key, int rank, int min) {
        Object v = c.get(key);
        if (v instanceof List<?> list) {
            if (list.size() != rank) {
                throw new ConfigException(key, "must be one number or a list of " + rank + ", got " + list);
            }
            int[] out = new int[rank];
            for (int i = 0; i < rank; i++) {
                try {
                    out[i] = (int) ConfigKeys.integerValue(list.get(i), min, Integer.MAX_VALUE);
                } catch (ConfigException e) {
                    throw new ConfigException(key + "[" + i + "]", e.problem());
                }
            }
            return out;
        }
        return filled(rank, (int) c.integer(key, min, Integer.MAX_VALUE));
    }

    /** Refuses a {@code data_format} other than Keras's default {@code channels_last}. */
    static void dataFormat(ConfigKeys c) {
        if (c.has("data_format") && !"channels_last".equals(c.string("data_format"))) {
            throw new ConfigException("data_format", "only \"channels_last\" is supported (inputs [batch, height, "
                    + "width, channels]), got \"" + c.string("data_format") + "\"");
        }
    }

    /** A tuple as a config list. */
    static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
