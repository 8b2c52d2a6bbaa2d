package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./neurona} launcher at the repository root, run once as a user would. An
 * integration test (Failsafe, after {@code package}), so the jar it finds is the fresh one.
 */
class LauncherIT {

    @Test
    void theLauncherRunsTheCommandLine() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path launcher = root.resolve("neurona");
        assertThat(launcher).isExecutable();
        Process p = new ProcessBuilder(launcher.toString(), "perceptron", "--data", "or")
                .directory(root.toFile()).redirectErrorStream(true).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("launcher finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Converged after");
    }
}
