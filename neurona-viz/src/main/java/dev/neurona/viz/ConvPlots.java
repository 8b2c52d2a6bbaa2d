package dev.neurona.viz;

import dev.neurona.models.LayerGraph;
import dev.neurona.models.Model;
import dev.neurona.nn.Conv2D;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pictures of what a convolutional network learned: the kernels of a {@link Conv2D} layer and
 * the activations (feature maps) one image gives at a layer. Both are grey-level tile grids
 * ({@link TileGrid}), each tile normalized on its own, since filters and channels differ in scale.
 */
final class ConvPlots {

    /** Most tiles drawn; a layer with more filters or channels shows its first ones. */
    static final int MAX_TILES = 64;

    private ConvPlots() {
    }

    // ---------------------------------------------------------------- filters

    static Figure convFilters(Model model, String layerName) {
        Conv2D conv = conv2d(model, layerName, "convFilters");
        if (!conv.isBuilt()) {
            throw new IllegalArgumentException("convFilters: " + conv.name() + " is not built yet; give the model an "
                    + "input shape or fit it first");
        }
        int[] shape = conv.kernel().shape();   // [kh, kw, channels / groups, filters]
        int kh = shape[0];
        int kw = shape[1];
        int in = shape[2];
        int filters = shape[3];
        float[] w = conv.kernel().toArray();
        int shown = Math.min(filters, MAX_TILES);
        List<TileGrid.Tile> tiles = new ArrayList<>();
        for (int f = 0; f < shown; f++) {
            tiles.add(new TileGrid.Tile(filterColours(w, kh, kw, in, filters, f), String.valueOf(f)));
        }
        String channels = in == 1 ? "" : in == 3 ? ", input channels as RGB" : ", " + in + " input channels averaged";
        String title = "Filters of " + conv.name() + ": " + (shown < filters ? "first " + shown + " of " : "")
                + filters + " kernels " + kh + "\u00d7" + kw + channels;
        return TileGrid.figure(title, tiles, kh, kw);
    }

    /**
     * One filter's cells as RGB: three input channels as red, green and blue, one channel (or
     * the mean of the channels) as grey; scaled from the filter's minimum (black) to its maximum
     * (white), a constant filter mid-grey.
     */
    static int[][] filterColours(float[] w, int kh, int kw, int in, int filters, int f) {
        boolean rgb = in == 3;
        double[][][] v = new double[kh][kw][rgb ? 3 : 1];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < kh; r++) {
            for (int c = 0; c < kw; c++) {
                for (int i = 0; i < in; i++) {
                    double x = w[((r * kw + c) * in + i) * filters + f];
                    if (rgb) {
                        v[r][c][i] = x;
                    } else {
                        v[r][c][0] += x / in;
                    }
                }
                for (double x : v[r][c]) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        int[][] out = new int[kh][kw];
        for (int r = 0; r < kh; r++) {
            for (int c = 0; c < kw; c++) {
                double[] x = v[r][c];
                out[r][c] = rgb ? TileGrid.rgb(level(x[0], min, max, 0.5), level(x[1], min, max, 0.5),
                        level(x[2], min, max, 0.5)) : TileGrid.gray(level(x[0], min, max, 0.5));
            }
        }
        return out;
    }

    /** {@code (x − min) / (max − min)}, or {@code constant} when all values are equal. */
    static double level(double x, double min, double max, double constant) {
        return max > min ? (x - min) / (max - min) : constant;
    }

    // ---------------------------------------------------------------- feature maps

    static Figure featureMaps(Model model, Tensor image, String layerName) {
        Layer target = layerName == null ? conv2d(model, null, "featureMaps") : named(model, layerName, "featureMaps");
        Tensor maps = activations(model, image, target);
        int[] s = maps.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("featureMaps: " + target.name() + " (" + target.typeName() + ") gives "
                    + Layer.batched(Arrays.copyOfRange(s, 1, s.length)) + ", not images [batch, height, width, channels]; "
                    + "name a convolution or pooling layer");
        }
        int h = s[1];
        int w = s[2];
        int channels = s[3];
        float[] v = maps.toArray();
        int shown = Math.min(channels, MAX_TILES);
        List<TileGrid.Tile> tiles = new ArrayList<>();
        for (int k = 0; k < shown; k++) {
            tiles.add(new TileGrid.Tile(mapColours(v, h, w, channels, k), String.valueOf(k)));
        }
        String title = "Feature maps at " + target.name() + ": " + (shown < channels ? "first " + shown + " of " : "")
                + channels + " channels " + h + "\u00d7" + w;
        return TileGrid.figure(title, tiles, h, w);
    }

    /** Channel {@code k} of one image's maps {@code [h, w, channels]} as grey, its minimum black, maximum white (constant: black). */
    static int[][] mapColours(float[] v, int h, int w, int channels, int k) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < h * w; p++) {
            min = Math.min(min, v[p * channels + k]);
            max = Math.max(max, v[p * channels + k]);
        }
        int[][] out = new int[h][w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                out[r][c] = TileGrid.gray(level(v[(r * w + c) * channels + k], min, max, 0));
            }
        }
        return out;
    }

    /**
     * The output of {@code target} for one image, computed by running the model's layers in graph
     * order (each layer's own forward pass, in inference mode) until {@code target} has run.
     */
    static Tensor activations(Model model, Tensor image, Layer target) {
        LayerGraph graph = graph(model, "featureMaps");
        if (graph.inputs().size() != 1) {
            throw new IllegalArgumentException("featureMaps: the model has " + graph.inputs().size()
                    + " inputs; this picture feeds one image to a model of one input");
        }
        Tensor x = batchOfOne(image, graph.shape(0));
        Tensor[] values = new Tensor[graph.nodes().size() + graph.inputs().size()];
        values[0] = x;
        try (NoGrad ignored = NoGrad.enter()) {
            for (LayerGraph.Node node : graph.nodes()) {
                List<Tensor> in = node.inputs().stream().map(i -> values[i]).toList();
                values[node.output()] = node.layer().call(in, Mode.INFERENCE);
                if (node.layer() == target) {
                    return values[node.output()];
                }
            }
        }
        throw new IllegalStateException("featureMaps: " + target.name() + " is not on the model's graph");
    }

    /**
     * The image as a batch of one: {@code [h, w, c]} or {@code [1, h, w, c]} as the model takes
     * it, or {@code [h, w]} for a model of one channel.
     */
    static Tensor batchOfOne(Tensor image, int[] sample) {
        int[] s = image.shape();
        int[] batched = new int[sample.length + 1];
        batched[0] = 1;
        System.arraycopy(sample, 0, batched, 1, sample.length);
        boolean fits = Arrays.equals(s, sample) || Arrays.equals(s, batched)
                || (sample.length == 3 && sample[2] == 1 && Arrays.equals(s, Arrays.copyOf(sample, 2)));
        if (fits) {
            return image.reshape(batched);
        }
        String hint = s.length == 3 && sample.length == 3 && s[0] == sample[2] && s[1] == sample[0] && s[2] == sample[1]
                ? "; it looks channels-first [channels, height, width]: the model takes channels-last images" : "";
        throw new IllegalArgumentException("featureMaps: the image has shape " + Arrays.toString(s)
                + ", but the model takes images of shape " + Arrays.toString(sample) + " (one image, or a batch of one "
                + Arrays.toString(batched) + ")" + hint);
    }

    // ---------------------------------------------------------------- finding the layer

    /** Whether the model has a built Conv2D layer whose filters {@link #convFilters} can draw. */
    static boolean hasConv2d(Model model) {
        return model.isBuilt() && layers(model).stream().anyMatch(l -> l instanceof Conv2D);
    }

    /** The named Conv2D layer, or without a name the first. */
    static Conv2D conv2d(Model model, String layerName, String what) {
        List<Layer> layers = layers(model);
        if (layerName != null) {
            Layer l = named(model, layerName, what);
            if (!(l instanceof Conv2D c)) {
                throw new IllegalArgumentException(what + ": " + layerName + " is a " + l.typeName()
                        + ", not a Conv2D layer; the model's Conv2D layers: " + names(layers, true));
            }
            return c;
        }
        return layers.stream().filter(l -> l instanceof Conv2D).map(l -> (Conv2D) l).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + ": the model has no Conv2D layer (its layers: "
                        + names(layers, false) + "); this picture shows a convolutional network's filters and maps"));
    }

    static Layer named(Model model, String layerName, String what) {
        List<Layer> layers = layers(model);
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + ": the model has no layer named '" + layerName
                        + "'; its layers: " + names(layers, false)));
    }

    private static String names(List<Layer> layers, boolean convOnly) {
        List<String> names = layers.stream().filter(l -> !convOnly || l instanceof Conv2D)
                .map(l -> l.name() + " (" + l.typeName() + ")").toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The model's layers in graph order (a subclassed model's children, in the order it added them). */
    private static List<Layer> layers(Model model) {
        if (!model.isBuilt()) {
            return model.layers();
        }
        try {
            return LayerGraph.of(model).nodes().stream().map(LayerGraph.Node::layer).distinct().toList();
        } catch (IllegalArgumentException subclassed) {
            return model.layers();
        }
    }

    private static LayerGraph graph(Model model, String what) {
        if (!model.isBuilt()) {
            throw new IllegalArgumentException(what + ": the model is not built yet; give it an input shape or fit it first");
        }
        try {
            return LayerGraph.of(model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage() + "; this picture runs the layers of a "
                    + "Sequential or functional model in order", e);
        }
    }
}
