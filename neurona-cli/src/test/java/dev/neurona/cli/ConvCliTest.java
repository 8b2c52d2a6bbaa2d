package dev.neurona.cli;

import static dev.neurona.cli.CliTest.onlyRun;
import static dev.neurona.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Conv2D;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.MaxPooling2D;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} with convolution layers: a conv spec (Neurona's and Keras's spelling) and
 * {@code --arch convnet} on a small Fashion-MNIST-format folder written here (200 training and
 * 50 test images, so one epoch takes a second), and the usage errors of conv specs.
 */
class ConvCliTest {

    @TempDir
    static Path data;

    static final String CNN = """
            [{"type": "Conv2D", "filters": 4, "kernel_size": 3, "activation": "relu"},
             {"type": "MaxPooling2D", "pool_size": 2},
             {"type": "AveragePooling2D", "pool_size": [2, 2], "padding": "same"},
             {"type": "Flatten"},
             {"type": "Dropout", "rate": 0.25},
             {"type": "Dense", "units": 10, "activation": "softmax"}]
            """;

    @BeforeAll
    static void writeTinyFashionMnist() throws IOException {
        Random r = new Random(5);
        writeSet("train", 200, r);
        writeSet("t10k", 50, r);
    }

    /** IDX files as Fashion-MNIST ships them: images whose brightness grows with their label. */
    private static void writeSet(String prefix, int n, Random r) throws IOException {
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < 784; p++) {
                pixels[i * 784 + p] = (byte) Math.min(255, r.nextInt(60) + 20 * labels[i]);
            }
        }
        try (DataOutputStream out = gz(prefix + "-images-idx3-ubyte.gz")) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        try (DataOutputStream out = gz(prefix + "-labels-idx1-ubyte.gz")) {
            out.writeInt(0x801);
            out.writeInt(n);
            out.write(labels);
        }
    }

    private static DataOutputStream gz(String name) throws IOException {
        OutputStream file = Files.newOutputStream(data.resolve(name));
        return new DataOutputStream(new GZIPOutputStream(file));
    }

    private static String fashion() {
        return "fashion-mnist:" + data;
    }

    @Test
    void aConvSpecTrainsOnImagesFedChannelsLastAndItsReportShowsTheFilters(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("cnn.json");
        Files.writeString(spec, CNN);
        Path runs = tmp.resolve("runs");
        CliTest.Result train = run("train", "--data", fashion(), "--model", spec.toString(), "--epochs", "1",
                "--batch-size", "32", "--out", runs.toString(), "--quiet");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("200 train / 50 test samples", "(None, 26, 26, 4)", "Test loss: ");
        Path run = onlyRun(runs);
        Model model = Model.load(run.resolve("model.nrn"));
        assertThat(model.layers()).hasAtLeastOneElementOfType(Conv2D.class);
        assertThat(model.inputShape()).containsExactly(28, 28, 1);
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertThat(config.get("layers").get(1).get("type").asText()).isEqualTo("Conv2D");
        String report = Files.readString(run.resolve("report.html"));
        assertThat(report).contains("<h2>Filters</h2>", "<h2>Feature maps</h2>");
        for (String png : List.of("conv_filters.png", "feature_maps.png", "confusion_matrix.png", "history.png")) {
            assertThat(run.resolve(png)).as(png).isNotEmptyFile();
        }
    }

    @Test
    void aKerasConvSpecReadsThroughTheRegistry() {
        String keras = """
                {"class_name": "Sequential", "keras_version": "3.3.3", "config": {"name": "cnn", "layers": [
                  {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 28, 28, 1]}},
                  {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d", "trainable": true,
                    "dtype": "float32", "filters": 8, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
                    "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
                    "use_bias": true, "kernel_initializer": {"module": "keras.initializers", "class_name": "HeNormal",
                    "config": {"seed": null}, "registered_name": null}, "bias_initializer": {"module":
                    "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
                    "kernel_regularizer": {"class_name": "L2", "config": {"l2": 0.001}}, "bias_regularizer": null,
                    "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
                    "registered_name": null},
                  {"module": "keras.layers", "class_name": "MaxPooling2D", "config": {"name": "max_pooling2d",
                    "pool_size": [2, 2], "padding": "valid", "strides": null, "data_format": "channels_last"}},
                  {"class_name": "Flatten", "config": {"data_format": "channels_last"}},
                  {"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}}
                """;
        DataSource source = DataSource.resolve(fashion(), null, null, 1);
        ModelSpec spec = ModelSpec.parse(keras, "keras_cnn.json");
        assertThat(spec.wantsChannelAxis(source.sampleShape())).isTrue();
        Sequential model = spec.toModel(ModelFactory.dataFor(spec, source), 1);
        model.build(28, 28, 1);
        Conv2D conv = (Conv2D) model.layers().get(1);
        assertThat(conv.filters()).isEqualTo(8);
        assertThat(conv.activation().name()).isEqualTo("relu");
        assertThat(conv.config()).containsEntry("kernel_initializer", java.util.Map.of("name", "he_normal"));
        assertThat(conv.regularizationLoss()).isNotNull();
        assertThat(model.layers().get(2)).isInstanceOf(MaxPooling2D.class);
        assertThat(model.outputShape(0, new int[] {28, 28, 1})).containsExactly(10);
    }

    @Test
    void everyRegisteredLayerWorksInASpecBatchNormalizationGlobalPoolingReshape() {
        String spec = """
                [{"type": "Reshape", "target_shape": [28, 28, 1]},
                 {"type": "Conv2D", "filters": 4, "kernel_size": 3, "padding": "same", "use_bias": false},
                 {"type": "BatchNormalization"},
                 {"type": "Activation", "activation": "relu"},
                 {"type": "GlobalAveragePooling2D"},
                 {"type": "Dense", "units": 10, "activation": "softmax"}]
                """;
        DataSource source = DataSource.resolve(fashion(), null, null, 1);
        ModelSpec parsed = ModelSpec.parse(spec, "bn.json");
        assertThat(parsed.wantsChannelAxis(source.sampleShape())).as("Reshape takes [28, 28] as it is").isFalse();
        Sequential model = parsed.toModel(ModelFactory.dataFor(parsed, source), 1);
        assertThat(model.layers().stream().map(l -> l.getClass().getSimpleName()).toList()).containsExactly("Input",
                "Reshape", "Conv2D", "BatchNormalization", "Activation", "GlobalAveragePooling2D", "Dense");
        String keras = """
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "Conv2D", "config": {"filters": 4, "kernel_size": [3, 3], "activation": "linear"}},
                  {"class_name": "BatchNormalization", "config": {"axis": -1, "momentum": 0.9, "epsilon": 0.001,
                    "center": true, "scale": true, "beta_initializer": {"class_name": "Zeros", "config": {}},
                    "gamma_initializer": {"class_name": "Ones", "config": {}}, "beta_regularizer": null,
                    "beta_constraint": null}},
                  {"class_name": "GlobalAveragePooling2D", "config": {"data_format": "channels_last", "keepdims": false}},
                  {"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}}
                """;
        ModelSpec k = ModelSpec.parse(keras, "keras_bn.json");
        assertThat(k.wantsChannelAxis(source.sampleShape())).isTrue();
        Sequential km = k.toModel(ModelFactory.dataFor(k, source), 1);
        assertThat(((Number) km.layers().get(2).config().get("momentum")).doubleValue())
                .isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void archConvnetIsKerasSimpleConvnet(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        CliTest.Result train = run("train", "--data", fashion(), "--arch", "convnet", "--epochs", "1",
                "--out", runs.toString(), "--quiet");
        assertThat(train.code()).as(train.err()).isZero();
        // Keras's summary of its simple MNIST convnet: 320 + 18,496 + 16,010 weights
        assertThat(train.out()).contains("(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 11, 11, 64)",
                "(None, 5, 5, 64)", "(None, 1600)", "Total params: 34,826", "--batch-size 128");
        Sequential model = Sequential.load(onlyRun(runs).resolve("model.nrn"));
        List<String> types = model.layers().stream().filter(l -> !(l instanceof dev.neurona.nn.Input))
                .map(l -> l.getClass().getSimpleName()).toList();
        assertThat(types).containsExactly("Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dropout",
                "Dense");
        assertThat(List.of(Conv2D.class, MaxPooling2D.class, Conv2D.class, MaxPooling2D.class,
                Flatten.class, Dropout.class, Dense.class)).hasSize(7);
        assertThat(((Dropout) model.layers().stream().filter(l -> l instanceof Dropout).findFirst().orElseThrow())
                .rate()).isEqualTo(0.5f);
    }

    @Test
    void aConvLayerOnFlatRowsIsAUsageErrorNamingTheLayerAndTheShapes(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("bad.json");
        Files.writeString(spec, CNN.replace("\"units\": 10", "\"units\": 3"));
        CliTest.Result r = run("train", "--data", "iris", "--model", spec.toString(), "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model " + spec, "$[0]: cannot take the samples of --data iris, [None, 4]",
                "Conv2D", "expects inputs [batch, height, width, channels]");

        Files.writeString(spec, CNN.replace("\"kernel_size\": 3", "\"kernel_size\": 0"));
        r = run("train", "--data", fashion(), "--model", spec.toString(), "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("$[0].kernel_size");

        Files.writeString(spec, CNN.replace("\"kernel_size\": 3", "\"kernel_size\": 3, \"filtres\": 2"));
        r = run("train", "--data", fashion(), "--model", spec.toString(), "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("$[0]", "filtres");

        Files.writeString(spec, CNN.replace("\"kernel_size\": 3", "\"kernel_size\": 30"));
        r = run("train", "--data", fashion(), "--model", spec.toString(), "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("$[0]: cannot take the samples of --data " + fashion() + ", [None, 28, 28, 1]");
    }

    @Test
    void archErrors(@TempDir Path tmp) {
        CliTest.Result r = run("train", "--data", "iris", "--arch", "convnet", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--arch convnet: needs images", "--data iris has samples of shape [None, 4]");
        r = run("train", "--data", "iris", "--arch", "convnett", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown architecture", "(did you mean 'convnet'?)");
        r = run("train", "--arch", "convnet", "--layers", "16", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give either --arch or --layers");
    }
}
