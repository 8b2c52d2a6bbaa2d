package dev.neurona.nn;

import dev.neurona.names.ConfigException;
import dev.neurona.names.ConfigKeys;
import dev.neurona.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enlarges each image by whole factors, as Keras's {@code UpSampling2D}: {@code [batch, h, w, c]
 * → [batch, h·sh, w·sw, c]}. {@code "nearest"} (the default) repeats each pixel;
 * {@code "bilinear"} interpolates with half-pixel centres (Keras 3's {@code ops.image.resize},
 * TensorFlow's {@code half_pixel_centers}, and PyTorch's {@code align_corners=False}, which
 * agree for enlarging), as two products with constant interpolation matrices, so its gradient
 * comes from the matrix product's.
 */
public final class UpSampling2D extends Layer {

    private final int sizeH;
    private final int sizeW;
    private String interpolation = "nearest";
    private Tensor rows;      // [h·sh, h] for bilinear
    private Tensor columns;   // [w·sw, w]

    /** The same factor for height and width. */
    public UpSampling2D(int size) {
        this(size, size);
    }

    /** Factors for height and width (Keras's default is 2 and 2). */
    public UpSampling2D(int sizeH, int sizeW) {
        if (sizeH < 1 || sizeW < 1) {
            throw new IllegalArgumentException("UpSampling2D: size must be positive, got [" + sizeH + ", " + sizeW + "]");
        }
        this.sizeH = sizeH;
        this.sizeW = sizeW;
    }

    /**
     * {@code "nearest"} (default) or {@code "bilinear"}.
     *
     * @return this layer
     */
    public UpSampling2D interpolation(String interpolation) {
        if (!"nearest".equals(interpolation) && !"bilinear".equals(interpolation)) {
            throw new IllegalArgumentException("UpSampling2D: interpolation must be \"nearest\" or \"bilinear\", got "
                    + (interpolation == null ? "null" : "\"" + interpolation + "\""));
        }
        if (isBuilt()) {
            throw new IllegalStateException(label() + ": set the interpolation before the layer is built");
        }
        this.interpolation = interpolation;
        return this;
    }

    /** The interpolation, {@code "nearest"} or {@code "bilinear"}. */
    public String interpolation() {
        return interpolation;
    }

    @Override
    protected void createWeights(int[] inputShape, java.util.Random random) {
        outputShape(inputShape);
        if (interpolation.equals("bilinear")) {
            rows = bilinear(inputShape[0], sizeH);
            columns = bilinear(inputShape[1], sizeW);
        }
    }

    /** The {@code [n·scale, n]} matrix of half-pixel bilinear weights (rows sum to 1). */
    static Tensor bilinear(int n, int scale) {
        int m = n * scale;
        float[] a = new float[m * n];
        for (int o = 0; o < m; o++) {
            double src = Math.max(0.0, (o + 0.5) / scale - 0.5);
            int i0 = Math.min((int) Math.floor(src), n - 1);
            int i1 = Math.min(i0 + 1, n - 1);
            double t = src - i0;
            a[o * n + i0] += (float) (1 - t);
            a[o * n + i1] += (float) t;
        }
        return Tensor.of(a, m, n);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        ImageShapes.requireImages(label(), inputShape);
        return new int[] {Math.multiplyExact(inputShape[0], sizeH), Math.multiplyExact(inputShape[1], sizeW), inputShape[2]};
    }

    @Override
    protected Tensor forward(Tensor x, Mode mode) {
        int b = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        int c = x.dim(3);
        if (interpolation.equals("nearest")) {
            return x.reshape(b, h, 1, w, 1, c).expand(-1, -1, sizeH, -1, sizeW, -1).reshape(b, h * sizeH, w * sizeW, c);
        }
        Tensor tall = rows.matmul(x.reshape(b, h, w * c));                 // [b, h·sh, w·c]
        Tensor wide = columns.matmul(tall.reshape(b * h * sizeH, w, c));   // [b·h·sh, w·sw, c]
        return wide.reshape(b, h * sizeH, w * sizeW, c);
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("size", List.of(sizeH, sizeW));
        s.put("interpolation", interpolation);
        return s;
    }

    @Override
    public long countParams(int[] inputShape) {
        return 0;
    }

    /** Rebuilds the layer from its config: {@code size} (default [2, 2]), {@code interpolation}, {@code data_format}. */
    public static UpSampling2D fromConfig(Map<String, Object> config) {
        ConfigKeys c = ConfigKeys.of(config).only("type", "name", "size", "interpolation", "data_format");
        ImageShapes.channelsLast(c);
        int[] size = c.has("size") ? ImageShapes.positivePair(c, "size") : new int[] {2, 2};
        UpSampling2D layer = new UpSampling2D(size[0], size[1]);
        if (c.has("interpolation")) {
            String i = c.string("interpolation");
            if (!i.equals("nearest") && !i.equals("bilinear")) {
                throw new ConfigException("interpolation", "must be \"nearest\" or \"bilinear\" (Neurona has no \""
                        + i + "\" yet), got \"" + i + "\"");
            }
            layer.interpolation(i);
        }
        return layer;
    }
}
