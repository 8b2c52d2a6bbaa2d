package dev.neurona.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A run's folder, {@code runs/<timestamp>-<data>/}, never reused. */
final class RunFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a new run folder below {@code parent} (the {@code --out} folder, created if missing).
     *
     * @throws IOException naming {@code --out}, the folder and what failed
     */
    static RunFolder create(Path parent, String data) throws IOException {
        String base = LocalDateTime.now().format(STAMP) + "-" + data.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UsageException("--out " + parent + ": that is a file; give a folder for the run folders (default: runs)");
        }
        Path dir = parent.resolve(base);
        try {
            Files.createDirectories(parent);
            for (int i = 2; Files.exists(dir); i++) {
                dir = parent.resolve(base + "-" + i);
            }
            return new RunFolder(Files.createDirectory(dir));
        } catch (FileSystemException e) {
            throw new IOException("--out " + parent + ": cannot create the run folder " + dir + ": "
                    + Neurona.reason(e), e);
        }
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    void writeJson(String name, Object value) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file(name).toFile(), value);
    }
}
