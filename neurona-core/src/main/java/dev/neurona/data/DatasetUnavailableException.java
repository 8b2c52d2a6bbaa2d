package dev.neurona.data;

/**
 * A downloadable data set (MNIST, Fashion-MNIST) that is neither on disk nor could be
 * downloaded and verified. The message lists every directory searched and how to get the files.
 */
public class DatasetUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message that says where was searched and what to do. */
    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
