package dev.neurona.onnx;

import dev.neurona.io.AtomicFiles;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.OperatorSetIdProto;
import dev.neurona.onnx.proto.Onnx.StringStringEntryProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Writes a {@link Sequential} model as an ONNX file that ONNX Runtime, or any other ONNX
 * consumer, runs with the outputs of {@code predict}: one float32 input and one output, both
 * with a dynamic first dimension named {@code "batch"}, the weights stored as initializers under
 * their path names ({@code dense_1/kernel}). Dropout is left out, as at inference.
 *
 * <pre>{@code
 * OnnxExport.write(model, Path.of("model.onnx"));                                      // opset 13
 * OnnxExport.write(model, Path.of("model.onnx"), OnnxOptions.defaults().withOpset(20)); // Gelu as one op
 * }</pre>
 *
 * <p>Layers: Input, Dense (Gemm, or MatMul + Add for inputs of rank above 2), Flatten,
 * Activation, Dropout, PReLU; every built-in activation (see docs/ARCHITECTURE.md for the
 * table). Anything else fails with an {@link OnnxExportException} naming it and the opset.
 */
public final class OnnxExport {

    /** The {@code producer_name} of every file written. */
    public static final String PRODUCER = "neurona";

    private OnnxExport() {
    }

    /** Writes {@code model} to {@code path} with the {@link OnnxOptions#defaults() default options}. */
    public static void write(Sequential model, Path path) throws IOException {
        write(model, path, OnnxOptions.defaults());
    }

    /**
     * Writes {@code model} to {@code path}, replacing the file if it exists, atomically (see
     * {@link AtomicFiles}: never a half-written file; missing folders are created).
     */
    public static void write(Sequential model, Path path, OnnxOptions options) throws IOException {
        byte[] bytes = toBytes(model, options);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** The ONNX file's bytes for {@code model}. */
    public static byte[] toBytes(Sequential model, OnnxOptions options) {
        return toModel(model, options).toByteArray();
    }

    /**
     * The ONNX model for {@code model}. A model that is not built yet is built first when its
     * first layer declares the input shape ({@code input(…)}, {@code flatten(28, 28)}).
     *
     * @throws IllegalStateException when the model is not built and has no declared input shape
     * @throws OnnxExportException when a layer or activation has no mapping at {@code options.opset()}
     */
    public static ModelProto toModel(Sequential model, OnnxOptions options) {
        if (model.layers().isEmpty()) {
            throw new IllegalArgumentException("ONNX export: the model has no layers");
        }
        if (!model.isBuilt()) {
            int[] declared = model.layers().get(0).declaredInputShape();
            if (declared == null) {
                throw new IllegalStateException("ONNX export: the model is not built; start it with input(…), "
                        + "or call build(inputShape), fit or predict before exporting");
            }
            model.build(declared);
        }
        GraphBuilder g = new GraphBuilder("neurona_sequential", options.opset());
        g.reserve(options.outputName());
        String value = g.input(options.inputName(), model.layers().get(0).inputShape());
        for (Layer layer : model.layers()) {
            value = LayerMapper.apply(g, layer, value);
        }
        g.output(value, options.outputName(), model.outputShape());
        return ModelProto.newBuilder()
                .setIrVersion(options.irVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()))
                .setProducerName(PRODUCER)
                .setProducerVersion(version())
                .setDocString("A Neurona Sequential model: " + model.layers())
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("neurona.version").setValue(version()))
                .setGraph(g.build())
                .build();
    }

    /** This module's version, as Maven filtered it into {@code neurona-onnx.properties}. */
    static String version() {
        try (InputStream in = OnnxExport.class.getResourceAsStream("neurona-onnx.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read neurona-onnx.properties", e);
        }
    }
}
