package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import java.util.List;

/**
 * Shape checks and argument forms shared by the image layers (channels-last, as Keras): the
 * rank they need, named with the expected {@code [batch, height, width, channels]}, and
 * Keras's three ways of giving per-side amounts (one number, a (height, width) pair, or
 * ((top, bottom), (left, right))).
 */
final class ImageShapes {

    /** The form of an image batch, as error messages name it. */
    static final String IMAGES = "[batch, height, width, channels]";
    /** The form of a batch of sequences. */
    static final String SEQUENCES = "[batch, steps, features]";

    private ImageShapes() {
    }

    /**
     * Checks that samples of {@code inputShape} (batch excluded) have {@code rank} axes.
     *
     * @throws IllegalArgumentException naming the layer, the expected form and the shape given
     */
    static void requireRank(String label, int[] inputShape, int rank, String form) {
        if (inputShape.length != rank) {
            throw new IllegalArgumentException(label + " expects input of shape " + form + " (rank " + (rank + 1)
                    + ", channels last), got " + Layer.batched(inputShape));
        }
    }

    /** {@link #requireRank} for an image batch {@link #IMAGES}. */
    static void requireImages(String label, int[] inputShape) {
        requireRank(label, inputShape, 3, IMAGES);
    }

    /** {@code {top, bottom, left, right}} from one amount for every side. */
    static int[] sides(int all) {
        return sides(all, all);
    }

    /** {@code {top, bottom, left, right}} from a symmetric height and width amount. */
    static int[] sides(int height, int width) {
        return new int[] {height, height, width, width};
    }

    /** {@code {top, bottom, left, right}} from {@code {{top, bottom}, {left, right}}}. */
    static int[] sides(String what, int[][] pairs) {
        if (pairs == null || pairs.length != 2 || pairs[0] == null || pairs[1] == null
                || pairs[0].length != 2 || pairs[1].length != 2) {
            throw new IllegalArgumentException(what + ": expected {{top, bottom}, {left, right}}, got "
                    + java.util.Arrays.deepToString(pairs));
        }
        return new int[] {pairs[0][0], pairs[0][1], pairs[1][0], pairs[1][1]};
    }

    /** Checks that every amount is at least 0, naming {@code what}. */
    static int[] nonNegative(String what, int[] sides) {
        for (int s : sides) {
            if (s < 0) {
                throw new IllegalArgumentException(what + ": amounts must be at least 0, got "
                        + asConfig(sides));
            }
        }
        return sides;
    }

    /** Keras's config form {@code [[top, bottom], [left, right]]}. */
    static List<Object> asConfig(int[] sides) {
        return List.of(List.of(sides[0], sides[1]), List.of(sides[2], sides[3]));
    }

    /**
     * Reads a per-side amount from a config: a number, a {@code [height, width]} pair or
     * {@code [[top, bottom], [left, right]]}.
     */
    static int[] sides(ConfigKeys c, String key) {
        Object v = c.required(key);
        try {
            if (v instanceof List<?> list && list.size() == 2) {
                if (list.get(0) instanceof List<?> && list.get(1) instanceof List<?>) {
                    int[] out = new int[4];
                    for (int i = 0; i < 2; i++) {
                        List<?> pair = (List<?>) list.get(i);
                        if (pair.size() != 2) {
                            throw new ConfigException("[" + i + "]", "must be a pair of integers, got " + pair);
                        }
                        out[2 * i] = amount(pair.get(0));
                        out[2 * i + 1] = amount(pair.get(1));
                    }
                    return out;
                }
                return sides(amount(list.get(0)), amount(list.get(1)));
            }
            if (v instanceof Number) {
                return sides(amount(v));
            }
        } catch (ConfigException e) {
            throw e.within(key);
        }
        throw new ConfigException(key, "must be an integer, a pair [height, width] or [[top, bottom], [left, right]], got "
                + ConfigKeys.describe(v));
    }

    private static int amount(Object v) {
        return (int) ConfigKeys.integerValue(v, 0, Integer.MAX_VALUE);
    }

    /** A pair of positive integers from a number or a {@code [height, width]} list under {@code key}. */
    static int[] positivePair(ConfigKeys c, String key) {
        Object v = c.required(key);
        try {
            if (v instanceof List<?> list && list.size() == 2) {
                return new int[] {(int) ConfigKeys.integerValue(list.get(0), 1, Integer.MAX_VALUE),
                    (int) ConfigKeys.integerValue(list.get(1), 1, Integer.MAX_VALUE)};
            }
            if (v instanceof Number) {
                int n = (int) ConfigKeys.integerValue(v, 1, Integer.MAX_VALUE);
                return new int[] {n, n};
            }
        } catch (ConfigException e) {
            throw e.within(key);
        }
        throw new ConfigException(key, "must be a positive integer or a pair [height, width], got " + ConfigKeys.describe(v));
    }

    /** Accepts Keras's {@code data_format} when it is {@code "channels_last"} (or absent), the only layout Neurona has. */
    static void channelsLast(ConfigKeys c) {
        if (c.has("data_format")) {
            String f = c.string("data_format");
            if (!f.equals("channels_last")) {
                throw new ConfigException("data_format", "Neurona's image layers are channels-last "
                        + IMAGES + "; got \"" + f + "\" (transpose channels-first data before the model)");
            }
        }
    }
}
