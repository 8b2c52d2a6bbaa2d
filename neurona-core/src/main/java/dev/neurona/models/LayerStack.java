package dev.neurona.models;

import dev.neurona.nn.Layer;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layers of a model in order, with Keras's naming ({@code dense_1}, {@code dense_2}, … per
 * type, names unique within the model) and their weights in Keras order (per layer: kernel,
 * then bias).
 */
final class LayerStack {

    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();

    /** The layers themselves (a live list, for the model and its inference plan). */
    List<Layer> list() {
        return layers;
    }

    /**
     * Appends a layer, naming it unless it has a name.
     *
     * @throws IllegalArgumentException for null, a layer of another model, or a name taken already
     */
    void add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential.add: layer must not be null");
        }
        if (layer.isBuilt() || layers.contains(layer)) {
            throw new IllegalArgumentException("Sequential.add: " + layer + " already belongs to a model");
        }
        String base = layer.typeName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        int count = nameCounts.merge(base, 1, Integer::sum);
        if (layer.name() == null) {
            layer.name(base + "_" + count);
        }
        for (Layer other : layers) {
            if (other.name().equals(layer.name())) {
                throw new IllegalArgumentException("Sequential.add: a layer named '" + layer.name() + "' exists already");
            }
        }
        layers.add(layer);
    }

    /** All parameters, layer by layer in Keras order. */
    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    /** The sum of the layers' regularization penalties, or {@code null} when none has one. */
    Tensor regularizationLoss() {
        Tensor total = null;
        for (Layer layer : layers) {
            Tensor p = layer.regularizationLoss();
            if (p != null) {
                total = total == null ? p : total.add(p);
            }
        }
        return total;
    }

    /**
     * Overwrites the weights, in the order of {@link #parameters()}.
     *
     * @throws IllegalArgumentException when the count or a shape differs, naming the parameter
     */
    void setWeights(List<Tensor> weights) {
        List<Parameter> params = parameters();
        if (weights.size() != params.size()) {
            throw new IllegalArgumentException("setWeights: the model has " + params.size() + " weight tensors, got "
                    + weights.size());
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).assign(weights.get(i));
        }
    }
}
