package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code neurona train --data NAME} with no other flag reaches each built-in set's known score
 * (the test part of the set's fixed split), and says which defaults it chose.
 */
class TrainDefaultsTest {

    @TempDir
    Path tmp;

    /** Trains with the defaults (plus {@code extra} flags) and returns metrics.json's test scores. */
    private JsonNode train(String data, String... extra) throws Exception {
        Path runs = Files.createTempDirectory(tmp, "runs");
        String[] args = Stream.concat(Stream.of("train", "--data", data, "--quiet", "--out", runs.toString()),
                Stream.of(extra)).toArray(String[]::new);
        CliTest.Result r = CliTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Defaults for " + data + " (flags override): ");
        try (Stream<Path> dirs = Files.list(runs)) {
            Path run = dirs.findFirst().orElseThrow();
            return new ObjectMapper().readTree(run.resolve("metrics.json").toFile()).get("test");
        }
    }

    // Iris's fixed 30-flower test split holds three flowers that every small network misclassifies
    // (0.900 in the end-to-end tests as well); the mean over five splits is 0.95.
    @ParameterizedTest(name = "{0} reaches accuracy {1}")
    @CsvSource({"digits, 0.95", "iris, 0.90", "breast-cancer, 0.95", "wine, 0.95", "xor, 1.0", "and, 1.0",
            "or, 1.0", "moons, 0.97", "circles, 0.97", "spirals, 0.95", "blobs, 0.95"})
    void everyBuiltInClassificationSetReachesItsKnownScoreWithNoFlags(String data, double accuracy) throws Exception {
        assertThat(train(data).get("accuracy").asDouble()).isGreaterThanOrEqualTo(accuracy);
    }

    @Test
    void theRegressionSetFitsDownToItsNoise() throws Exception {
        // y = sin(x) + 0.1 x + 0.1 N(0, 1): the noise alone has a mean absolute error of 0.08
        assertThat(train("regression").get("mae").asDouble()).isLessThan(0.12);
    }

    @Test
    void fashionMnistReachesTheLecturesScoreWithNoFlags() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"))
                        || Files.isDirectory(Path.of(System.getProperty("user.home"), ".neurona/datasets/fashion-mnist")),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        assertThat(train("fashion-mnist").get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.85);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad", "adadelta"})
    void everyOptimizerLearnsIrisAtItsDefaultLearningRate(String optimizer) throws Exception {
        assertThat(train("iris", "--optimizer", optimizer).get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void givenFlagsWinAndAreNotListedAsDefaults() throws Exception {
        Path runs = tmp.resolve("given");
        CliTest.Result r = CliTest.run("train", "--data", "xor", "--epochs", "3", "--batch-size", "2", "--quiet",
                "--out", runs.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Defaults for xor (flags override): --layers 8 --validation-split 0 --lr 0.01")
                .doesNotContain("--epochs").doesNotContain("--batch-size");
    }

    @Test
    void aRegressionLossGetsARegressionMetricByDefault() throws Exception {
        JsonNode test = train("iris", "--loss", "mse", "--epochs", "5");
        assertThat(test.has("mae")).isTrue();
        assertThat(test.has("accuracy")).isFalse();
    }

    @Test
    void smallSetsKeepEveryPointForTrainingAndLargeOnesHoldOutAValidationSplit() {
        TrainDefaults xor = TrainDefaults.forData(DataSource.resolve("xor", null, null, 1));
        assertThat(xor.validationSplit()).isZero();
        assertThat(xor.batchSize()).isEqualTo(4);
        TrainDefaults digits = TrainDefaults.forData(DataSource.resolve("digits", null, null, 1));
        assertThat(digits.validationSplit()).isEqualTo(0.1);
        assertThat(digits.batchSize()).isEqualTo(32);
    }

    @Test
    void earlyStoppingGetsAValidationSplitWhenTheDefaultsKeptNone() {
        TrainSettings s = TrainSettings.resolve(TrainDefaults.forData(DataSource.resolve("iris", null, null, 1)),
                null, null, null, null, null, "adam", true, false);
        assertThat(s.validationSplit()).isEqualTo(TrainDefaults.EARLY_STOPPING_SPLIT);
        assertThat(s.describe("iris")).contains("--validation-split 0.2");
    }
}
