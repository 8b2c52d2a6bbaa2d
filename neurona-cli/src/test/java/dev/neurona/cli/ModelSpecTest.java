package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Activation;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.PReLU;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three forms of {@code train --model}: Neurona's layer list, {@code {"layers": ...}}, and Keras's to_json. */
class ModelSpecTest {

    static final DataSource IRIS = DataSource.resolve("iris", null, null, 1);

    static Sequential build(String json) {
        Sequential model = ModelSpec.parse(json, "spec.json").toModel(IRIS, 1);
        model.build(4);
        return model;
    }

    static String resource(String name) throws Exception {
        try (InputStream in = ModelSpecTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The layer types in order, the data's input first. */
    static List<String> types(Sequential model) {
        return model.layers().stream().map(Layer::typeName).toList();
    }

    static Object kernelInitializer(Layer dense) {
        return dense.config().get("kernel_initializer");
    }

    static String activationOf(Layer layer) {
        return layer instanceof Dense d ? d.activation().name() : ((Activation) layer).function().name();
    }

    private static final String LAYERS = "[{\"type\": \"Normalization\"},"
            + " {\"type\": \"Dense\", \"units\": 8, \"activation\": \"tanh\", \"kernel_initializer\": \"he_normal\","
            + "  \"kernel_regularizer\": {\"l2\": 0.01}, \"name\": \"hidden\"},"
            + " {\"type\": \"Dropout\", \"rate\": 0.2},"
            + " {\"type\": \"Dense\", \"units\": 3, \"activation\": {\"name\": \"softmax\"}}]";

    /** Input(4) → Normalization → Dense(8, tanh, he_normal, l2) → Dropout(0.2) → Dense(3, softmax). */
    private static void assertIrisLayers(Sequential model) {
        assertThat(types(model)).containsExactly("Input", "Normalization", "Dense", "Dropout", "Dense");
        Dense hidden = (Dense) model.layers().get(2);
        assertThat(hidden.name()).isEqualTo("hidden");
        assertThat(hidden.units()).isEqualTo(8);
        assertThat(hidden.activation().name()).isEqualTo("tanh");
        assertThat(kernelInitializer(hidden)).isEqualTo(Map.of("name", "he_normal"));
        assertThat(hidden.config().get("kernel_regularizer")).isEqualTo(Map.of("l1", 0.0, "l2", 0.01));
        assertThat(((Dropout) model.layers().get(3)).rate()).isEqualTo(0.2f);
        Dense out = (Dense) model.layers().get(4);
        assertThat(out.units()).isEqualTo(3);
        assertThat(out.activation().name()).isEqualTo("softmax");
        assertThat(kernelInitializer(out)).as("Keras's default").isEqualTo(Map.of("name", "glorot_uniform"));
        // mean and variance of 4 features, 4·8 + 8, 8·3 + 3
        assertThat(model.countParams()).isEqualTo(2 * 4 + (4 * 8 + 8) + (8 * 3 + 3));
    }

    @Test
    void aPlainListOfLayers() {
        assertIrisLayers(build(LAYERS));
    }

    @Test
    void anObjectWithLayers() {
        assertIrisLayers(build("{\"layers\": " + LAYERS + "}"));
    }

    @Test
    void aRunsOwnConfigJsonIsASpec() {
        // what config.json of a run holds: every layer's config(), the input first, other keys beside
        String config = "{\"data\": \"iris\", \"layers\": [{\"type\": \"Input\", \"name\": \"input_1\", \"shape\": [4]},"
                + " {\"type\": \"Dense\", \"name\": \"dense_1\", \"units\": 5, \"activation\": {\"name\": \"leaky_relu\", \"alpha\": 0.1},"
                + "  \"use_bias\": false, \"kernel_initializer\": {\"name\": \"random_normal\", \"mean\": 0.0, \"stddev\": 0.1},"
                + "  \"bias_initializer\": {\"name\": \"zeros\"}},"
                + " {\"type\": \"PReLU\", \"name\": \"p_re_lu_1\", \"alpha_initializer\": {\"name\": \"constant\", \"value\": 0.25}},"
                + " {\"type\": \"Dense\", \"name\": \"dense_2\", \"units\": 3, \"activation\": {\"name\": \"softmax\", \"axis\": -1}}],"
                + " \"epochs\": 20}";
        Sequential model = build(config);
        assertThat(types(model)).containsExactly("Input", "Dense", "PReLU", "Dense");
        Dense d = (Dense) model.layers().get(1);
        assertThat(d.config().get("activation")).isEqualTo(Map.of("name", "leaky_relu", "alpha", 0.1));
        assertThat(kernelInitializer(d)).isEqualTo(Map.of("name", "random_normal", "mean", 0.0, "stddev", 0.1));
        assertThat(d.bias()).as("use_bias false").isNull();
        assertThat(((PReLU) model.layers().get(2)).alpha().data()).containsOnly(0.25f);
        assertThat(model.countParams()).isEqualTo(4 * 5 + 5 + (5 * 3 + 3));
    }

    @Test
    void initializerParametersTakeKerasDefaults() {
        List<Layer> l = build("[{\"type\": \"Dense\", \"units\": 3, \"kernel_initializer\": {\"name\": \"random_normal\"},"
                + " \"bias_initializer\": {\"class_name\": \"RandomUniform\", \"config\": {\"maxval\": 0.5}}}]").layers();
        assertThat(kernelInitializer(l.get(1))).isEqualTo(Map.of("name", "random_normal", "mean", 0.0, "stddev", 0.05));
        assertThat(l.get(1).config().get("bias_initializer"))
                .isEqualTo(Map.of("name", "random_uniform", "minval", -0.05, "maxval", 0.5));
    }

    @Test
    void keras3ToJson() throws Exception {
        Sequential model = build(resource("keras3_iris.json"));
        assertThat(types(model)).containsExactly("Input", "Normalization", "Dense", "Activation", "Dropout", "Dense",
                "Activation");
        List<Layer> l = model.layers();
        assertThat(((Input) l.get(0)).declaredInputShape()).containsExactly(4);
        Dense hidden = (Dense) l.get(2);
        assertThat(hidden.units()).isEqualTo(16);
        assertThat(hidden.activation().name()).isEqualTo("linear");
        assertThat(kernelInitializer(hidden)).isEqualTo(Map.of("name", "he_uniform"));
        assertThat(((Activation) l.get(3)).function().config()).isEqualTo(Map.of("name", "leaky_relu", "alpha", 0.1));
        assertThat(((Dropout) l.get(4)).rate()).isEqualTo(0.1f);
        assertThat(((Dense) l.get(5)).units()).isEqualTo(3);
        assertThat(kernelInitializer(l.get(5))).isEqualTo(Map.of("name", "glorot_uniform"));
        assertThat(activationOf(l.get(6))).isEqualTo("softmax");
        assertThat(l.get(2).name()).as("Keras's names are not kept").isEqualTo("dense_1");
        assertThat(model.countParams()).isEqualTo(2 * 4 + (4 * 16 + 16) + (16 * 3 + 3));
    }

    @Test
    void keras2ToJson() throws Exception {
        Sequential model = build(resource("keras2_iris.json"));
        assertThat(types(model)).containsExactly("Input", "Normalization", "Dense", "Dropout", "Dense");
        Dense hidden = (Dense) model.layers().get(2);
        assertThat(hidden.units()).isEqualTo(16);
        assertThat(hidden.activation().name()).isEqualTo("relu");
        assertThat(kernelInitializer(hidden)).isEqualTo(Map.of("name", "he_normal"));
        @SuppressWarnings("unchecked")
        Map<String, Object> l2 = (Map<String, Object>) hidden.config().get("kernel_regularizer");
        assertThat((Double) l2.get("l2")).isCloseTo(1e-4, within(1e-9));
        assertThat((Double) l2.get("l1")).isZero();
        Dense out = (Dense) model.layers().get(4);
        assertThat(out.units()).isEqualTo(3);
        assertThat(out.activation().name()).isEqualTo("softmax");
        assertThat(kernelInitializer(out)).isEqualTo(Map.of("name", "glorot_uniform"));
        assertThat(model.countParams()).isEqualTo(2 * 4 + (4 * 16 + 16) + (16 * 3 + 3));
    }

    @Test
    void kerasActivationLayersBecomeNeuronaActivations() {
        String json = keras("{\"class_name\": \"ReLU\", \"config\": {\"max_value\": null, \"negative_slope\": 0.0, \"threshold\": 0.0}}",
                "{\"class_name\": \"ReLU\", \"config\": {\"max_value\": 6.0}}",
                "{\"class_name\": \"ReLU\", \"config\": {\"negative_slope\": 0.05}}",
                "{\"class_name\": \"LeakyReLU\", \"config\": {\"alpha\": 0.3}}",
                "{\"class_name\": \"LeakyReLU\", \"config\": {}}",
                "{\"class_name\": \"ELU\", \"config\": {\"alpha\": 0.5}}",
                "{\"class_name\": \"Activation\", \"config\": {\"activation\": \"gelu\"}}",
                "{\"class_name\": \"PReLU\", \"config\": {\"alpha_initializer\": {\"class_name\": \"Constant\", \"config\": {\"value\": 0.25}},"
                        + " \"alpha_regularizer\": null, \"alpha_constraint\": null, \"shared_axes\": null}}",
                "{\"class_name\": \"Flatten\", \"config\": {\"data_format\": \"channels_last\"}}",
                dense(3, "\"softmax\""));
        Sequential model = build(json);
        List<Layer> l = model.layers();
        assertThat(l.get(1).config().get("activation")).isEqualTo(Map.of("name", "relu"));
        assertThat(l.get(2).config().get("activation")).isEqualTo(Map.of("name", "relu6"));
        assertThat(l.get(3).config().get("activation")).isEqualTo(Map.of("name", "leaky_relu", "alpha", 0.05));
        assertThat(l.get(4).config().get("activation")).isEqualTo(Map.of("name", "leaky_relu", "alpha", 0.3));
        assertThat(l.get(5).config().get("activation")).as("Keras's LeakyReLU layer default")
                .isEqualTo(Map.of("name", "leaky_relu", "alpha", 0.3));
        assertThat(l.get(6).config().get("activation")).isEqualTo(Map.of("name", "elu", "alpha", 0.5));
        assertThat(activationOf(l.get(7))).isEqualTo("gelu");
        assertThat(((PReLU) l.get(8)).alpha().data()).hasSize(4).containsOnly(0.25f);
        assertThat(l.get(9).typeName()).isEqualTo("Flatten");
        assertThat(model.countParams()).isEqualTo(4 + 4 * 3 + 3);
    }

    @Test
    void kerasInitializersAndRegularizers() {
        String json = keras(
                dense(5, "\"relu\"", "\"kernel_initializer\": {\"class_name\": \"VarianceScaling\", \"config\": "
                        + "{\"scale\": 2.0, \"mode\": \"fan_in\", \"distribution\": \"truncated_normal\", \"seed\": null}},"
                        + " \"bias_initializer\": {\"class_name\": \"Constant\", \"config\": {\"value\": 0.5}},"
                        + " \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.001, \"l2\": 0.002}},"
                        + " \"bias_regularizer\": {\"class_name\": \"L1\", \"config\": {\"l1\": 0.003}}"),
                dense(5, "\"relu\"", "\"kernel_initializer\": {\"class_name\": \"VarianceScaling\", \"config\": "
                        + "{\"scale\": 1.0, \"mode\": \"fan_avg\", \"distribution\": \"uniform\", \"seed\": null}}"),
                dense(5, "\"relu\"", "\"kernel_initializer\": {\"class_name\": \"RandomNormal\", \"config\": "
                        + "{\"mean\": 0.0, \"stddev\": 0.02, \"seed\": null}}"),
                dense(5, "\"relu\"", "\"kernel_initializer\": {\"class_name\": \"OrthogonalInitializer\", \"config\": "
                        + "{\"gain\": 1.0, \"seed\": null}}, \"kernel_regularizer\": \"l2\""),
                dense(3, "\"softmax\"", "\"kernel_initializer\": {\"class_name\": \"LecunNormal\", \"config\": {\"seed\": null}}"));
        List<Layer> l = build(json).layers();
        assertThat(kernelInitializer(l.get(1))).isEqualTo(Map.of("name", "he_normal"));
        assertThat(l.get(1).config().get("bias_initializer")).isEqualTo(Map.of("name", "constant", "value", 0.5));
        assertThat(((Dense) l.get(1)).bias().data()).containsOnly(0.5f);
        assertThat(l.get(1).config().get("kernel_regularizer")).isEqualTo(Map.of("l1", 0.001, "l2", 0.002));
        assertThat(l.get(1).config().get("bias_regularizer")).isEqualTo(Map.of("l1", 0.003, "l2", 0.0));
        assertThat(kernelInitializer(l.get(2))).isEqualTo(Map.of("name", "glorot_uniform"));
        assertThat(kernelInitializer(l.get(3))).isEqualTo(Map.of("name", "random_normal", "mean", 0.0, "stddev", 0.02));
        assertThat(kernelInitializer(l.get(4))).isEqualTo(Map.of("name", "orthogonal", "gain", 1.0));
        assertThat(l.get(4).config().get("kernel_regularizer")).as("Keras's default factor")
                .isEqualTo(Map.of("l1", 0.0, "l2", 0.01));
        assertThat(kernelInitializer(l.get(5))).isEqualTo(Map.of("name", "lecun_normal"));
    }

    @Test
    void keras20ConfigListAndTensorShapeItems() {
        // Keras 2.0/2.1 wrote the layers as the config itself; SavedModel metadata wraps shapes in items
        String json = "{\"class_name\": \"Sequential\", \"keras_version\": \"2.1.6\", \"backend\": \"tensorflow\", \"config\": ["
                + "{\"class_name\": \"Dense\", \"config\": {\"units\": 6, \"activation\": \"sigmoid\","
                + " \"batch_input_shape\": {\"class_name\": \"TensorShape\", \"items\": [null, 4]}}},"
                + dense(3, "\"softmax\"") + "]}";
        Sequential model = build(json);
        assertThat(types(model)).containsExactly("Input", "Dense", "Dense");
        assertThat(model.countParams()).isEqualTo(4 * 6 + 6 + 6 * 3 + 3);
    }

    @Test
    void kerasLayersInsideAPlainList() {
        Sequential model = build("[" + dense(7, "\"relu\"") + ", {\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}]");
        assertThat(((Dense) model.layers().get(1)).units()).isEqualTo(7);
        assertThat(model.countParams()).isEqualTo(4 * 7 + 7 + 7 * 3 + 3);
    }

    @Test
    void keras2AndKeras3FixturesTrainOnIrisThroughTheCli(@TempDir Path tmp) throws Exception {
        for (String fixture : List.of("keras2_iris.json", "keras3_iris.json")) {
            Path spec = tmp.resolve(fixture);
            Files.writeString(spec, resource(fixture));
            Path runs = tmp.resolve("runs-" + fixture);
            CliTest.Result r = CliTest.run("train", "--data", "iris", "--model", spec.toString(), "--epochs", "100",
                    "--batch-size", "16", "--lr", "0.01", "--validation-split", "0", "--quiet", "--out", runs.toString());
            assertThat(r.code()).as(fixture + ": " + r.err()).isZero();
            assertThat(r.out()).contains("normalization_1 (Normalization)", "dense_2 (Dense)");
            Path run;
            try (Stream<Path> dirs = Files.list(runs)) {
                run = dirs.findFirst().orElseThrow();
            }
            JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
            assertThat(metrics.get("test").get("accuracy").asDouble()).as(fixture).isGreaterThanOrEqualTo(0.9);
            assertThat(Sequential.load(run.resolve("model.nrn")).countParams()).isEqualTo(2 * 4 + (4 * 16 + 16) + (16 * 3 + 3));
        }
    }

    @Test
    void aPlainListThroughTheCli(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, LAYERS);
        CliTest.Result r = CliTest.run("train", "--data", "iris", "--model", spec.toString(), "--epochs", "2",
                "--quiet", "--out", tmp.resolve("runs").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("hidden (Dense)", "dropout_1 (Dropout)");
    }

    @Test
    void helpDescribesTheSpec() {
        CliTest.Result help = CliTest.run("train", "--help");
        assertThat(help.out()).contains("--model", "{\"layers\": [...]}", "model.to_json()", "--model spec.json for iris");
    }

    // ---------------------------------------------------------------- helpers

    /** A Keras 3 Sequential of an iris input and {@code layers}. */
    static String keras(String... layers) {
        return "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
                + "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 4],"
                + " \"dtype\": \"float32\", \"sparse\": false, \"name\": \"input_layer\"}, \"registered_name\": null}, "
                + String.join(", ", layers) + "]}, \"registered_name\": null}";
    }

    /** A Keras Dense layer entry with {@code more} config members. */
    static String dense(int units, String activation, String... more) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"trainable\": true,"
                + " \"units\": " + units + ", \"activation\": " + activation
                + (more.length == 0 ? "" : ", " + String.join(", ", more)) + "}, \"registered_name\": null}";
    }
}
