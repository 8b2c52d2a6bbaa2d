package dev.neurona.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./neurona train --spark local[2]} at the repository root, as a user runs it: the
 * launcher puts neurona.jar, this module's jar and Spark's jars (target/spark.classpath, written
 * by this module's package) on the class path. After {@code package}, so everything it needs is
 * fresh and it builds nothing.
 */
class LauncherSparkIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theLauncherTrainsOnSpark(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        Process p = new ProcessBuilder(ROOT.resolve("neurona").toString(), "train", "--spark", "local[2]",
                "--data", "iris", "--layers", "8", "--epochs", "5", "--out", runs.toString(), "--quiet")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("launcher finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Training on iris", "Test loss: ").doesNotContain("neurona: building");
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.findFirst().orElseThrow();
        }
        assertThat(new ObjectMapper().readTree(run.resolve("config.json").toFile()).get("spark").asText())
                .isEqualTo("local[2]");
    }

    @Test
    void theLauncherOpensWhatTheSparkTestsOpen() throws Exception {
        // this JVM runs with the parent pom's spark.test.argLine
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.") || a.startsWith("-Dio.netty"))
                .toList();
        assertThat(flags).hasSizeGreaterThan(10);
        String launcher = Files.readString(ROOT.resolve("neurona"));
        assertThat(flags).allSatisfy(flag -> assertThat(launcher).contains(flag));
    }

    @Test
    void theClassPathFileNamesSparkButNoNeuronaModule() throws Exception {
        String cp = Files.readString(Path.of("target/spark.classpath"));
        assertThat(cp).contains("spark-sql_2.13-", "spark-mllib_2.13-", "spark-core_2.13-")
                .doesNotContain("neurona-core", "neurona-cli");
    }
}
