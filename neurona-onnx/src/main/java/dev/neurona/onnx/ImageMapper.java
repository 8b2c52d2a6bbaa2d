package dev.neurona.onnx;

import dev.neurona.nn.Cropping2D;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Permute;
import dev.neurona.nn.Rescaling;
import dev.neurona.nn.Reshape;
import dev.neurona.nn.ZeroPadding2D;
import dev.neurona.onnx.GraphBuilder.Attr;
import java.util.List;

/**
 * Writes the layers that move or rescale channels-last values without reading their channels
 * as ONNX's operators do: Reshape ({@code Reshape} with the batch kept by a 0), ZeroPadding2D
 * ({@code Pad} over height and width), Cropping2D ({@code Slice}), Permute ({@code Transpose},
 * the batch first) and Rescaling ({@code x·scale + offset}). Their inputs are channels-last.
 */
final class ImageMapper {

    /** The layer types this class writes, for error messages. */
    static final List<String> SUPPORTED = List.of("Reshape", "ZeroPadding2D", "Cropping2D", "Permute", "Rescaling");

    private ImageMapper() {
    }

    static boolean handles(Layer layer) {
        return SUPPORTED.contains(layer.typeName());
    }

    static String apply(GraphBuilder g, Layer layer, String x) {
        String scope = layer.path();
        int[] in = layer.inputShape();
        if (layer instanceof Reshape) {
            int[] out = layer.outputShape(in);
            long[] shape = new long[out.length + 1]; // 0 keeps the batch
            for (int i = 0; i < out.length; i++) {
                shape[i + 1] = out[i];
            }
            return g.op(scope, "Reshape", List.of(x, g.int64s(scope, shape)));
        } else if (layer instanceof ZeroPadding2D z) {
            int[][] p = z.padding();
            long[] pads = {0, p[0][0], p[1][0], 0, 0, p[0][1], p[1][1], 0};
            return g.op(scope, "Pad", List.of(x, g.int64s(scope, pads)), Attr.of("mode", "constant"));
        } else if (layer instanceof Cropping2D c) {
            int[][] p = c.cropping();
            return g.op(scope, "Slice", List.of(x, g.int64s(scope, p[0][0], p[1][0]),
                    g.int64s(scope, in[0] - p[0][1], in[1] - p[1][1]), g.int64s(scope, 1, 2)));
        } else if (layer instanceof Permute permute) {
            int[] dims = permute.dims();
            long[] perm = new long[dims.length + 1];
            for (int i = 0; i < dims.length; i++) {
                perm[i + 1] = dims[i];
            }
            return g.op(scope, "Transpose", x, Attr.ints("perm", perm));
        }
        Rescaling r = (Rescaling) layer;
        String scaled = g.op(scope, "Mul", List.of(x, g.scalar(scope, r.scale())));
        return r.offset() == 0 ? scaled : g.op(scope, "Add", List.of(scaled, g.scalar(scope, r.offset())));
    }
}
