package dev.neurona.onnx;

/**
 * A model cannot be written as ONNX at the requested opset: a layer or an activation has no
 * ONNX mapping, or its mapping needs a newer opset. The message names the layer or activation
 * and the opset.
 */
public final class OnnxExportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) {
        super(message);
    }
}
