package dev.neurona.onnx;

import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an ONNX model back into a Neurona {@link Model}: Gemm (or MatMul with an optional bias
 * Add, in either operand order) as Dense, Flatten, PRelu, Sub/Div as Normalization, and
 * activations, one operator or the compositions exporters write (gelu from Erf or Tanh, silu,
 * hard_silu, ONNX's expanded Softmax/LogSoftmax). Values that join branches (a residual
 * {@code Add} of two computed values; Sub, Mul, Div, Sum, Mean of computed values, broadcasting
 * as ONNX does between values of one rank; Concat) become merge layers, so graphs with
 * several inputs, outputs and skip connections are read as functional models; a graph that is
 * one chain comes back as a {@link Sequential}. Constants may be initializers or
 * {@code Constant} nodes, and small constant subexpressions are folded first ({@link ValueTable},
 * {@link ConstantFolder}); Identity and inference Dropout are skipped. An activation that alone
 * reads a Dense layer's output becomes that layer's activation, as Keras writes it. Channels-first
 * graphs (PyTorch's CNNs: Conv, ConvTranspose, MaxPool, AveragePool, GlobalAveragePool,
 * BatchNormalization, Reshape, Transpose) read as channels-last layers behind a Permute, the
 * model taking the file's {@code [N, C, H, W]} inputs; see {@link ValueLayouts}.
 *
 * <pre>{@code
 * Model model = OnnxImport.read(Path.of("model.onnx"));
 * Sequential mlp = OnnxImport.readSequential(Path.of("mlp.onnx"));   // when it must be a chain
 * }</pre>
 *
 * <p>Whatever the file holds, {@code read} either returns a model or throws an
 * {@link OnnxImportException} that names the node (its name, or its index when it has none,
 * its operator and the opset) and the reason: a node without a Neurona counterpart is refused
 * rather than approximated.
 */
public final class OnnxImport {

    private OnnxImport() {
    }

    /**
     * The model in the ONNX file at {@code path}: a {@link Sequential} when the graph is one chain,
     * otherwise a functional model.
     *
     * @throws IOException when the file cannot be read
     * @throws OnnxImportException when it is not an ONNX model Neurona can represent
     */
    public static Model read(Path path) throws IOException {
        return read(parse(path));
    }

    /**
     * The model described by {@code model}.
     *
     * @throws OnnxImportException when it is not a graph Neurona can represent
     */
    public static Model read(ModelProto model) {
        ValueTable table;
        try {
            table = new ValueTable(model.getGraph(), opset(model));
        } catch (OnnxImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OnnxImportException("the graph's constants cannot be read: " + e, e);
        }
        return new GraphReader(model.getGraph(), table).read();
    }

    /**
     * The chain of layers in the ONNX file at {@code path}, as a Sequential.
     *
     * @throws OnnxImportException when the graph is not one chain (it branches, or has several
     *         inputs or outputs; {@link #read(Path)} reads those) or cannot be represented
     */
    public static Sequential readSequential(Path path) throws IOException {
        return readSequential(parse(path));
    }

    /** {@link #readSequential(Path)} for a parsed model. */
    public static Sequential readSequential(ModelProto model) {
        Model m = read(model);
        if (m instanceof Sequential s) {
            return s;
        }
        throw new OnnxImportException("the graph is not one chain of layers (it has " + m.inputCount() + " input(s), "
                + m.outputCount() + " output(s) and " + (m.layers().size() - m.inputCount())
                + " layers, some joining branches); read it with OnnxImport.read, which returns a functional Model");
    }

    private static ModelProto parse(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException(path + " is not an ONNX model (protobuf ModelProto): " + e.getMessage(), e);
        }
    }

    private static int opset(ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> ValueTable.isDefaultDomain(o.getDomain()))
                .mapToInt(o -> (int) o.getVersion()).findFirst()
                .orElseThrow(() -> new OnnxImportException("the model imports no default ONNX opset"));
    }

    // ---------------------------------------------------------------- attributes

    static float attrFloat(NodeProto node, String name, float fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }

    static long attrInt(NodeProto node, String name, long fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    /** An INTS attribute, or null when the node has none of that name. */
    static long[] attrInts(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        return null;
    }

    static String attrString(NodeProto node, String name, String fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getS().toStringUtf8();
            }
        }
        return fallback;
    }
}
