package dev.neurona.models;

import dev.neurona.losses.Loss;
import dev.neurona.losses.Losses;
import dev.neurona.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-output compile settings given as maps keyed by output name (Keras's
 * {@code loss={"class": …, "box": …}}), turned into lists in the model's output order; every
 * key must name an output and every output needs a loss.
 */
final class OutputSettings {

    private OutputSettings() {
    }

    static Compilation compilation(Model model, Optimizer optimizer, Map<String, ?> losses, Map<String, Double> weights,
            Map<String, ? extends List<?>> metrics) {
        if (losses == null || weights == null || metrics == null) {
            throw new IllegalArgumentException("compile: the loss, loss weight and metric maps must not be null (give Map.of())");
        }
        List<String> outputs = model.outputNames();
        requireKnown("loss", losses, outputs);
        requireKnown("loss weight", weights, outputs);
        requireKnown("metrics", metrics, outputs);
        List<Loss> lossList = new ArrayList<>();
        double[] weightList = new double[outputs.size()];
        List<List<Object>> metricList = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            String name = outputs.get(k);
            Object loss = losses.get(name);
            if (loss == null) {
                throw new IllegalArgumentException("compile: no loss for the output '" + name + "'; give one for every "
                        + "output, the model's outputs are " + outputs);
            }
            lossList.add(loss instanceof Loss l ? l : Losses.get(loss.toString()));
            Double w = weights.getOrDefault(name, 1.0);
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("compile: the loss weight of '" + name + "' is " + w
                        + "; weights must be finite and >= 0");
            }
            weightList[k] = w;
            List<?> given = metrics.get(name);
            metricList.add(given == null ? new ArrayList<>() : new ArrayList<>(given));
        }
        return new Compilation(optimizer, lossList, weightList, metricList);
    }

    private static void requireKnown(String what, Map<String, ?> map, List<String> outputs) {
        for (String key : map.keySet()) {
            if (!outputs.contains(key)) {
                throw new IllegalArgumentException("compile: the " + what + " map names the output '" + key
                        + "', which the model does not have; its outputs are " + outputs);
            }
        }
    }
}
