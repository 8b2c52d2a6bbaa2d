package dev.neurona.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be read or written as a model: not a model archive, corrupt,
 * truncated, larger than the {@link ModelFileLimits}, of a newer format version, or holding
 * weights that do not fit its architecture. The message names the file and the problem.
 */
public class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}, such as {@code "weights.npz: dense_1/kernel.npy: truncated"}. */
    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }
}
