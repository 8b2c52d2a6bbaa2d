package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds rows and columns of zeros around each image, as Keras's {@code ZeroPadding2D}:
 * {@code [batch, h, w, c] → [batch, top + h + bottom, left + w + right, c]}. Padding is one
 * amount for every side ({@code zeroPadding2d(1)}, the default), a symmetric (height, width)
 * pair, or {@code {{top, bottom}, {left, right}}}.
 */
public final class ZeroPadding2D extends Layer {

    private final int[] sides;   // top, bottom, left, right

    /** One row or column of zeros on every side, Keras's default. */
    public ZeroPadding2D() {
        this(1);
    }

    /** {@code padding} rows or columns on every side. */
    public ZeroPadding2D(int padding) {
        this(ImageShapes.sides(padding));
    }

    /** {@code height} rows above and below, {@code width} columns left and right. */
    public ZeroPadding2D(int height, int width) {
        this(ImageShapes.sides(height, width));
    }

    /** {@code {{top, bottom}, {left, right}}}. */
    public ZeroPadding2D(int[][] padding) {
        this(ImageShapes.sides("ZeroPadding2D: padding", padding));
    }

    private ZeroPadding2D(int[] sides) {
        this.sides = ImageShapes.nonNegative("ZeroPadding2D: padding", sides);
    }

    /** {@code {{top, bottom}, {left, right}}}. */
    public int[][] padding() {
        return new int[][] {{sides[0], sides[1]}, {sides[2], sides[3]}};
    }

    @Override
    protected void createWeights(int[] inputShape, java.util.Random random) {
        outputShape(inputShape);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        ImageShapes.requireImages(label(), inputShape);
        return new int[] {inputShape[0] + sides[0] + sides[1], inputShape[1] + sides[2] + sides[3], inputShape[2]};
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        // F.pad order: the last axis (channels) first, then width, then height
        return x.pad(new int[] {0, 0, sides[2], sides[3], sides[0], sides[1]}, 0f);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("padding", ImageShapes.asConfig(sides));
        return s;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Rebuilds the layer from its config: {@code padding} (default 1) and Keras's {@code data_format} (channels_last only). */
    public static ZeroPadding2D fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "padding", "data_format");
        ImageShapes.channelsLast(c);
        return c.has("padding") ? new ZeroPadding2D(ImageShapes.sides(c, "padding")) : new ZeroPadding2D();
    }
}
