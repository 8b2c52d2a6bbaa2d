package dev.neurona.cli;

import static dev.neurona.cli.ModelSpecTest.dense;
import static dev.neurona.cli.ModelSpecTest.keras;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake in a {@code --model} spec is a usage error (exit 2) of one line that names
 * the file, the JSON path of the bad entry and what was expected there.
 */
class ModelSpecErrorsTest {

    private static final String OUT = "{\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}";

    /** A mistake: what it is, the spec's text, and the fragments the error must contain. */
    static Arguments m(String what, String json, String... expected) {
        return Arguments.of(what, json, expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                m("units -3 in Keras's form",
                        keras(dense(8, "\"relu\""), dense(-3, "\"relu\"")),
                        "$.config.layers[2].config.units: expected a positive integer, got -3"),
                m("units 2.5",
                        "[{\"type\": \"Dense\", \"units\": 2.5}, " + OUT + "]",
                        "$[0].units: expected a positive integer, got 2.5"),
                m("units missing",
                        "[{\"type\": \"Dense\", \"activation\": \"relu\"}, " + OUT + "]",
                        "$[0].units: missing: expected a positive integer"),
                m("a typo in a layer type",
                        "[{\"type\": \"Dense\", \"units\": 8}, {\"type\": \"Dens\", \"units\": 3}]",
                        "$[1]: unknown layer type 'Dens'; known: Dense, Dropout, Flatten, Activation, Normalization, "
                                + "PReLU, Input, ", ", Conv2D, ", "(did you mean 'Dense'?)"),
                m("a typo in a key",
                        "{\"layers\": [{\"type\": \"Dense\", \"unit\": 8}, " + OUT + "]}",
                        "$.layers[0].unit: a Dense layer has no setting 'unit'; it reads name, units, activation",
                        "(did you mean 'units'?)"),
                m("an entry without a type",
                        "[{\"units\": 8}, " + OUT + "]",
                        "$[0]: expected a layer object such as {\"type\": \"Dense\", \"units\": 64}"),
                m("neither a list nor a model",
                        "{\"dense\": 3}",
                        "$: expected a list of layers [{\"type\": \"Dense\"", "model.to_json()"),
                m("an empty list",
                        "[]",
                        "$: the list of layers is empty; give at least the output layer"),
                m("an unknown activation",
                        "[{\"type\": \"Dense\", \"units\": 8, \"activation\": \"relux\"}, " + OUT + "]",
                        "$[0].activation: unknown activation 'relux'; known: ", "(did you mean 'relu'?)"),
                m("a typo in an activation's setting",
                        "[{\"type\": \"Dense\", \"units\": 3, \"activation\": {\"name\": \"elu\", \"alpah\": 0.5}}]",
                        "$[0].activation.alpah: an activation has no setting 'alpah'; it reads name, alpha",
                        "(did you mean 'alpha'?)"),
                m("a dropout rate of 1.5",
                        "[{\"type\": \"Dropout\", \"rate\": 1.5}, " + OUT + "]",
                        "$[0].rate: expected a rate in [0, 1), got 1.5"),
                m("a negative l2",
                        "[{\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\", \"kernel_regularizer\": {\"l2\": -1}}]",
                        "$[0].kernel_regularizer.l2: expected a number of at least 0, got -1"),
                m("an unknown initializer",
                        "[{\"type\": \"Dense\", \"units\": 3, \"kernel_initializer\": \"he_normel\"}]",
                        "$[0].kernel_initializer: unknown initializer 'he_normel'; Neurona has Zeros, Ones",
                        "(did you mean 'he_normal'?)"),
                m("an input after a layer",
                        "[{\"type\": \"Dense\", \"units\": 8}, {\"type\": \"Input\", \"shape\": [8]}, " + OUT + "]",
                        "$[1].shape: an input shape must be declared before the first layer, not after $[0]"),
                m("an input shape that is not the data's",
                        "[{\"type\": \"Input\", \"shape\": [8]}, " + OUT + "]",
                        "$[0].shape: the spec's input shape is [None, 8], but --data iris has samples of shape [None, 4]"),
                m("Keras's input shape that is not the data's",
                        keras(dense(3, "\"softmax\"")).replace("[null, 4]", "[null, 784]"),
                        "$.config.layers[0].config.batch_shape: the spec's input shape is [None, 784], but --data iris "
                                + "has samples of shape [None, 4]"),
                m("a Flatten that declares other dimensions",
                        "[{\"type\": \"Flatten\", \"input_dims\": [2, 3]}, " + OUT + "]",
                        "$[0]: the spec's input shape is [None, 2, 3], but --data iris has samples of shape [None, 4]"),
                m("a last layer of the wrong width",
                        "[{\"type\": \"Dense\", \"units\": 8}, {\"type\": \"Dense\", \"units\": 2, \"activation\": \"softmax\"}]",
                        "$[1]: the last layer gives 2 outputs per sample, but --data iris needs 3 (one per class, with softmax)"),
                m("a duplicate layer name",
                        "[{\"type\": \"Dense\", \"units\": 8, \"name\": \"h\"}, {\"type\": \"Dense\", \"units\": 3, \"name\": \"h\"}]",
                        "$[1].name: the name 'h' is taken by $[0]; layer names must differ"),
                m("an unknown Keras layer class",
                        keras("{\"class_name\": \"LSTM\", \"config\": {\"units\": 8}}", dense(3, "\"softmax\"")),
                        "$.config.layers[1]: unknown Keras layer class 'LSTM'; Neurona reads InputLayer, Dense, Dropout, "
                                + "Flatten, Activation, Normalization, PReLU, ReLU, LeakyReLU, ELU, Softmax, ", "Conv2D"),
                m("a Keras Conv2D without its kernel size (read by the registry's Conv2D.fromConfig)",
                        keras("{\"class_name\": \"Conv2D\", \"config\": {\"filters\": 8}}", dense(3, "\"softmax\"")),
                        "$.config.layers[1].config: missing \"kernel_size\""),
                m("a Keras Conv2D with a constraint",
                        keras("{\"class_name\": \"Conv2D\", \"config\": {\"filters\": 8, \"kernel_size\": 3, "
                                + "\"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {}}}}", dense(3, "\"softmax\"")),
                        "$.config.layers[1].config.kernel_constraint: weight constraints are not supported"),
                m("a Keras class typo",
                        keras("{\"class_name\": \"Dropot\", \"config\": {\"rate\": 0.1}}", dense(3, "\"softmax\"")),
                        "$.config.layers[1]: unknown Keras layer class 'Dropot'", "(did you mean 'Dropout'?)"),
                m("a kernel constraint",
                        keras(dense(3, "\"softmax\"", "\"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 2}}")),
                        "$.config.layers[1].config.kernel_constraint: weight constraints are not supported; set it to null"),
                m("an activity regularizer",
                        keras(dense(3, "\"softmax\"", "\"activity_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": 0.1}}")),
                        "$.config.layers[1].config.activity_regularizer: activity regularizers are not supported"),
                m("an initializer seed",
                        keras(dense(3, "\"softmax\"", "\"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": 42}}")),
                        "$.config.layers[1].config.kernel_initializer.config.seed: initializer seeds are not supported",
                        "train --seed N"),
                m("an unknown Keras setting",
                        keras(dense(3, "\"softmax\"", "\"unitz\": 4")),
                        "$.config.layers[1].config.unitz: Neurona cannot honour 'unitz' of a Keras Dense layer; it reads units, ",
                        "(did you mean 'units'?)"),
                m("a frozen Keras layer",
                        keras(dense(3, "\"softmax\"").replace("\"trainable\": true", "\"trainable\": false")),
                        "$.config.layers[1].config.trainable: frozen layers (trainable: false) are not supported"),
                m("a custom Keras layer",
                        keras("{\"module\": null, \"class_name\": \"Dense\", \"config\": {\"units\": 3}, \"registered_name\": \"Custom>Dense\"}"),
                        "$.config.layers[1].registered_name: a custom layer (registered as 'Custom>Dense') is not supported"),
                m("a Functional model",
                        "{\"class_name\": \"Functional\", \"config\": {\"layers\": []}}",
                        "$.class_name: only Sequential models can be read, got 'Functional'"),
                m("Keras Normalization with its own mean",
                        keras("{\"class_name\": \"Normalization\", \"config\": {\"axis\": [-1], \"mean\": [1, 2, 3, 4], \"variance\": [1, 1, 1, 1]}}",
                                dense(3, "\"softmax\"")),
                        "$.config.layers[1].config.mean: a fixed mean and variance are not supported"),
                m("Keras Normalization over another axis",
                        keras("{\"class_name\": \"Normalization\", \"config\": {\"axis\": [0]}}", dense(3, "\"softmax\"")),
                        "$.config.layers[1].config.axis: Neurona's Normalization standardizes each feature of the last axis "
                                + "(axis -1), got [0]"),
                m("a VarianceScaling that is none of Glorot, He, LeCun",
                        keras(dense(3, "\"softmax\"", "\"kernel_initializer\": {\"class_name\": \"VarianceScaling\", "
                                + "\"config\": {\"scale\": 0.5, \"mode\": \"fan_out\", \"distribution\": \"uniform\"}}")),
                        "$.config.layers[1].config.kernel_initializer.config: VarianceScaling with scale 0.5 and mode fan_out"),
                m("an untruncated normal",
                        keras(dense(3, "\"softmax\"", "\"kernel_initializer\": {\"class_name\": \"VarianceScaling\", "
                                + "\"config\": {\"distribution\": \"untruncated_normal\"}}")),
                        "$.config.layers[1].config.kernel_initializer.config.distribution: Neurona's variance-scaling "
                                + "initializers draw from a uniform or a truncated normal distribution"),
                m("a Keras identity initializer",
                        keras(dense(3, "\"softmax\"", "\"kernel_initializer\": {\"class_name\": \"IdentityInitializer\", \"config\": {\"gain\": 1.0}}")),
                        "$.config.layers[1].config.kernel_initializer.class_name: unknown initializer 'IdentityInitializer'"),
                m("Keras 2's hard_sigmoid",
                        "{\"class_name\": \"Sequential\", \"keras_version\": \"2.15.0\", \"config\": {\"layers\": ["
                                + dense(3, "\"hard_sigmoid\"") + "]}}",
                        "$.config.layers[0].config.activation: Keras 2's hard_sigmoid"),
                m("a fixed batch size",
                        keras(dense(3, "\"softmax\"")).replace("[null, 4]", "[32, 4]"),
                        "$.config.layers[0].config.batch_shape[0]: a fixed batch size is not supported; write null"),
                m("a ReLU with a threshold",
                        keras("{\"class_name\": \"ReLU\", \"config\": {\"threshold\": 0.5}}", dense(3, "\"softmax\"")),
                        "$.config.layers[1].config.threshold: a ReLU threshold other than 0 is not supported, got 0.5"),
                m("a dropout noise shape",
                        keras("{\"class_name\": \"Dropout\", \"config\": {\"rate\": 0.1, \"noise_shape\": [null, 1]}}",
                                dense(3, "\"softmax\"")),
                        "$.config.layers[1].config.noise_shape: a Dropout noise_shape is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsAUsageErrorAtItsJsonPath(String what, String json, String[] expected) throws Exception {
        Path tmp = Files.createTempDirectory("spec");
        try {
            Path spec = tmp.resolve("spec.json");
            Files.writeString(spec, json);
            CliTest.Result r = CliTest.run("train", "--data", "iris", "--model", spec.toString(), "--quiet",
                    "--out", tmp.resolve("runs").toString());
            assertThat(r.code()).as(what + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(what).startsWith("neurona: error: --model " + spec + ": ").contains(expected);
            assertThat(r.err().strip().lines().count()).as("one line: " + r.err()).isEqualTo(1);
            assertThat(tmp.resolve("runs")).as("no run folder for a bad spec").doesNotExist();
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void malformedJsonGivesLineAndColumn(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("broken.json");
        Files.writeString(spec, "[\n  {\"type\": \"Dense\", \"units\": 8},\n  {\"type\": \"Dense\" \"units\": 3}\n]\n");
        CliTest.Result r = train(spec, tmp);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model " + spec + ": not valid JSON at line 3, column 20: ")
                .contains("was expecting comma").doesNotContain("[Source", "com.fasterxml", "\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void unclosedJsonAndTrailingTextAndDuplicateKeys(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, "[{\"type\": \"Dense\", \"units\": 3}");
        assertThat(train(spec, tmp).err())
                .contains("not valid JSON at line 1, column ").contains("end-of-input").doesNotContain("[Source");
        Files.writeString(spec, "[{\"type\": \"Dense\", \"units\": 3}] []");
        assertThat(train(spec, tmp).err())
                .contains("not valid JSON at line 1, column 33: more text after the end of the JSON value");
        Files.writeString(spec, "[{\"type\": \"Dense\", \"units\": 3, \"units\": 4}]");
        CliTest.Result r = train(spec, tmp);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not valid JSON at line 1, column ").contains("duplicate key 'units'");
        Files.writeString(spec, "  \n");
        assertThat(train(spec, tmp).err())
                .contains("--model " + spec + ": the file is empty; expected a list of layers");
    }

    @Test
    void aMissingFileOrAFolder(@TempDir Path tmp) {
        CliTest.Result missing = train(tmp.resolve("nope.json"), tmp);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--model " + tmp.resolve("nope.json") + ": no such file");
        CliTest.Result folder = train(tmp, tmp);
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("--model " + tmp + ": is a folder; give a JSON file");
    }

    private static CliTest.Result train(Path spec, Path tmp) {
        return CliTest.run("train", "--data", "iris", "--model", spec.toString(), "--quiet", "--out",
                tmp.resolve("runs").toString());
    }
}
