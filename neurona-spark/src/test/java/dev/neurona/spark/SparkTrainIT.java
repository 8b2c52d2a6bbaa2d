package dev.neurona.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.cli.Neurona;
import dev.neurona.models.ClusterTrainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's {@code neurona train --spark}, in-process: neurona-cli never depends on
 * Spark, so its Spark tests live here, where neurona-spark and Spark are on the class path (as
 * under the launcher's {@code --spark} or spark-submit). An integration test (Failsafe, after
 * {@code package}): it runs on this module's packaged jar, and in a JVM of its own, since the
 * unit tests' shared session ({@code TestSpark}) would otherwise be reused by the command.
 */
class SparkTrainIT {

    @Test
    void theCommandLineFindsThisModulesTrainerThroughServiceLoader() {
        ClusterTrainer trainer = ClusterTrainer.find("spark").orElseThrow();
        assertThat(trainer).isInstanceOf(SparkClusterTrainer.class);
        assertThat(trainer.available()).isTrue();
        assertThat(ClusterTrainer.find("no-such-cluster")).isEmpty();
    }

    @Test
    void withoutSparkTheProviderSaysWhatIsMissing() {
        assertThat(SparkClusterTrainer.loadable(SparkClusterTrainer.SPARK_CLASS)).isTrue();
        assertThat(SparkClusterTrainer.loadable("org.apache.spark.sql.NoSuchSession")).isFalse();
        assertThat(new SparkClusterTrainer().unavailableReason()).contains("Apache Spark 4 (Scala 2.13)");
    }

    @Test
    void trainsOnLocalSparkWithTheUsualOptions(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Neurona.run(new String[] {"train", "--spark", "local[2]", "--data", "iris", "--layers", "16",
            "--epochs", "15", "--batch-size", "32", "--lr", "0.05", "--out", runs.toString(), "--quiet"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Training on iris", "Test loss: ", "accuracy: ");
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(16);
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertThat(config.get("spark").asText()).isEqualTo("local[2]");
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertThat(metrics.get("test").get("accuracy").asDouble()).isGreaterThan(0.7);
        // the session the command created is stopped again
        assertThat(List.of(SparkSession.getActiveSession().isDefined(), SparkSession.getDefaultSession().isDefined()))
                .containsOnly(false);
    }
}
