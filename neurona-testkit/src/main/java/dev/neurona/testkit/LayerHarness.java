package dev.neurona.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.losses.Losses;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Mode;
import dev.neurona.optim.Optimizers;
import dev.neurona.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The one test every layer passes: output shape, parameter count, configuration round trip
 * through JSON, and one training step that lowers the loss on a tiny batch.
 *
 * <pre>{@code
 * LayerHarness.check(() -> dense(3, "tanh"), new int[] {4}, new int[] {3}, 15);
 * }</pre>
 */
public final class LayerHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 6;

    private LayerHarness() {
    }

    /**
     * Runs all checks on fresh layers from {@code factory}.
     *
     * @param inputShape one sample's shape
     * @param outputShape the expected output shape of one sample
     * @param params the expected number of weight values
     */
    public static void check(Supplier<Layer> factory, int[] inputShape, int[] outputShape, long params) {
        Layer layer = factory.get().name("under_test");
        layer.build(inputShape, new Random(7));
        assertThat(layer.outputShape(inputShape)).as("%s outputShape", layer).containsExactly(outputShape);
        assertThat(layer.countParams()).as("%s parameter count", layer).isEqualTo(params);
        assertThat(factory.get().countParams(inputShape)).as("%s countParams(inputShape) before build", layer).isEqualTo(params);

        Tensor x = Tensor.randn(new Random(11), batched(inputShape));
        Tensor y = layer.call(x, Mode.INFERENCE);
        assertThat(y.shape()).as("%s forward output shape", layer).containsExactly(batched(outputShape));

        Layer rebuilt = roundTrip(layer);
        assertThat(rebuilt.config()).as("%s config after a JSON round trip", layer).isEqualTo(normalized(layer.config()));
        rebuilt.build(inputShape, new Random(7));
        assertThat(rebuilt.call(x, Mode.INFERENCE).toArray())
                .as("%s rebuilt from its config with the same seed gives the same outputs", layer)
                .containsExactly(y.toArray());

        assertOneStepLowersLoss(factory, inputShape);
    }

    /** The layer rebuilt from its configuration after a trip through JSON text. */
    public static Layer roundTrip(Layer layer) {
        return Layers.fromConfig(normalized(layer.config()));
    }

    private static Map<String, Object> normalized(Map<String, Object> config) {
        try {
            return JSON.readValue(JSON.writeValueAsString(config), new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new AssertionError("layer config is not JSON-serializable: " + config, e);
        }
    }

    /**
     * Trains {@code [layer, flatten, dense(2)]} for one SGD step on a fixed tiny batch and checks
     * that the inference-mode loss went down (a layer without weights is checked through the
     * Dense behind it, which still needs the gradient to flow through the layer).
     */
    private static void assertOneStepLowersLoss(Supplier<Layer> factory, int[] inputShape) {
        Sequential model = new Sequential(Layers.input(inputShape), factory.get(), Layers.flatten(), Layers.dense(2));
        model.compile(Optimizers.get("sgd").learningRate(0.05), Losses.get("mse"));
        Tensor x = Tensor.randn(new Random(3), batched(inputShape));
        Tensor y = Tensor.randn(new Random(4), BATCH, 2);
        double before = model.evaluate(x, y).get("loss");
        model.fit(x, y, dev.neurona.train.Fit.epochs(1).batchSize(BATCH).shuffle(false).verbose(0));
        double after = model.evaluate(x, y).get("loss");
        assertThat(after).as("loss after one step with %s", model.layers().get(1)).isLessThan(before);
    }

    private static int[] batched(int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = BATCH;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
