package dev.neurona.onnx;

import dev.neurona.nn.Add;
import dev.neurona.nn.Average;
import dev.neurona.nn.Concatenate;
import dev.neurona.nn.Divide;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Multiply;
import dev.neurona.nn.Subtract;
import dev.neurona.onnx.GraphBuilder.Attr;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a layer of several inputs as ONNX nodes: Add, Subtract, Multiply, Divide as chains of
 * the binary operator (in the layer's order, so the sums round alike), Average as Mean,
 * Concatenate as Concat. An input of lower rank first gains axes of size
 * 1 after the batch (Unsqueeze), as the merge layers broadcast; ONNX then broadcasts the rest.
 */
final class MergeMapper {

    /** The layer types of several inputs this class writes, for error messages. */
    static final List<String> SUPPORTED = List.of("Add", "Subtract", "Multiply", "Average", "Divide", "Concatenate");

    private MergeMapper() {
    }

    /**
     * Applies {@code layer} to the values {@code xs} of sample shapes {@code shapes}.
     *
     * @throws OnnxExportException for a layer of several inputs without a mapping
     */
    static String apply(GraphBuilder g, Layer layer, List<String> xs, List<int[]> shapes) {
        String scope = layer.path();
        if (layer instanceof Concatenate c) {
            int rank = shapes.get(0).length + 1;
            int axis = c.axis() < 0 ? rank + c.axis() : c.axis();
            return g.op(scope, "Concat", xs, Attr.of("axis", (long) axis));
        }
        String op = layer instanceof Add ? "Add" : layer instanceof Average ? "Mean" : layer instanceof Subtract ? "Sub"
                : layer instanceof Multiply ? "Mul" : layer instanceof Divide ? "Div" : null;
        if (op == null) {
            throw new OnnxExportException("layer " + scope + " (" + layer.getClass().getName() + ") of " + xs.size()
                    + " inputs has no ONNX mapping at opset " + g.opset() + "; supported layers of several inputs: "
                    + SUPPORTED + ", and of one: " + LayerMapper.SUPPORTED);
        }
        List<String> aligned = aligned(g, scope, xs, shapes);
        if (layer instanceof Average) {
            return g.op(scope, op, aligned);
        }
        String out = aligned.get(0);
        for (int i = 1; i < aligned.size(); i++) {
            out = g.op(scope, op, List.of(out, aligned.get(i)));
        }
        return out;
    }

    /** Each value with axes of size 1 inserted after the batch up to the highest rank among them. */
    private static List<String> aligned(GraphBuilder g, String scope, List<String> xs, List<int[]> shapes) {
        int rank = shapes.stream().mapToInt(s -> s.length).max().orElseThrow();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            int missing = rank - shapes.get(i).length;
            if (missing == 0) {
                out.add(xs.get(i));
                continue;
            }
            long[] axes = new long[missing];
            for (int a = 0; a < missing; a++) {
                axes[a] = a + 1;
            }
            out.add(g.opset() >= 13 ? g.op(scope, "Unsqueeze", List.of(xs.get(i), g.int64s(scope, axes)))
                    : g.op(scope, "Unsqueeze", xs.get(i), Attr.ints("axes", axes)));
        }
        return out;
    }
}
