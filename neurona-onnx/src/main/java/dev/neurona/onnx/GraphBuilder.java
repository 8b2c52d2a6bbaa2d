package dev.neurona.onnx;

import com.google.protobuf.ByteString;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.TensorShapeProto;
import dev.neurona.onnx.proto.Onnx.TypeProto;
import dev.neurona.onnx.proto.Onnx.ValueInfoProto;
import dev.neurona.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects an ONNX graph's nodes and initializers in topological order, handing out unique
 * value names. The mappers call {@link #op} once per ONNX node and thread the returned value
 * name into the next one.
 */
final class GraphBuilder {

    /** An ONNX node attribute. */
    record Attr(AttributeProto proto) {

        static Attr of(String name, float value) {
            return new Attr(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.FLOAT).setF(value).build());
        }

        static Attr of(String name, long value) {
            return new Attr(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.INT).setI(value).build());
        }

        static Attr ints(String name, long... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            return new Attr(a.build());
        }

        static Attr of(String name, String value) {
            return new Attr(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build());
        }
    }

    /** The symbolic name of the batch dimension of the graph's input and output. */
    static final String BATCH = "batch";

    private final int opset;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    /** The weights written, by name, so that a shared layer's second application reuses them. */
    private final java.util.Map<String, Tensor> weights = new java.util.HashMap<>();

    GraphBuilder(String name, int opset) {
        this.opset = opset;
        graph.setName(name);
    }

    /** The opset the graph is written for. */
    int opset() {
        return opset;
    }

    /** Declares the graph input {@code name} of float32 samples of {@code sampleShape}, batch first. */
    String input(String name, int[] sampleShape) {
        graph.addInput(valueInfo(claim(name), sampleShape));
        return name;
    }

    /** Keeps {@code name} (the graph output's) from being handed out to a node. */
    void reserve(String name) {
        claim(name);
    }

    /**
     * Adds a node {@code opType(inputs…)} named after {@code scope}, returning its output
     * value's name.
     */
    String op(String scope, String opType, List<String> inputs, Attr... attrs) {
        String out = fresh(scope + "/" + opType);
        NodeProto.Builder node = NodeProto.newBuilder().setName(out).setOpType(opType).addAllInput(inputs).addOutput(out);
        for (Attr a : attrs) {
            node.addAttribute(a.proto());
        }
        graph.addNode(node);
        return out;
    }

    /** {@link #op} with one input. */
    String op(String scope, String opType, String input, Attr... attrs) {
        return op(scope, opType, List.of(input), attrs);
    }

    /** Adds {@code values} as an initializer named {@code name} (a weight's path name, such as {@code dense_1/kernel}). */
    String weight(String name, Tensor values) {
        if (weights.get(name) == values) {
            return name;
        }
        weights.put(name, values);
        return initializer(claim(name), values.shape(), values.toArray());
    }

    /**
     * Adds {@code source} rearranged by {@code layout} (a Keras kernel in ONNX's layout, say) as the
     * initializer {@code name}, once per source: a shared layer's second application reuses it.
     */
    String weight(String name, Tensor source, java.util.function.UnaryOperator<Tensor> layout) {
        if (weights.get(name) == source) {
            return name;
        }
        weights.put(name, source);
        Tensor values = layout.apply(source.detach());
        return initializer(claim(name), values.shape(), values.toArray());
    }

    /** Adds a 1-D int64 constant (axes, a shape), named after {@code scope}. */
    String int64s(String scope, long... values) {
        String name = fresh(scope + "/const");
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a float32 scalar constant, named after {@code scope}. */
    String scalar(String scope, float value) {
        return initializer(fresh(scope + "/const"), new int[0], new float[] {value});
    }

    /**
     * Makes {@code value} the graph output {@code name} with samples of {@code sampleShape}: the
     * last node's output is renamed, or an Identity node added when no node made it.
     */
    void output(String value, String name, int[] sampleShape) {
        output(value, name, sampleShape, true);
    }

    /** {@link #output(String, String, int[])}, always through an Identity node unless {@code rename}. */
    void output(String value, String name, int[] sampleShape, boolean rename) {
        int last = graph.getNodeCount() - 1;
        if (rename && last >= 0 && graph.getNode(last).getOutput(0).equals(value)) {
            graph.setNode(last, graph.getNode(last).toBuilder().setOutput(0, name));
        } else {
            graph.addNode(NodeProto.newBuilder().setName(name + "/Identity").setOpType("Identity")
                    .addInput(value).addOutput(name));
        }
        graph.addOutput(valueInfo(name, sampleShape));
    }

    GraphProto build() {
        return graph.build();
    }

    private String initializer(String name, int[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
        for (int d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private static ValueInfoProto valueInfo(String name, int[] sampleShape) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (int d : sampleShape) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, … when taken. */
    private String fresh(String base) {
        String name = base;
        for (int i = 1; names.contains(name); i++) {
            name = base + "_" + i;
        }
        names.add(name);
        return name;
    }

    private String claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("ONNX value name '" + name + "' is used twice in the graph");
        }
        return name;
    }
}
