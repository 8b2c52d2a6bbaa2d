package dev.neurona.nn;

import java.util.List;

/**
 * Resamples images through an affine map, as Keras's image augmentation layers do with the
 * TensorFlow kernel {@code ImageProjectiveTransformV3}: output pixel {@code (x, y)} takes the
 * input at {@code (a0·x + a1·y + a2, b0·x + b1·y + b2)}, a coordinate outside the image
 * first mapped back by the fill mode, then read by nearest or bilinear interpolation, a
 * neighbour outside the image reading {@code fillValue}. The rules and their edge cases
 * (reflection about the outer pixel edge; TensorFlow's rounding half away from zero) are
 * TensorFlow's, so that a model trained here sees the images a Keras model would.
 */
final class ImageSampler {

    /** Keras's fill modes. */
    static final List<String> FILL_MODES = List.of("reflect", "constant", "nearest", "wrap");
    /** The interpolations of the image layers. */
    static final List<String> INTERPOLATIONS = List.of("bilinear", "nearest");

    private ImageSampler() {
    }

    /**
     * Writes image {@code image} of {@code out} ({@code [batch, h, w, c]}, row-major) from the
     * same image of {@code in} through {@code t = {a0, a1, a2, b0, b1, b2}}.
     */
    static void transform(float[] in, float[] out, int image, int h, int w, int c, float[] t,
                          int fillMode, boolean bilinear, float fillValue) {
        int base = image * h * w * c;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float ix = map(t[0] * x + t[1] * y + t[2], w, fillMode);
                float iy = map(t[3] * x + t[4] * y + t[5], h, fillMode);
                int o = base + (y * w + x) * c;
                if (bilinear) {
                    float x0 = (float) Math.floor(ix);
                    float y0 = (float) Math.floor(iy);
                    float x1 = x0 + 1;
                    float y1 = y0 + 1;
                    for (int ch = 0; ch < c; ch++) {
                        float top = (x1 - ix) * read(in, base, h, w, c, (int) y0, (int) x0, ch, fillValue)
                                + (ix - x0) * read(in, base, h, w, c, (int) y0, (int) x1, ch, fillValue);
                        float bottom = (x1 - ix) * read(in, base, h, w, c, (int) y1, (int) x0, ch, fillValue)
                                + (ix - x0) * read(in, base, h, w, c, (int) y1, (int) x1, ch, fillValue);
                        out[o + ch] = (y1 - iy) * top + (iy - y0) * bottom;
                    }
                } else {
                    int ry = (int) roundHalfAway(iy);
                    int rx = (int) roundHalfAway(ix);
                    for (int ch = 0; ch < c; ch++) {
                        out[o + ch] = read(in, base, h, w, c, ry, rx, ch, fillValue);
                    }
                }
            }
        }
    }

    private static float read(float[] in, int base, int h, int w, int c, int y, int x, int ch, float fillValue) {
        return y >= 0 && y < h && x >= 0 && x < w ? in[base + (y * w + x) * c + ch] : fillValue;
    }

    /** C's {@code round}: halves away from zero (Java's {@code Math.round} rounds them up). */
    private static float roundHalfAway(float v) {
        return (float) Math.copySign(Math.floor(Math.abs(v) + 0.5f), v);
    }

    /** A coordinate brought into {@code [0, len − 1]} by fill mode {@code mode} (an index into {@link #FILL_MODES}). */
    static float map(float coord, int len, int mode) {
        float v = coord;
        switch (mode) {
            case 0 -> {   // reflect: d c b a | a b c d | d c b a
                if (v < 0) {
                    if (len <= 1) {
                        v = 0;
                    } else {
                        long sz2 = 2L * len;
                        v = sz2 * (long) (-v / sz2) + v;
                        v = v < -len ? v + sz2 : -v - 1;
                    }
                } else if (v > len - 1) {
                    if (len <= 1) {
                        v = 0;
                    } else {
                        long sz2 = 2L * len;
                        v -= sz2 * (long) (v / sz2);
                        if (v >= len) {
                            v = sz2 - v - 1;
                        }
                    }
                }
            }
            case 3 -> {   // wrap: a b c d | a b c d | a b c d
                if (v < 0) {
                    if (len <= 1) {
                        v = 0;
                    } else {
                        long sz = len - 1;
                        v += len * ((long) (-v / sz) + 1);
                    }
                } else if (v > len - 1) {
                    if (len <= 1) {
                        v = 0;
                    } else {
                        long sz = len - 1;
                        v -= len * (long) (v / sz);
                    }
                }
            }
            case 1 -> {   // constant: left as is, reads outside give the fill value
                return v;
            }
            default -> {   // nearest: clamped below
            }
        }
        return Math.max(0f, Math.min(len - 1f, v));
    }
}
