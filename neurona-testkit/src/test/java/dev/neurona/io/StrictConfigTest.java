package dev.neurona.io;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.normalization;
import static dev.neurona.nn.Layers.prelu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.activations.Activations;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.names.ConfigException;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Regularizer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.optim.Adam;
import dev.neurona.optim.ExponentialDecay;
import dev.neurona.optim.Optimizer;
import dev.neurona.optim.Optimizers;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration value a model file holds is checked when it loads: a missing required
 * key, a wrong type, an out-of-range value or an unknown key is a {@link ModelFileException}
 * naming the file, config.json and the JSON path of the key, never a model that loads with a
 * default in its place or fails only at {@code predict}.
 */
class StrictConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tensor[] DATA = Fixtures.classification(7, 20, 3, 3);

    @TempDir
    Path dir;
    private Path valid;
    private Path bad;

    @BeforeEach
    void saveAModelOfEveryKind() throws IOException {
        Dense hidden = dense(4, Activations.leakyRelu(0.1)).kernelInitializer(Initializers.randomNormal(0, 0.1))
                .kernelRegularizer(Regularizer.l2(0.01));
        Sequential model = new Sequential(input(3), normalization(), hidden, prelu(), dropout(0.25), dense(3),
                activation("softmax")).seed(6);
        Optimizer adam = new Adam().learningRate(new ExponentialDecay(0.01, 10, 0.9));
        model.compile(adam, Losses.categoricalCrossentropy(false, 0.1), Metrics.accuracy(),
                Metrics.topKCategoricalAccuracy(2));
        model.fit(DATA[0], DATA[1], Fit.epochs(1).batchSize(8).verbose(0));
        valid = dir.resolve("valid.nrn");
        bad = dir.resolve("bad.nrn");
        model.save(valid);
    }

    @SuppressWarnings("unchecked")
    private Path withConfig(Consumer<Map<String, Object>> edit) throws IOException {
        Map<String, Object> config = JSON.readValue(Fixtures.entries(valid).get("config.json"), Map.class);
        edit.accept(config);
        return Fixtures.rewrite(valid, bad, Map.of("config.json", JSON.writeValueAsBytes(config)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layer(Map<String, Object> config, int i) {
        return (Map<String, Object>) ((List<?>) ((Map<String, Object>) config.get("model")).get("layers")).get(i);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compile(Map<String, Object> config, String key) {
        return (Map<String, Object>) ((Map<String, Object>) config.get("compile")).get(key);
    }

    private AbstractThrowableAssert<?, ?> assertRejected(Consumer<Map<String, Object>> edit, String message)
            throws IOException {
        Path file = withConfig(edit);
        return assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
    }

    @Test
    void theValidFileLoads() throws IOException {
        Sequential loaded = Sequential.load(withConfig(c -> { }));
        assertThat(loaded.predict(DATA[0]).shape()).containsExactly(20, 3);
    }

    @Test
    void anActivationObjectWithoutNameIsAnErrorNotLinear() throws IOException {
        assertRejected(c -> layer(c, 2).put("activation", Map.of("alpha", 0.1)),
                "config.json: model.layers[2].activation: missing \"name\"");
        assertRejected(c -> layer(c, 6).put("activation", Map.of()), "config.json: model.layers[6].activation: missing \"name\"");
        assertRejected(c -> layer(c, 2).put("activation", Map.of("name", "leaky_relu", "alpha", "steep")),
                "model.layers[2].activation.alpha: must be a finite number, got \"steep\"");
        assertRejected(c -> layer(c, 2).put("activation", 7), "model.layers[2].activation: must be a name such as");
        assertRejected(c -> layer(c, 2).put("activation", "relux"), "model.layers[2].activation: unknown activation 'relux'");
        assertRejected(c -> layer(c, 6).put("activation", Map.of("name", "relu", "axis", 1)),
                "model.layers[6].activation.axis: unknown key");
    }

    @Test
    void aSoftmaxAxisOutsideTheInputRankFailsAtLoadNotAtPredict() throws IOException {
        assertRejected(c -> layer(c, 6).put("activation", Map.of("name", "softmax", "axis", 2147483648L)),
                "config.json: model.layers[6].activation.axis: must be an integer from -2147483648 to 2147483647, got 2147483648");
        assertRejected(c -> layer(c, 6).put("activation", Map.of("name", "softmax", "axis", -2147483648L)),
                "config.json: model.layers[6].activation.axis: softmax over axis -2147483648 of inputs of rank 2 "
                        + "(batch included): the axis must be in [-2, 1]");
        assertRejected(c -> layer(c, 5).put("activation", Map.of("name", "log_softmax", "axis", 2)),
                "config.json: model.layers[5].activation.axis: log_softmax over axis 2");
        // built in code, the same layer fails when it is built
        Sequential model = new Sequential(input(3), dense(2, Activations.softmax(3)));
        assertThatThrownBy(() -> model.predict(Tensor.zeros(1, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dense_1 (Dense): activation: axis: softmax over axis 3 of inputs of rank 2");
        assertThat(Sequential.load(withConfig(c -> layer(c, 6).put("activation", Map.of("name", "softmax", "axis", 0))))
                .isBuilt()).as("axis 0 (the batch) is within the rank, as in Keras").isTrue();
    }

    @Test
    void layerValuesOutOfRangeOrOfTheWrongTypeNameTheirKey() throws IOException {
        for (Object rate : new Object[] {1.0, -0.5, 0.99999999999, "half", true}) {
            assertRejected(c -> layer(c, 4).put("rate", rate), "config.json: model.layers[4].rate: ");
        }
        assertRejected(c -> layer(c, 4).remove("rate"), "config.json: model.layers[4]: missing \"rate\"");
        for (Object units : new Object[] {2.5, 0, -1, 4294967297L, "4", List.of(4)}) {
            assertRejected(c -> layer(c, 5).put("units", units),
                    "config.json: model.layers[5].units: must be an integer from 1 to 2147483647");
        }
        assertRejected(c -> layer(c, 5).put("use_bias", "yes"), "model.layers[5].use_bias: must be true or false, got \"yes\"");
        assertRejected(c -> layer(c, 5).put("unitz", 3), "model.layers[5].unitz: unknown key");
        assertRejected(c -> layer(c, 2).put("kernel_initializer", Map.of("name", "random_normal", "mean", 0, "stddev", -1)),
                "model.layers[2].kernel_initializer.stddev: must be a number ≥");
        assertRejected(c -> layer(c, 2).put("kernel_initializer", Map.of("mean", 0)),
                "model.layers[2].kernel_initializer: missing \"name\"");
        assertRejected(c -> layer(c, 2).put("kernel_regularizer", Map.of("l2", -1)), "model.layers[2].kernel_regularizer.l2");
        assertRejected(c -> layer(c, 2).put("kernel_regularizer", Map.of("l2", "x")), "model.layers[2].kernel_regularizer.l2");
        assertRejected(c -> layer(c, 2).put("kernel_regularizer", List.of()), "model.layers[2].kernel_regularizer: must be a JSON object");
        assertRejected(c -> layer(c, 0).put("shape", List.of(3.5)), "model.layers[0].shape[0]: must be an integer");
        assertRejected(c -> layer(c, 2).put("name", "a/b"), "model.layers[2].name: layer name must be non-blank and contain no '/'");
        assertRejected(c -> layer(c, 2).remove("type"), "model.layers[2]: missing \"type\"");
    }

    @Test
    void compileSettingsNameTheirKey() throws IOException {
        assertRejected(c -> compile(c, "optimizer").put("beta_1", 1.5),
                "config.json: compile.optimizer.beta_1: Adam: beta1 must be in [0, 1), got 1.5");
        assertRejected(c -> compile(c, "optimizer").put("epsilon", "tiny"), "compile.optimizer.epsilon: Adam: must be a finite number");
        assertRejected(c -> compile(c, "optimizer").put("amsgrad", 1), "compile.optimizer.amsgrad: Adam: must be true or false");
        assertRejected(c -> ((Map<String, Object>) ((Map<String, Object>) compile(c, "optimizer").get("learning_rate"))
                        .get("config")).put("decay_steps", 2.5),
                "compile.optimizer.learning_rate.config.decay_steps: ExponentialDecay: must be a whole number");
        assertRejected(c -> ((Map<String, Object>) compile(c, "optimizer").get("learning_rate")).put("class_name", "Warp"),
                "compile.optimizer.learning_rate.class_name");
        assertRejected(c -> compile(c, "loss").put("label_smoothing", 2), "config.json: compile.loss.label_smoothing: must be a number from 0 to 1");
        assertRejected(c -> compile(c, "loss").put("delta", 2), "config.json: compile.loss.delta: unknown key");
        assertRejected(c -> compile(c, "loss").remove("name"), "config.json: compile.loss: missing \"name\"");
        assertRejected(c -> ((Map<String, Object>) ((List<?>) ((Map<String, Object>) c.get("compile")).get("metrics")).get(1))
                .put("k", 0), "config.json: compile.metrics[1].k: must be an integer from 1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainingStateIsRequiredAndChecked() throws IOException {
        assertRejected(c -> ((Map<String, Object>) ((Map<String, Object>) c.get("training_state")).get("layers")).clear(),
                "config.json: training_state.layers lacks the state of dropout_1 (Dropout)");
        assertRejected(c -> ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) c.get("training_state"))
                .get("layers")).get("dropout_1")).put("calls", -1), "config.json: training_state.layers.dropout_1: ");
        assertRejected(c -> c.put("extra", 1), "config.json: 'extra' is not a key of the file");
        assertRejected(c -> ((Map<String, Object>) c.get("model")).put("seed", 1.5), "'model.seed' must be an integer");
    }

    @Test
    void fromConfigIsStrictOutsideFilesToo() {
        assertThatThrownBy(() -> Activations.fromConfig(Map.of("alpha", 1))).isInstanceOf(ConfigException.class)
                .hasMessage("missing \"name\"");
        assertThat(Activations.get(null)).isEqualTo(Activations.linear());
        assertThat(Activations.fromConfig(null)).isEqualTo(Activations.linear());
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Layers.fromConfig(Map.of("type", "Dense", "units", 2, "activation", Map.of("name", "softmax", "axis", 2.5))));
        assertThat(e.path()).isEqualTo("activation.axis");
        assertThat(e.pathUnder("model.layers[3]")).isEqualTo("model.layers[3].activation.axis");
        assertThatThrownBy(() -> Optimizers.fromConfig(new HashMap<>(Map.of("name", "adam", "learning_rate", Double.NaN))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("learning_rate");
        assertThatThrownBy(() -> Losses.fromConfig(Map.of("name", "mse", "from_logits", true)))
                .hasMessageContaining("from_logits: loss 'mse' does not take logits");
        assertThat(Losses.fromConfig(Map.of("name", "mse", "from_logits", false)).config()).isEqualTo(Losses.mse().config());
        assertThatThrownBy(() -> Metrics.fromConfig(Map.of("name", "binary_accuracy", "threshold", "high")))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> Initializers.fromConfig(Map.of("name", "zeros", "value", 1)))
                .hasMessageContaining("value: unknown key");
    }
}
