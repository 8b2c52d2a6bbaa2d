package dev.neurona.onnx;

import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.tensor.Shape;
import java.util.Arrays;

/**
 * Reads the target of an ONNX {@code Reshape}: a constant shape whose first entry keeps the batch
 * (0, which copies it, or -1 with every other size given), the others sizes, 0 (copy the input's)
 * or one -1 (the rest), for the same number of values per sample.
 */
final class ShapeReader {

    private ShapeReader() {
    }

    /** The sample shape {@code node} reshapes samples of {@code sample} to. */
    static int[] reshaped(ValueTable table, NodeProto node, int[] sample) {
        ConstValue c = node.getInputCount() == 2 ? table.constant(node.getInput(1)) : null;
        if (c == null) {
            throw table.refuse(node, "takes its shape from a computed value; only a constant shape is read");
        }
        long[] target = c.longs();
        long size = Shape.size(sample);
        if (target.length < 2 || (target[0] != 0 && target[0] != -1)) {
            throw table.refuse(node, "reshapes to " + Arrays.toString(target) + "; the first entry must keep the"
                    + " batch (0, or -1 with every other size given)");
        }
        long known = 1;
        int free = -1;
        int[] out = new int[target.length - 1];
        for (int i = 1; i < target.length; i++) {
            long t = target[i];
            if (t == -1 && free < 0 && target[0] != -1) {
                free = i - 1;
            } else if (t == 0 && i - 1 < sample.length) {
                out[i - 1] = sample[i - 1];
                known *= sample[i - 1];
            } else if (t >= 1 && t <= Integer.MAX_VALUE) {
                out[i - 1] = (int) t;
                known *= t;
            } else {
                known = -1;
            }
            if (known < 0 || known > Shape.MAX_ELEMENTS) {
                throw table.refuse(node, "reshapes to " + Arrays.toString(target) + ", which does not keep "
                        + size + " values per sample");
            }
        }
        if (free >= 0 && known > 0 && size % known == 0) {
            out[free] = (int) (size / known);
            known = size;
        }
        if (known != size) {
            throw table.refuse(node, "reshapes samples of " + Shape.toString(sample) + " (" + size + " values) to "
                    + Arrays.toString(target));
        }
        return out;
    }
}
