package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.data.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code neurona train} puts into the run folder's report and figures. */
class RunReportTest {

    private static Path train(Path runs, String... args) throws Exception {
        String[] all = Stream.concat(Stream.of("train", "--out", runs.toString(), "--quiet"), Stream.of(args))
                .toArray(String[]::new);
        CliTest.Result r = CliTest.run(all);
        assertThat(r.code()).as(r.err()).isZero();
        return CliTest.onlyRun(runs);
    }

    @Test
    void aRegressionRunDrawsPredictionsAndResiduals(@TempDir Path tmp) throws Exception {
        Path run = train(tmp.resolve("runs"), "--data", "regression", "--epochs", "3");
        assertThat(run.resolve("predicted_vs_actual.png")).isRegularFile();
        assertThat(run.resolve("residuals.png")).isRegularFile();
        assertThat(Files.size(run.resolve("residuals.png"))).isGreaterThan(1000);
        assertThat(run.resolve("confusion_matrix.png")).doesNotExist();
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).contains("<h2>Predicted against actual</h2>", "<h2>Residuals</h2>", "<h2>Test metrics</h2>",
                "<td>Test loss</td>", "<td>Test mae</td>", "Scored on 100 test samples.");
    }

    @Test
    void aClassificationRunNamesItsClassesAndDrawsNoRegressionPlots(@TempDir Path tmp) throws Exception {
        Path run = train(tmp.resolve("runs"), "--data", "iris", "--epochs", "2");
        assertThat(run.resolve("confusion_matrix.png")).isRegularFile();
        assertThat(run.resolve("predicted_vs_actual.png")).doesNotExist();
        assertThat(run.resolve("residuals.png")).doesNotExist();
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).contains(">setosa<", ">versicolor<", ">virginica<", "<td>Test accuracy</td>",
                "Scored on 30 test samples.");
    }

    @Test
    void theConfigurationHoldsOnlyWhatWasSet(@TempDir Path tmp) throws Exception {
        Path run = train(tmp.resolve("runs"), "--data", "iris", "--epochs", "2");
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        config.fields().forEachRemaining(e -> assertThat(e.getValue().isNull()).as(e.getKey()).isFalse());
        assertThat(config.has("target")).as("no --target was given").isFalse();
        assertThat(config.has("early_stopping")).isFalse();
        assertThat(config.get("epochs").asInt()).isEqualTo(2);
        String html = Files.readString(run.resolve("report.html"));
        String table = html.substring(html.indexOf("<h2>Configuration</h2>"), html.indexOf("<h2>Model</h2>"));
        assertThat(table).doesNotContain("null", "{", "}").contains("<td>iris</td>", "adam (learning_rate 0.001, ",
                "dense_1 (Dense): units ");
    }

    @Test
    void builtInSetsNameTheirClasses() {
        assertThat(DataSource.builtinClassNames("fashion-mnist")).isEqualTo(Datasets.fashionMnistClasses())
                .hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(DataSource.builtinClassNames("mnist")).hasSize(10).startsWith("0").endsWith("9");
        assertThat(DataSource.resolve("digits", null, null, 1).classNames()).hasSize(10).startsWith("0", "1");
        assertThat(DataSource.resolve("iris", null, null, 1).classNames()).containsExactly("setosa", "versicolor",
                "virginica");
        DataSource cancer = DataSource.resolve("breast-cancer", null, null, 1);
        assertThat(cancer.classNames()).containsExactly("malignant", "benign").hasSize(cancer.classes());
        DataSource wine = DataSource.resolve("wine", null, null, 1);
        assertThat(wine.classNames()).hasSize(wine.classes());
        assertThat(DataSource.resolve("moons", null, null, 1).classNames()).isEmpty();
    }
}
