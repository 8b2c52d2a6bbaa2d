package dev.neurona.onnx;

/**
 * An ONNX model cannot be read as a {@link dev.neurona.models.Sequential}: it is not a chain,
 * or a node has no Neurona counterpart. The message names the node (its name, or its index in
 * the graph when it has none), its operator, the opset and the reason.
 */
public final class OnnxImportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An import error saying {@code message}. */
    public OnnxImportException(String message) {
        super(message);
    }

    /** An import error saying {@code message}, caused by {@code cause} (a malformed file, a failed build). */
    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
