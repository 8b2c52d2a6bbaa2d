package dev.neurona.onnx;

/**
 * A model cannot be written as ONNX at the requested opset: a layer or an activation has no
 * ONNX mapping, or its mapping needs a newer opset. The message names the layer or activation
 * and the opset.
 */
public final class OnnxExportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An export error saying {@code message}. */
    public OnnxExportException(String message) {
        super(message);
    }

    /** An export error saying {@code message}, caused by {@code cause}. */
    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
