package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Dataset;
import dev.neurona.models.ClusterTrainer;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line is built without Spark and without neurona-spark (so a first build fetches
 * neither); {@code train --spark} then says how to run with them. Its Spark runs are tested in
 * neurona-spark (SparkTrainIT, LauncherSparkIT).
 */
class SparkMissingTest {

    @Test
    void neitherSparkNorNeuronaSparkIsOnTheCommandLinesClassPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.SparkSession"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("dev.neurona.spark.SparkClusterTrainer"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(ClusterTrainer.find(SparkSupport.PROVIDER)).isEmpty();
        assertThat(System.getProperty("java.class.path")).doesNotContain("org/apache/spark", "neurona-spark");
    }

    @Test
    void trainWithSparkIsAUsageErrorThatSaysHowToRunIt(@TempDir Path tmp) {
        Path runs = tmp.resolve("runs");
        CliTest.Result r = CliTest.run("train", "--spark", "local[2]", "--data", "iris", "--out", runs.toString(),
                "--quiet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--spark needs neurona-spark and Apache Spark 4 (Scala 2.13)",
                "./neurona train --spark local[2]", "spark-submit --class dev.neurona.cli.Neurona --jars "
                        + "neurona-spark/target/neurona-spark-", " neurona-cli/target/neurona.jar train --spark default");
        assertThat(r.err()).doesNotContain("--verbose");   // a usage error: no stack trace to offer
        assertThat(runs).as("nothing is trained or written before the error").doesNotExist();
    }

    @Test
    void aProviderWithoutSparkSaysWhatIsMissing() {
        ClusterTrainer withoutSpark = new ClusterTrainer() {
            @Override
            public String name() {
                return SparkSupport.PROVIDER;
            }

            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String unavailableReason() {
                return "Apache Spark 4 (Scala 2.13) is not on the class path";
            }

            @Override
            public History fit(String master, dev.neurona.models.Model model, Dataset data, Fit fit) {
                throw new AssertionError("not called");
            }
        };
        assertThatThrownBy(() -> SparkSupport.check(Optional.of(withoutSpark)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--spark: Apache Spark 4 (Scala 2.13) is not on the class path: run "
                        + "'./neurona train --spark local[2]");
    }

    @Test
    void trainsHelpShowsBothWaysToRunOnSpark() {
        CliTest.Result help = CliTest.run("train", "--help");
        assertThat(help.code()).isZero();
        String nl = System.lineSeparator();   // each line whole, not wrapped by picocli
        assertThat(help.out()).contains("neurona train --spark local[2]", "spark-submit --class dev.neurona.cli.Neurona \\" + nl,
                "--jars neurona-spark/target/neurona-spark-VERSION.jar \\" + nl,
                "neurona-cli/target/neurona.jar train --spark default");
    }

    @Test
    void theSparkJarIsNamedWithThisVersion() {
        assertThat(SparkSupport.sparkJar()).matches("neurona-spark/target/neurona-spark-\\d+\\.\\d+\\.\\d+.*\\.jar");
    }
}
