package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.PReLU;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.OperatorSetIdProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.TensorShapeProto;
import dev.neurona.onnx.proto.Onnx.ValueInfoProto;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX multi-layer perceptron back into a {@link Sequential}: a chain of Gemm (or
 * MatMul with an optional Add), Flatten, PRelu and the activations that {@link OnnxExport}
 * writes, including its compositions (gelu from Erf or Tanh, silu, hard_silu); Identity and
 * Dropout are skipped. An activation right after a Dense layer becomes that layer's
 * activation, as Keras writes it.
 *
 * <pre>{@code
 * Sequential model = OnnxImport.read(Path.of("model.onnx"));
 * }</pre>
 *
 * <p>A graph that is not such a chain, or holds an operator (or attributes) without a Neurona
 * counterpart, fails with an {@link OnnxImportException} naming the node, its operator and the
 * opset. Weights must be float32 initializers; Gemm's {@code transB} (PyTorch's layout) is read.
 */
public final class OnnxImport {

    private final GraphProto graph;
    private final int opset;
    private final Map<String, Tensor> initializers = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final List<Tensor> weights = new ArrayList<>();
    private int[] sample;
    private String value;
    private int next;
    private boolean previousWasDense;

    private OnnxImport(ModelProto model) {
        this.graph = model.getGraph();
        this.opset = model.getOpsetImportList().stream().filter(OnnxImport::isDefaultDomain)
                .mapToInt(o -> (int) o.getVersion()).findFirst()
                .orElseThrow(() -> new OnnxImportException("the model imports no default ONNX opset"));
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), tensor(t));
        }
    }

    /** The model in the ONNX file at {@code path}. */
    public static Sequential read(Path path) throws IOException {
        return read(ModelProto.parseFrom(Files.readAllBytes(path)));
    }

    /** The model described by {@code model}. */
    public static Sequential read(ModelProto model) {
        return new OnnxImport(model).convert();
    }

    private Sequential convert() {
        // before IR 4 initializers were listed among the inputs too
        List<ValueInfoProto> inputs = graph.getInputList().stream().filter(v -> !initializers.containsKey(v.getName())).toList();
        if (inputs.size() != 1 || graph.getOutputCount() != 1) {
            throw new OnnxImportException("a Sequential has one input and one output; the graph has "
                    + inputs.size() + " inputs and " + graph.getOutputCount() + " outputs");
        }
        ValueInfoProto input = inputs.get(0);
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new OnnxImportException("input '" + input.getName() + "' must be [batch, features…], has rank " + dims.size());
        }
        sample = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue()) {
                throw new OnnxImportException("input '" + input.getName() + "' has a symbolic dimension " + i
                        + "; only the batch may be dynamic");
            }
            sample[i - 1] = (int) dims.get(i).getDimValue();
        }
        int[] inputShape = sample.clone();
        value = input.getName();
        while (next < graph.getNodeCount()) {
            step();
        }
        if (!value.equals(graph.getOutput(0).getName())) {
            throw new OnnxImportException("the chain of nodes ends in '" + value + "', not in the graph output '"
                    + graph.getOutput(0).getName() + "'");
        }
        List<Layer> all = new ArrayList<>();
        all.add(new Input(inputShape));
        all.addAll(layers);
        Sequential model = new Sequential(all.toArray(Layer[]::new));
        model.build(inputShape);
        model.setWeights(weights);
        return model;
    }

    /** Converts the node at {@code next} (and those it composes with) into a layer or an activation. */
    private void step() {
        NodeProto node = graph.getNode(next);
        if (!node.getInput(0).equals(value)) {
            throw unsupported(node, "takes '" + node.getInput(0) + "', not the previous output '" + value + "'; only chains are read");
        }
        boolean afterDense = previousWasDense;
        previousWasDense = false;
        switch (node.getOpType()) {
            case "Identity", "Dropout" -> consume(1);
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Flatten" -> flatten(node);
            case "Sub" -> normalization(node);
            case "PRelu" -> {
                Tensor slope = initializer(node, 1);
                PReLU prelu = new PReLU();
                layers.add(prelu);
                weights.add(broadcastTo(slope, sample, node));
                consume(1);
            }
            default -> activation(ActivationReader.read(this, node), afterDense);
        }
    }

    private void gemm(NodeProto node) {
        if (attrInt(node, "transA", 0) != 0 || attrFloat(node, "alpha", 1f) != 1f || attrFloat(node, "beta", 1f) != 1f) {
            throw unsupported(node, "has transA, alpha or beta other than 0, 1, 1");
        }
        Tensor w = initializer(node, 1);
        Tensor kernel = attrInt(node, "transB", 0) != 0 ? w.transpose() : w;
        Tensor bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty() ? initializer(node, 2) : null;
        dense(kernel, bias, node);
        consume(1);
        previousWasDense = true;
    }

    private void matMul(NodeProto node) {
        Tensor kernel = initializer(node, 1);
        Tensor bias = null;
        int used = 1;
        if (next + 1 < graph.getNodeCount()) {
            NodeProto add = graph.getNode(next + 1);
            if (add.getOpType().equals("Add") && add.getInput(0).equals(node.getOutput(0))
                    && initializers.containsKey(add.getInput(1))) {
                bias = initializer(add, 1);
                used = 2;
            }
        }
        dense(kernel, bias, node);
        consume(used);
        previousWasDense = true;
    }

    private void dense(Tensor kernel, Tensor bias, NodeProto node) {
        if (kernel.rank() != 2 || kernel.dim(0) != sample[sample.length - 1]) {
            throw unsupported(node, "has a weight of shape " + Shape.toString(kernel.shape()) + " for inputs "
                    + Shape.toString(sample));
        }
        int units = kernel.dim(1);
        Dense dense = new Dense(units).useBias(bias != null);
        layers.add(dense);
        weights.add(kernel);
        if (bias != null) {
            if (bias.size() != units) {
                throw unsupported(node, "has a bias of shape " + Shape.toString(bias.shape()) + " for " + units + " units");
            }
            weights.add(bias.reshape(units));
        }
        sample[sample.length - 1] = units;
    }

    /** {@code Div(Sub(x, mean), std)} with constant mean and std, as Normalization exports: variance = std² − ε. */
    private void normalization(NodeProto node) {
        NodeProto div = next + 1 < graph.getNodeCount() ? graph.getNode(next + 1) : null;
        if (div == null || !div.getOpType().equals("Div") || !div.getInput(0).equals(node.getOutput(0))) {
            throw unsupported(node, "is a Sub not followed by a Div; only (x - mean) / std is read, as Normalization");
        }
        int features = sample[sample.length - 1];
        Tensor mean = initializer(node, 1);
        Tensor std = initializer(div, 1);
        if (mean.size() != features || std.size() != features) {
            throw unsupported(node, "has a mean or std of " + mean.size() + " and " + std.size() + " values for "
                    + features + " features");
        }
        Tensor variance = std.square().sub(dev.neurona.nn.Normalization.EPSILON);
        layers.add(new dev.neurona.nn.Normalization());
        weights.add(mean.reshape(features));
        weights.add(variance.reshape(features));
        consume(2);
    }

    private void flatten(NodeProto node) {
        if (attrInt(node, "axis", 1) != 1) {
            throw unsupported(node, "flattens from axis " + attrInt(node, "axis", 1) + "; a Flatten layer keeps only the batch");
        }
        layers.add(new Flatten());
        sample = new int[] {Shape.size(sample)};
        consume(1);
    }

    /** Folds {@code a} into the Dense layer read just before, or adds an Activation layer. */
    private void activation(Activation a, boolean afterDense) {
        if (afterDense && layers.get(layers.size() - 1) instanceof Dense dense) {
            dense.activation(a);
        } else {
            layers.add(new dev.neurona.nn.Activation(a));
        }
    }

    /** Moves past {@code count} nodes, the last of which produces the new current value. */
    void consume(int count) {
        value = graph.getNode(next + count - 1).getOutput(0);
        next += count;
    }

    // ---------------------------------------------------------------- for ActivationReader

    int opset() {
        return opset;
    }

    int rank() {
        return sample.length + 1;
    }

    String current() {
        return value;
    }

    /** The node {@code offset} places after the current one, or {@code null} past the end. */
    NodeProto peek(int offset) {
        return next + offset < graph.getNodeCount() ? graph.getNode(next + offset) : null;
    }

    /** The scalar value of the initializer {@code name}, or NaN when it is not a one-element initializer. */
    float scalar(String name) {
        Tensor t = initializers.get(name);
        return t == null || t.size() != 1 ? Float.NaN : t.item();
    }

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

    static String attrString(NodeProto node, String name, String fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getS().toStringUtf8();
            }
        }
        return fallback;
    }

    OnnxImportException unsupported(NodeProto node, String why) {
        return new OnnxImportException("node '" + node.getName() + "' (" + node.getOpType() + ", opset " + opset + ") "
                + why);
    }

    // ---------------------------------------------------------------- tensors

    private Tensor initializer(NodeProto node, int input) {
        Tensor t = input < node.getInputCount() ? initializers.get(node.getInput(input)) : null;
        if (t == null) {
            throw unsupported(node, "needs input " + input + " as a weight initializer");
        }
        return t;
    }

    private Tensor broadcastTo(Tensor slope, int[] shape, NodeProto node) {
        if (slope.size() == Shape.size(shape)) {
            return slope.reshape(shape);
        }
        if (slope.size() == 1) {
            return Tensor.full(slope.item(), shape);
        }
        throw unsupported(node, "has a slope of shape " + Shape.toString(slope.shape()) + " for samples "
                + Shape.toString(shape));
    }

    private static Tensor tensor(TensorProto t) {
        int[] shape = t.getDimsList().stream().mapToInt(Math::toIntExact).toArray();
        float[] data = new float[Shape.size(shape)];
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxImportException("initializer '" + t.getName() + "' has data type " + t.getDataType()
                    + "; only float32 weights are read");
        }
        if (!t.getRawData().isEmpty()) {
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = t.getFloatData(i);
            }
        }
        return Tensor.of(data, shape);
    }

    private static boolean isDefaultDomain(OperatorSetIdProto o) {
        return o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx");
    }
}
