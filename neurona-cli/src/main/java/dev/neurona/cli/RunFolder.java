package dev.neurona.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
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

    static RunFolder create(Path parent, String data) throws IOException {
        String base = LocalDateTime.now().format(STAMP) + "-" + data.replaceAll("[^A-Za-z0-9._-]+", "_");
        Files.createDirectories(parent);
        Path dir = parent.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(base + "-" + i);
        }
        return new RunFolder(Files.createDirectory(dir));
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
