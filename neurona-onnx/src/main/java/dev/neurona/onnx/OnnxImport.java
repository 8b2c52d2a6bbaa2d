package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Flatten;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.PReLU;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.TensorShapeProto;
import dev.neurona.onnx.proto.Onnx.ValueInfoProto;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ONNX multi-layer perceptron back into a {@link Sequential}: a chain of Gemm (or
 * MatMul with an optional bias Add, in either operand order), Flatten, PRelu, Sub/Div as
 * Normalization, and activations, one operator or the compositions exporters write (gelu from
 * Erf or Tanh, silu, hard_silu, ONNX's expanded Softmax/LogSoftmax). Constants may be
 * initializers or {@code Constant} nodes, and small constant subexpressions are folded first
 * ({@link ValueTable}, {@link ConstantFolder}); Identity and inference Dropout are skipped. An
 * activation right after a Dense layer becomes that layer's activation, as Keras writes it.
 *
 * <pre>{@code
 * Sequential model = OnnxImport.read(Path.of("model.onnx"));
 * }</pre>
 *
 * <p>Whatever the file holds, {@code read} either returns a model or throws an
 * {@link OnnxImportException} that names the node (its name, or its index when it has none,
 * its operator and the opset) and the reason: a graph that is not such a chain, or a node
 * without a Neurona counterpart, is refused rather than approximated.
 */
public final class OnnxImport {

    private final GraphProto graph;
    private final ValueTable table;
    private final List<NodeProto> live;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Tensor> weights = new ArrayList<>();
    private int[] sample;
    private String value;
    private int next;
    private boolean previousWasDense;

    private OnnxImport(ModelProto model) {
        this.graph = model.getGraph();
        int opset = model.getOpsetImportList().stream().filter(o -> ValueTable.isDefaultDomain(o.getDomain()))
                .mapToInt(o -> (int) o.getVersion()).findFirst()
                .orElseThrow(() -> new OnnxImportException("the model imports no default ONNX opset"));
        this.table = new ValueTable(graph, opset);
        this.live = table.live();
    }

    /**
     * The model in the ONNX file at {@code path}.
     *
     * @throws IOException when the file cannot be read
     * @throws OnnxImportException when it is not an ONNX model Neurona can represent
     */
    public static Sequential read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException(path + " is not an ONNX model (protobuf ModelProto): " + e.getMessage(), e);
        }
        return read(model);
    }

    /**
     * The model described by {@code model}.
     *
     * @throws OnnxImportException when it is not a chain Neurona can represent
     */
    public static Sequential read(ModelProto model) {
        OnnxImport in;
        try {
            in = new OnnxImport(model);
        } catch (OnnxImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OnnxImportException("the graph's constants cannot be read: " + e, e);
        }
        return in.convert();
    }

    private Sequential convert() {
        int[] inputShape = readInput();
        while (next < live.size()) {
            NodeProto node = live.get(next);
            try {
                step(node);
            } catch (OnnxImportException e) {
                throw e;
            } catch (RuntimeException e) {
                throw table.refuse(node, "cannot be read: " + e);
            }
        }
        String output = graph.getOutput(0).getName();
        if (!value.equals(output)) {
            throw new OnnxImportException("the chain of nodes ends in '" + value + "', not in the graph output '" + output
                    + "'" + (table.isConstant(output) ? ", which is a constant" : ""));
        }
        List<Layer> all = new ArrayList<>();
        all.add(new Input(inputShape));
        all.addAll(layers);
        try {
            Sequential model = new Sequential(all.toArray(Layer[]::new));
            model.build(inputShape);
            model.setWeights(weights);
            return model;
        } catch (RuntimeException e) {
            throw new OnnxImportException("the layers read from the graph, " + all.stream().map(Layer::typeName).toList()
                    + ", cannot be built for input " + Shape.toString(inputShape) + ": " + e.getMessage(), e);
        }
    }

    /** The one float input's sample shape (its dimensions after the batch). */
    private int[] readInput() {
        // before IR 4 initializers were listed among the inputs too
        List<ValueInfoProto> inputs = graph.getInputList().stream().filter(v -> !table.isConstant(v.getName())).toList();
        if (inputs.size() != 1 || graph.getOutputCount() != 1) {
            throw new OnnxImportException("a Sequential has one input and one output; the graph has "
                    + inputs.size() + " inputs and " + graph.getOutputCount() + " outputs");
        }
        ValueInfoProto input = inputs.get(0);
        int type = input.getType().getTensorType().getElemType();
        if (type != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxImportException("input '" + input.getName() + "' has element type "
                    + TensorProto.DataType.forNumber(type) + "; Neurona's models take float32");
        }
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new OnnxImportException("input '" + input.getName() + "' must be [batch, features…], has rank " + dims.size());
        }
        sample = new int[dims.size() - 1];
        long elements = 1;
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue()) {
                throw new OnnxImportException("input '" + input.getName() + "' has a symbolic dimension " + i
                        + "; only the batch may be dynamic");
            }
            long d = dims.get(i).getDimValue();
            elements *= Math.max(d, 0);
            if (d < 1 || elements > Shape.MAX_ELEMENTS) {
                throw new OnnxImportException("input '" + input.getName() + "' has dimension " + i + " of size " + d
                        + "; each must be at least 1, with fewer than 2^31 elements per sample");
            }
            sample[i - 1] = (int) d;
        }
        value = input.getName();
        return sample.clone();
    }

    /** Converts the node at {@code next} (and those it composes with) into a layer or an activation. */
    private void step(NodeProto node) {
        if (!ValueTable.isDefaultDomain(node.getDomain())) {
            throw table.refuse(node, "is not an operator of the default ONNX domain");
        }
        if (!node.getInputList().contains(value) || node.getOutputCount() == 0) {
            throw table.refuse(node, "does not take the previous output '" + value + "' (it takes "
                    + node.getInputList() + "); only chains are read");
        }
        boolean afterDense = previousWasDense;
        previousWasDense = false;
        CompositionReader.Match composition = CompositionReader.read(table, live, next, value, rank());
        if (composition != null) {
            activation(composition.activation(), afterDense);
            consume(composition.nodes());
            return;
        }
        for (int i = 0; i < node.getInputCount(); i++) {
            String in = node.getInput(i);
            if (!in.isEmpty() && !in.equals(value) && !table.isConstant(in)) {
                throw table.refuse(node, "reads '" + in + "', computed by the graph, besides the previous output '"
                        + value + "'; only chains are read");
            }
        }
        switch (node.getOpType()) {
            case "Identity" -> consume(1);
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Flatten" -> flatten(node);
            case "Sub" -> normalization(node);
            case "PRelu" -> prelu(node);
            default -> {
                activation(ActivationReader.read(table, node, rank()), afterDense);
                consume(1);
            }
        }
    }

    private void gemm(NodeProto node) {
        if (sample.length != 1) {
            throw unsupported(node, "multiplies a matrix, but its input has rank " + rank() + " (" + Shape.toString(sample)
                    + " per sample)");
        }
        requireFirst(node);
        if (attrInt(node, "transA", 0) != 0) {
            throw unsupported(node, "has transA=1; the input is the first operand, untransposed");
        }
        Tensor w = constant(node, 1);
        if (w.rank() != 2) {
            throw unsupported(node, "has a weight of shape " + Shape.toString(w.shape()) + "; Gemm takes a matrix");
        }
        float alpha = attrFloat(node, "alpha", 1f);
        float beta = attrFloat(node, "beta", 1f);
        Tensor kernel = attrInt(node, "transB", 0) != 0 ? w.transpose() : w;
        if (alpha != 1f) {
            kernel = kernel.mul(alpha);
        }
        Tensor bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty() ? constant(node, 2) : null;
        if (bias != null && beta != 1f) {
            bias = bias.mul(beta);
        }
        dense(kernel, bias, node);
        consume(1);
        previousWasDense = true;
    }

    /** MatMul(x, W), and an Add of a constant bias right after it: Add(XW, b) or Add(b, XW). */
    private void matMul(NodeProto node) {
        requireFirst(node);
        Tensor kernel = constant(node, 1);
        Tensor bias = null;
        int used = 1;
        NodeProto add = next + 1 < live.size() ? live.get(next + 1) : null;
        String product = node.getOutput(0);
        if (add != null && add.getOpType().equals("Add") && add.getInputCount() == 2 && add.getOutputCount() > 0
                && table.consumers(product).size() == 1
                && !table.isGraphOutput(product)) {
            int other = add.getInput(0).equals(product) ? 1 : add.getInput(1).equals(product) ? 0 : -1;
            if (other >= 0 && table.isConstant(add.getInput(other))) {
                bias = constant(add, other);
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
            if (bias.size() == 1 && units != 1) {
                bias = Tensor.full(bias.item(), units);
            }
            if (bias.size() != units || bias.shape()[bias.rank() - 1] != units) {
                throw unsupported(node, "has a bias of shape " + Shape.toString(bias.shape()) + " for " + units + " units");
            }
            weights.add(bias.reshape(units));
        }
        sample[sample.length - 1] = units;
    }

    /** {@code Div(Sub(x, mean), std)} with constant mean and std, as Normalization exports: variance = std² − ε. */
    private void normalization(NodeProto node) {
        NodeProto div = next + 1 < live.size() ? live.get(next + 1) : null;
        if (div == null || !div.getOpType().equals("Div") || div.getInputCount() != 2 || div.getOutputCount() == 0
                || !div.getInput(0).equals(node.getOutput(0)) || !node.getInput(0).equals(value)) {
            throw unsupported(node, "is a Sub not followed by a Div; only (x - mean) / std is read, as Normalization");
        }
        int features = sample[sample.length - 1];
        Tensor mean = constant(node, 1);
        Tensor std = constant(div, 1);
        if (mean.size() != features || std.size() != features) {
            throw unsupported(node, "has a mean or std of " + mean.size() + " and " + std.size() + " values for "
                    + features + " features");
        }
        Tensor variance = std.square().sub(Normalization.EPSILON);
        layers.add(new Normalization());
        weights.add(mean.reshape(features));
        weights.add(variance.reshape(features));
        consume(2);
    }

    private void flatten(NodeProto node) {
        long axis = attrInt(node, "axis", 1);
        int normalized = ActivationReader.normalizeAxis(table, node, axis, rank(), rank());
        if (normalized != 1) {
            throw unsupported(node, "flattens from axis " + axis + " (" + normalized + " of rank " + rank()
                    + "); a Flatten layer keeps only the batch, axis 1");
        }
        layers.add(new Flatten());
        sample = new int[] {Shape.size(sample)};
        consume(1);
    }

    private void prelu(NodeProto node) {
        requireFirst(node);
        Tensor slope = constant(node, 1);
        layers.add(new PReLU());
        weights.add(broadcastTo(slope, sample, node));
        consume(1);
    }

    /** Folds {@code a} into the Dense layer read just before, or adds an Activation layer; linear adds nothing. */
    private void activation(Activation a, boolean afterDense) {
        if (afterDense && layers.get(layers.size() - 1) instanceof Dense dense) {
            dense.activation(a);
            previousWasDense = a.name().equals("linear");
        } else if (!a.name().equals("linear")) {
            layers.add(new dev.neurona.nn.Activation(a));
        } else {
            previousWasDense = afterDense;
        }
    }

    /** Moves past {@code count} live nodes, the last of which produces the new current value. */
    private void consume(int count) {
        value = live.get(next + count - 1).getOutput(0);
        next += count;
    }

    private int rank() {
        return sample.length + 1;
    }

    private void requireFirst(NodeProto node) {
        if (!node.getInput(0).equals(value)) {
            throw unsupported(node, "takes the previous output '" + value + "' as operand " + node.getInputList().indexOf(value)
                    + "; Neurona reads it as the first operand only (x·W, not W·x)");
        }
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

    static String attrString(NodeProto node, String name, String fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getS().toStringUtf8();
            }
        }
        return fallback;
    }

    private OnnxImportException unsupported(NodeProto node, String why) {
        return table.refuse(node, why);
    }

    // ---------------------------------------------------------------- tensors

    /** Input {@code input} of {@code node} as a float weight: an initializer, a Constant or a folded constant. */
    private Tensor constant(NodeProto node, int input) {
        ConstValue c = input < node.getInputCount() ? table.constant(node.getInput(input)) : null;
        if (c == null) {
            throw unsupported(node, "needs input " + input + " as a constant weight"
                    + (input < node.getInputCount() ? "; '" + node.getInput(input) + "' is computed by the graph" : ""));
        }
        if (!c.floating()) {
            throw unsupported(node, "has input " + input + " '" + node.getInput(input) + "' of type " + c
                    + "; weights are floating-point");
        }
        return c.toTensor();
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
}
