package dev.neurona.train;

import dev.neurona.losses.Loss;
import dev.neurona.nn.Activation;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Layer;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.logging.Logger;

/**
 * The model's output layer against its loss, checked before fit or evaluate: combinations
 * that cannot learn are errors (a softmax over one unit; a class loss over one output), and
 * combinations that train but are probably not meant are warnings, logged once per model
 * and message through {@code java.util.logging} (logger {@code dev.neurona.train.OutputChecks}).
 */
final class OutputChecks {

    static final Logger LOG = Logger.getLogger(OutputChecks.class.getName());

    /** The warnings already given, per model (weakly held, so that a dropped model is forgotten). */
    private static final Map<Network, Set<String>> WARNED = Collections.synchronizedMap(new WeakHashMap<>());

    private static final Set<String> PROBABILITY_LOSSES =
            Set.of("binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy");

    private OutputChecks() {
    }

    /**
     * @param outputShape the model's output for one sample, or {@code null} when not known
     * @throws IllegalArgumentException for an output that cannot learn under {@code loss}
     */
    static void check(String op, Network network, int output, Loss loss, int[] outputShape) {
        if (outputShape == null || outputShape.length == 0) {
            return;
        }
        int units = outputShape[outputShape.length - 1];
        String activation = outputActivation(network.outputLayers(output));
        String lossName = loss.name();
        boolean classLoss = lossName.equals("categorical_crossentropy") || lossName.equals("sparse_categorical_crossentropy");
        if ("softmax".equals(activation) && units == 1) {
            throw new IllegalArgumentException(op + ": the last layer is a softmax over 1 unit, which always outputs 1, "
                    + "so nothing is learnt; for 0/1 labels use one sigmoid unit with binary_crossentropy, for k classes "
                    + "k softmax units");
        }
        if (classLoss && units == 1) {
            throw new IllegalArgumentException(op + ": " + lossName + " needs one output unit per class, but the model "
                    + "outputs 1 value per sample, so the loss is always 0 and nothing is learnt; for 0/1 labels use one "
                    + "sigmoid unit with binary_crossentropy, for k classes k softmax units");
        }
        if (lossName.equals("binary_crossentropy") && "softmax".equals(activation) && units == 2) {
            warnOnce(network, "binary_crossentropy on a 2-unit softmax output, whose two columns carry the same "
                    + "probability; use categorical_crossentropy (one-hot targets of 2 columns), or one sigmoid unit "
                    + "with binary_crossentropy (0/1 labels)");
        }
        if (!PROBABILITY_LOSSES.contains(lossName) || activation == null) {
            return;
        }
        boolean logits = Boolean.TRUE.equals(loss.config().get("from_logits"));
        if (!logits && activation.equals("linear")) {
            String squash = lossName.equals("binary_crossentropy") ? "sigmoid" : "softmax";
            warnOnce(network, lossName + " expects probabilities, but the last layer has no activation "
                    + "(linear), so outputs outside [0, 1] are clipped and stop learning; add a " + squash
                    + " activation, or use the loss with from_logits=true");
        } else if (logits && (activation.equals("sigmoid") || activation.equals("softmax"))) {
            warnOnce(network, lossName + " takes logits (from_logits=true), but the last layer already "
                    + "applies " + activation + "; remove that activation, or use the loss with from_logits=false");
        }
    }

    /**
     * The name of the activation the output goes through last (a Dense layer's own, or an
     * Activation layer's; dropout after it is skipped), or {@code null} when the last layer is
     * another kind.
     */
    static String outputActivation(List<Layer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            if (layer instanceof Dropout) {
                continue;
            }
            if (layer instanceof Activation a) {
                return a.function().name();
            }
            if (layer instanceof Dense d) {
                return d.activation() == null ? "linear" : d.activation().name();
            }
            return null;
        }
        return null;
    }

    private static void warnOnce(Network network, String message) {
        Set<String> given = WARNED.computeIfAbsent(network, n -> Collections.synchronizedSet(new HashSet<>()));
        if (given.add(message)) {
            LOG.warning(message);
        }
    }
}
