package dev.neurona.data;

/**
 * A downloadable data set (MNIST, Fashion-MNIST) that is neither on disk nor could be
 * downloaded and verified. The message lists every directory searched and how to get the files;
 * its last words say how to point the loader at a folder of one's own, in Java by default
 * ({@code Datasets.mnist(Path)}), and {@link #messageWithFolderAdvice} lets a caller such as the
 * command line say it in its own terms.
 */
public class DatasetUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String body;

    /** With a message that says where was searched and what to do. */
    public DatasetUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param body        what was searched and how to get the files, ending where a folder of the
     *                    user's own can be named ("... into ~/.neurona/datasets/mnist")
     * @param folderAdvice how to name such a folder in Java, appended after " or ", or {@code null}
     */
    public DatasetUnavailableException(String body, String folderAdvice, Throwable cause) {
        super(folderAdvice == null ? body : body + " or " + folderAdvice, cause);
        this.body = body;
    }

    /** The message with {@code folderAdvice} (for example "the folder given as --data mnist:DIR") at its end. */
    public String messageWithFolderAdvice(String folderAdvice) {
        return body + " or " + folderAdvice;
    }
}
