package dev.neurona.nn;

import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cuts rows and columns off the edges of each image, as Keras's {@code Cropping2D}:
 * {@code [batch, h, w, c] → [batch, h − top − bottom, w − left − right, c]}. The amounts are
 * one number for every side, a symmetric (height, width) pair, or
 * {@code {{top, bottom}, {left, right}}}; the default crops nothing.
 */
public final class Cropping2D extends Layer {

    private final int[] sides;   // top, bottom, left, right

    /** Crops nothing, Keras's default. */
    public Cropping2D() {
        this(0);
    }

    /** {@code cropping} rows or columns off every side. */
    public Cropping2D(int cropping) {
        this(ImageShapes.sides(cropping));
    }

    /** {@code height} rows off the top and the bottom, {@code width} columns off the left and the right. */
    public Cropping2D(int height, int width) {
        this(ImageShapes.sides(height, width));
    }

    /** {@code {{top, bottom}, {left, right}}}. */
    public Cropping2D(int[][] cropping) {
        this(ImageShapes.sides("Cropping2D: cropping", cropping));
    }

    private Cropping2D(int[] sides) {
        this.sides = ImageShapes.nonNegative("Cropping2D: cropping", sides);
    }

    /** {@code {{top, bottom}, {left, right}}}. */
    public int[][] cropping() {
        return new int[][] {{sides[0], sides[1]}, {sides[2], sides[3]}};
    }

    @Override
    protected void createWeights(int[] inputShape, java.util.Random random) {
        outputShape(inputShape);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        ImageShapes.requireImages(label(), inputShape);
        int h = inputShape[0] - sides[0] - sides[1];
        int w = inputShape[1] - sides[2] - sides[3];
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(label() + ": cropping " + ImageShapes.asConfig(sides)
                    + " ((top, bottom), (left, right)) leaves nothing of input " + Layer.batched(inputShape)
                    + " (height " + inputShape[0] + ", width " + inputShape[1] + "): each dimension must keep at least one");
        }
        return new int[] {h, w, inputShape[2]};
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        Tensor y = x;
        if (sides[0] + sides[1] > 0) {
            y = y.slice(1, sides[0], x.dim(1) - sides[1], 1);
        }
        if (sides[2] + sides[3] > 0) {
            y = y.slice(2, sides[2], x.dim(2) - sides[3], 1);
        }
        return y;
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("cropping", ImageShapes.asConfig(sides));
        return s;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Rebuilds the layer from its config: {@code cropping} (default 0) and Keras's {@code data_format} (channels_last only). */
    public static Cropping2D fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "cropping", "data_format");
        ImageShapes.channelsLast(c);
        return c.has("cropping") ? new Cropping2D(ImageShapes.sides(c, "cropping")) : new Cropping2D();
    }
}
