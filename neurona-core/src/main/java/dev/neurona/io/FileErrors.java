package dev.neurona.io;

import java.nio.file.Path;

/** Makes {@link ModelFileException}s that name one file. */
final class FileErrors {

    private final Path file;

    FileErrors(Path file) {
        this.file = file;
    }

    ModelFileException create(String problem) {
        return new ModelFileException(file, problem);
    }

    ModelFileException create(String problem, Throwable cause) {
        return new ModelFileException(file, problem, cause);
    }
}
