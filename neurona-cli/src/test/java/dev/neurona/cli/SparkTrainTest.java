package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurona train --spark}: Spark is on the test class path (as under spark-submit). */
class SparkTrainTest {

    @Test
    void trainsOnLocalSparkWithTheUsualOptions(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        CliTest.Result r = CliTest.run("train", "--spark", "local[2]", "--data", "iris", "--layers", "16",
                "--epochs", "15", "--batch-size", "32", "--lr", "0.05", "--out", runs.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Training on iris", "Test loss: ", "accuracy: ");
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(16);
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertThat(config.get("spark").asText()).isEqualTo("local[2]");
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertThat(metrics.get("test").get("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(List.of(org.apache.spark.sql.SparkSession.getActiveSession().isDefined(),
                org.apache.spark.sql.SparkSession.getDefaultSession().isDefined())).containsOnly(false);
    }

    @Test
    void withoutSparkOnTheClassPathTheErrorSaysHowToRunIt() {
        assertThatThrownBy(() -> TrainCommand.requireSpark("org.apache.spark.sql.NoSuchSession"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--spark needs Apache Spark 4").hasMessageContaining("spark-submit --class "
                        + "dev.neurona.cli.Neurona");
    }
}
