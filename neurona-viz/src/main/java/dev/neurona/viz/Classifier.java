package dev.neurona.viz;

import dev.neurona.models.Model;
import dev.neurona.nn.Activation;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.perceptron.OneVsRestResult;
import dev.neurona.perceptron.PerceptronResult;
import dev.neurona.tensor.Tensor;
import java.util.List;
import java.util.Set;

/**
 * Anything that assigns 2-D points to classes, for {@link Plots#decisionBoundary}. Adapters exist
 * for a {@link Model} of one input and one output (Sequential, functional or subclassed), a
 * trained {@link PerceptronResult perceptron} and a {@link OneVsRestResult one-vs-rest
 * perceptron}; a lambda does for anything else.
 */
@FunctionalInterface
public interface Classifier {

    /**
     * The class of each point and how sure the classifier is.
     *
     * @param ids        class ids {@code 0…K−1}, one per point
     * @param confidence in [0, 1] per point (0 on the boundary, 1 far from it); plots shade by it
     */
    record Classes(int[] ids, float[] confidence) {
    }

    /** Classifies the points {@code [n, 2]}. */
    Classes classify(Tensor points);

    /**
     * A network's classes: the argmax of a {@code [n, K]} output (confidence from the top probability),
     * or for one output the threshold 0.5 after a sigmoid and 0 otherwise (tanh, linear, as with
     * −1/+1 targets), class 1 above it. The last activation is the one on the path to the output
     * (for a subclassed model, the last of its layers).
     *
     * @throws IllegalArgumentException for a model of several inputs or outputs, naming the counts
     */
    static Classifier of(Model model) {
        ModelLayers.requireSingle(model, "Classifier");
        boolean probability = Set.of("sigmoid", "hard_sigmoid").contains(lastActivation(ModelLayers.towardsOutput(model)));
        return points -> {
            Tensor out = model.predict(points, 4096);
            int n = points.dim(0);
            float[] v = out.toArray();
            int k = v.length / n;
            int[] ids = new int[n];
            float[] conf = new float[n];
            for (int i = 0; i < n; i++) {
                if (k == 1) {
                    float s = probability ? 2 * (v[i] - 0.5f) : v[i];
                    ids[i] = s > 0 ? 1 : 0;
                    conf[i] = Math.min(1f, Math.abs(s));
                } else {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (v[i * k + c] > v[i * k + best]) {
                            best = c;
                        }
                    }
                    ids[i] = best;
                    conf[i] = Math.max(0f, Math.min(1f, (v[i * k + best] - 1f / k) / (1f - 1f / k)));
                }
            }
            return new Classes(ids, conf);
        };
    }

    /** A perceptron's classes: 1 where {@code w·x̃ >= 0} (label +1), else 0 (label −1). */
    static Classifier of(PerceptronResult perceptron) {
        return points -> {
            float[] s = perceptron.decisionFunction(points).toArray();
            int[] ids = new int[s.length];
            float[] conf = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                ids[i] = s[i] >= 0 ? 1 : 0;
                conf[i] = 1f;
            }
            return new Classes(ids, conf);
        };
    }

    /** A one-vs-rest perceptron's classes: the class with the highest score. */
    static Classifier of(OneVsRestResult perceptrons) {
        return points -> {
            int[] ids = Classifiers.argmaxRows(perceptrons.decisionFunction(points));
            float[] conf = new float[ids.length];
            java.util.Arrays.fill(conf, 1f);
            return new Classes(ids, conf);
        };
    }

    private static String lastActivation(List<Layer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense dense) {
                return dense.activation().name();
            }
            if (layer instanceof Activation activation) {
                return activation.function().name();
            }
        }
        return "linear";
    }
}
