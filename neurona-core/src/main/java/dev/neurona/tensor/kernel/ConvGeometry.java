package dev.neurona.tensor.kernel;

/**
 * The sizes of one 2-D convolution or pooling window, channels-last: an input
 * {@code [n, h, w, cin]}, a window {@code kh × kw} moved by {@code sh, sw} with dilation
 * {@code dh, dw} over the input padded by {@code padTop} rows and {@code padLeft} columns (the
 * far sides' padding is implied by {@code oh, ow}), giving an output {@code [n, oh, ow, filters]}.
 * A convolution's kernel is {@code [kh, kw, cin/groups, filters]} (Keras layout), group
 * {@code g} reading input channels {@code [g·cin/groups, (g+1)·cin/groups)} and writing filters
 * {@code [g·filters/groups, (g+1)·filters/groups)}. Pooling uses {@code filters == cin} and
 * ignores {@code groups}. The ops check the sizes before they make one; this record only
 * holds them, so that a kernel gets every size it needs in one argument.
 *
 * @param cols the output pixels (rows of the patch matrix) one im2col pass holds at a time (the
 *             scratch is {@code cols·kh·kw·cin/groups} floats; see {@link #scratchLength()})
 */
@SuppressWarnings("checkstyle:ParameterNumber")
public record ConvGeometry(int n, int h, int w, int cin, int kh, int kw, int filters, int groups, int sh, int sw,
                           int dh, int dw, int padTop, int padLeft, int oh, int ow, int cols) {

    /**
     * Floats an im2col pass may hold at once: 2²¹ (8 MB), so that a batch (or a large image) goes
     * in chunks of output pixels, and the products still have thousands of rows.
     */
    public static final int COLUMN_FLOATS = 1 << 21;

    /** A geometry whose im2col chunk is as many output pixels as fit in {@link #COLUMN_FLOATS} (at least one). */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public static ConvGeometry of(int n, int h, int w, int cin, int kh, int kw, int filters, int groups, int sh, int sw,
                                  int dh, int dw, int padTop, int padLeft, int oh, int ow) {
        long pixels = (long) n * oh * ow;
        long patch = (long) kh * kw * (cin / groups);
        int chunk = (int) Math.max(1, Math.min(pixels, COLUMN_FLOATS / Math.max(1, patch)));
        return new ConvGeometry(n, h, w, cin, kh, kw, filters, groups, sh, sw, dh, dw, padTop, padLeft, oh, ow, chunk);
    }

    /** Input channels per group. */
    public int cg() {
        return cin / groups;
    }

    /** Filters (output channels) per group. */
    public int fg() {
        return filters / groups;
    }

    /** One im2col row: {@code kh·kw·cin/groups} values. */
    public int patch() {
        return kh * kw * cg();
    }

    /**
     * Whether the convolution is a plain matrix product over the pixels: a 1×1 window, stride 1,
     * no padding ({@code oh == h, ow == w}); then no im2col is needed.
     */
    public boolean pointwise() {
        return kh == 1 && kw == 1 && sh == 1 && sw == 1 && padTop == 0 && padLeft == 0 && oh == h && ow == w;
    }

    /** Whether each group holds one input channel (a depthwise convolution), which runs as direct loops. */
    public boolean depthwise() {
        return groups > 1 && groups == cin;
    }

    /**
     * The floats of scratch a convolution of this geometry needs: one im2col chunk, none when
     * {@link #pointwise()} or {@link #depthwise()}, and at least the Winograd transforms' when
     * its forward and input gradient run by Winograd ({@link WinogradConvolutions#scratchLength}).
     */
    public int scratchLength() {
        if (pointwise() || depthwise()) {
            return 0;
        }
        int im2col = Math.toIntExact((long) cols * patch());
        return WinogradConvolutions.chosen(this) ? Math.max(im2col, WinogradConvolutions.scratchLength(this)) : im2col;
    }
}
