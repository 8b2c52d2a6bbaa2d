package dev.neurona.models;

import dev.neurona.nn.Layer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Comparing and printing lists of sample shapes, for a model's messages. */
final class LayerShapesCheck {

    private LayerShapesCheck() {
    }

    static boolean same(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static String describe(List<int[]> shapes) {
        return shapes.size() == 1 ? Layer.batched(shapes.get(0))
                : shapes.stream().map(Layer::batched).collect(Collectors.joining(", ", "[", "]"));
    }
}
