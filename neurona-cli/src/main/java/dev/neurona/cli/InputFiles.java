package dev.neurona.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a file a flag names before it is read, so that the error says which flag and what is wrong. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * @param what the flag and value as the user typed them, such as {@code "--input new.csv"}
     * @throws UsageException when {@code file} is missing, a folder or unreadable
     */
    static void requireReadable(String what, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(what + ": " + file.toAbsolutePath() + " is a folder; give a file");
        }
        if (!Files.exists(file)) {
            throw new UsageException(what + ": no such file " + file.toAbsolutePath());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(what + ": cannot read " + file.toAbsolutePath() + " (not a readable file)");
        }
    }
}
