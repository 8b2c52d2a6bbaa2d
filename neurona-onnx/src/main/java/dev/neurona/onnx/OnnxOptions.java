package dev.neurona.onnx;

/**
 * How {@link OnnxExport} writes a model: the ONNX opset, and the names of the graph's input and
 * output tensors (both get a dynamic first dimension named {@code "batch"}).
 *
 * <pre>{@code
 * OnnxOptions options = OnnxOptions.defaults().withOpset(20).withInputName("pixels");
 * }</pre>
 *
 * @param opset the version of the default ONNX operator set, {@value #MIN_OPSET} to {@value #MAX_OPSET}
 * @param inputName the graph input's name
 * @param outputName the graph output's name
 */
public record OnnxOptions(int opset, String inputName, String outputName) {

    /** Opset 13 (ONNX 1.8, IR version 7): old enough for every runtime of the last years. */
    public static final int DEFAULT_OPSET = 13;
    /** The oldest opset written: Gemm's bias became optional and Clip took its bounds as inputs in 11. */
    public static final int MIN_OPSET = 11;
    /** The newest opset written: ONNX 1.16's, the newest that ONNX Runtime 1.20 runs. */
    public static final int MAX_OPSET = 21;

    /** The IR version of the ONNX release that introduced opsets 11, 12, … 21. */
    private static final int[] IR_VERSION_BY_OPSET = {6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 10};

    public OnnxOptions {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("ONNX opset must be in [" + MIN_OPSET + ", " + MAX_OPSET + "], got " + opset);
        }
        checkName("input", inputName);
        checkName("output", outputName);
        if (inputName.equals(outputName)) {
            throw new IllegalArgumentException("ONNX input and output names must differ, both are '" + inputName + "'");
        }
    }

    /** Opset {@value #DEFAULT_OPSET}, input {@code "input"}, output {@code "output"}. */
    public static OnnxOptions defaults() {
        return new OnnxOptions(DEFAULT_OPSET, "input", "output");
    }

    /** These options with another opset. */
    public OnnxOptions withOpset(int opset) {
        return new OnnxOptions(opset, inputName, outputName);
    }

    /** These options with another input name. */
    public OnnxOptions withInputName(String inputName) {
        return new OnnxOptions(opset, inputName, outputName);
    }

    /** These options with another output name. */
    public OnnxOptions withOutputName(String outputName) {
        return new OnnxOptions(opset, inputName, outputName);
    }

    /**
     * The IR version written with this opset: that of the ONNX release that introduced it, so
     * that a runtime old enough to know the opset also knows the file format.
     */
    public int irVersion() {
        return IR_VERSION_BY_OPSET[opset - MIN_OPSET];
    }

    private static void checkName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("ONNX " + what + " name must be non-blank, got '" + name + "'");
        }
    }
}
