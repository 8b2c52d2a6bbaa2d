package dev.neurona.models;

import dev.neurona.nn.Layer;
import dev.neurona.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/** Collects the losses that the layers of a model tree added in a forward pass ({@code Layer.addLoss}). */
final class AddedLosses {

    private AddedLosses() {
    }

    /** The sum of every layer's added losses, each layer visited once, which forgets them; {@code null} for none. */
    static Tensor collect(Layer root) {
        Tensor total = null;
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Layer> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Layer layer = todo.pop();
            if (!seen.add(layer)) {
                continue;
            }
            for (Tensor loss : layer.takeAddedLosses()) {
                Tensor scalar = loss.rank() == 0 ? loss : loss.reshape();
                total = total == null ? scalar : total.add(scalar);
            }
            for (Layer child : layer.children()) {
                todo.push(child);
            }
        }
        return total;
    }
}
