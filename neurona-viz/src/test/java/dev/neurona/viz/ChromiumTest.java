package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's {@code chromium}, which CI installs) and checks
 * that the screenshot shows something. Skipped where no Chromium is installed.
 */
class ChromiumTest {

    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void headlessChromiumRendersTheReport(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = findChromium();
        assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install -y chromium); skipping");
        Path report = Report.write(dir.resolve("run"), ReportTest.xorContent());
        Path screenshot = dir.resolve("shot.png");
        Path log = dir.resolve("chromium.log");
        Process process = new ProcessBuilder(List.of(chromium.get().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + screenshot,
                "--window-size=1200,2000", report.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("chromium finished within " + TIMEOUT_SECONDS + " s").isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(screenshot).as("screenshot; chromium said:\n" + Files.readString(log)).exists();
        // keep both for a look by eye: neurona-viz/target/chromium/
        Path keep = Files.createDirectories(Path.of("target", "chromium"));
        Files.copy(report, keep.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(screenshot, keep.resolve("screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(Pictures.distinctColors(image)).as("distinct colours in the screenshot").isGreaterThan(50);
    }

    private static Optional<Path> findChromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
