package dev.neurona.onnx;

/**
 * An ONNX model cannot be read as a {@link dev.neurona.models.Sequential}: it is not a chain,
 * or a node has no Neurona counterpart. The message names the node, its operator and the opset.
 */
public final class OnnxImportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public OnnxImportException(String message) {
        super(message);
    }
}
