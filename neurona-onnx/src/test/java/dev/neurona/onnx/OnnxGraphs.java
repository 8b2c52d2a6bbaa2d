package dev.neurona.onnx;

import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.OperatorSetIdProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.TensorShapeProto;
import dev.neurona.onnx.proto.Onnx.TypeProto;
import dev.neurona.onnx.proto.Onnx.ValueInfoProto;
import dev.neurona.tensor.Tensor;
import java.util.List;

/** Hand-written ONNX graphs for the import tests: nodes in the order given, as exporters write them. */
final class OnnxGraphs {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("g");
    private int count;

    /** A graph whose float input {@code x} has a dynamic batch and {@code sample} after it. */
    OnnxGraphs(int... sample) {
        graph.addInput(info("x", sample));
    }

    /** Adds a node {@code op(inputs…)} with attributes, returning its output's name. */
    String node(String op, List<String> inputs, AttributeProto... attributes) {
        String out = op.toLowerCase() + "_" + count++;
        graph.addNode(NodeProto.newBuilder().setName(out).setOpType(op).addAllInput(inputs).addOutput(out)
                .addAllAttribute(List.of(attributes)));
        return out;
    }

    /** A {@code Constant} node holding a float32 scalar tensor in {@code value}. */
    String constant(float v) {
        return node("Constant", List.of(), AttributeProto.newBuilder().setName("value")
                .setType(AttributeProto.AttributeType.TENSOR).setT(TensorProto.newBuilder()
                        .setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(v)).build());
    }

    /** A float32 initializer. */
    String weight(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int d : t.shape()) {
            b.addDims(d);
        }
        for (float f : t.data()) {
            b.addFloatData(f);
        }
        graph.addInitializer(b);
        return name;
    }

    static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long l : v) {
            b.addInts(l);
        }
        return b.build();
    }

    /** The model at {@code opset} whose output is {@code value}, of sample shape {@code sample}. */
    ModelProto model(String value, int opset, int... sample) {
        GraphProto g = graph.clone().addOutput(info(value, sample)).build();
        return ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g).build();
    }

    private static ValueInfoProto info(String name, int[] sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : sample) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
