package dev.neurona.onnx;

import dev.neurona.activations.Activation;
import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.TensorShapeProto;
import dev.neurona.onnx.proto.Onnx.ValueInfoProto;
import dev.neurona.tensor.Shape;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks an ONNX graph's live nodes in order and applies one Neurona layer per node (or per group
 * of nodes that make one layer: MatMul and its bias Add, Sub and Div as Normalization, an
 * activation written as several nodes), building a functional {@link Model} from symbolic
 * tensors. Values that join two branches (Add, Sub, Mul, Div, Sum, Mean, Concat of computed
 * values) become merge layers. A graph that turns out to be one chain is returned as the
 * {@link Sequential} of its layers. {@link LayerReader} reads the single-input layers.
 */
final class GraphReader {

    private final GraphProto graph;
    private final ValueTable table;
    private final List<NodeProto> live;
    private final Map<String, SymbolicTensor> values = new HashMap<>();
    private final Set<NodeProto> consumed = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Values written by a Dense or convolution layer that a following activation may still fold into. */
    private final Map<String, Layer> foldable = new HashMap<>();
    /** The layouts of computed values held in another axis order than the graph's ({@link Layouts}). */
    private final ValueLayouts layouts = new ValueLayouts();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Layer, List<Tensor>> weights = new IdentityHashMap<>();
    private final List<SymbolicTensor> inputs = new ArrayList<>();
    /** Values of an Unsqueeze after the batch that only merges read: the rank ONNX gives them (the merge layer adds the axes). */
    private final Map<String, Integer> unsqueezed = new HashMap<>();
    private final Map<SymbolicTensor, Integer> uses = new IdentityHashMap<>();
    private boolean chain = true;
    /** The value the last layer applied wrote (a chain returns it). */
    private SymbolicTensor last;

    GraphReader(GraphProto graph, ValueTable table) {
        this.graph = graph;
        this.table = table;
        this.live = table.live();
    }

    Model read() {
        readInputs();
        for (int i = 0; i < live.size(); i++) {
            NodeProto node = live.get(i);
            if (consumed.contains(node)) {
                continue;
            }
            try {
                step(i, node);
            } catch (OnnxImportException e) {
                throw e;
            } catch (RuntimeException e) {
                throw table.refuse(node, "cannot be read: " + e.getMessage());
            }
        }
        List<SymbolicTensor> outputs = readOutputs();
        try {
            return assemble(outputs);
        } catch (RuntimeException e) {
            throw new OnnxImportException("the layers read from the graph, " + layers.stream().map(Layer::typeName).toList()
                    + ", cannot be built: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- inputs and outputs

    /** Every float input that is not an initializer, with its sample shape (its dimensions after the batch). */
    private void readInputs() {
        // before IR 4 initializers were listed among the inputs too
        List<ValueInfoProto> given = graph.getInputList().stream().filter(v -> !table.isConstant(v.getName())).toList();
        if (given.isEmpty() || graph.getOutputCount() == 0) {
            throw new OnnxImportException("a model has one or more inputs and outputs; the graph has " + given.size()
                    + " inputs and " + graph.getOutputCount() + " outputs");
        }
        for (ValueInfoProto input : given) {
            SymbolicTensor t = Input.of(sampleShape(input));
            if (given.size() > 1) {
                t.name(input.getName().replace('/', '_'));
            }
            values.put(input.getName(), t);
            inputs.add(t);
        }
        chain = given.size() == 1 && graph.getOutputCount() == 1;
    }

    private static int[] sampleShape(ValueInfoProto input) {
        int type = input.getType().getTensorType().getElemType();
        if (type != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxImportException("input '" + input.getName() + "' has element type "
                    + TensorProto.DataType.forNumber(type) + "; Neurona's models take float32");
        }
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new OnnxImportException("input '" + input.getName() + "' must be [batch, features…], has rank " + dims.size());
        }
        int[] sample = new int[dims.size() - 1];
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
        return sample;
    }

    private List<SymbolicTensor> readOutputs() {
        List<SymbolicTensor> outputs = new ArrayList<>();
        for (ValueInfoProto out : graph.getOutputList()) {
            if (values.containsKey(out.getName())) {
                natural(out.getName()); // the model gives what the graph gives, in its axis order
            }
            SymbolicTensor t = values.get(out.getName());
            if (t == null) {
                throw new OnnxImportException("the graph output '" + out.getName() + "' is "
                        + (table.isConstant(out.getName()) ? "a constant" : "not computed by any node that was read")
                        + "; a model's outputs are computed from its inputs");
            }
            if (t.isInput() && !chain) {
                throw new OnnxImportException("the graph output '" + out.getName() + "' is the input itself; a model "
                        + "applies at least one layer");
            }
            outputs.add(t);
        }
        return outputs;
    }

    private Model assemble(List<SymbolicTensor> outputs) {
        Model model;
        if (chain && outputs.get(0) == (last == null ? inputs.get(0) : last)) {
            List<Layer> all = new ArrayList<>();
            all.add(new Input(inputs.get(0).shape()));
            all.addAll(layers);
            model = new Sequential(all.toArray(Layer[]::new));
            ((Sequential) model).build(inputs.get(0).shape());
        } else {
            model = new Model(inputs, outputs);
            model.build(inputs.stream().map(SymbolicTensor::shape).toList());
        }
        weights.forEach((layer, ws) -> {
            List<dev.neurona.tensor.Parameter> params = layer.parameters();
            for (int i = 0; i < ws.size(); i++) {
                params.get(i).assign(ws.get(i));
            }
        });
        return model;
    }

    // ---------------------------------------------------------------- nodes

    /** The computed (non-constant) operands of {@code node}, by position. */
    private List<Integer> computed(NodeProto node) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            String in = node.getInput(i);
            if (!in.isEmpty() && !table.isConstant(in)) {
                if (!values.containsKey(in)) {
                    throw table.refuse(node, "reads '" + in + "', which no node read before it computes");
                }
                positions.add(i);
            }
        }
        return positions;
    }

    private void step(int index, NodeProto node) {
        if (!ValueTable.isDefaultDomain(node.getDomain())) {
            throw table.refuse(node, "is not an operator of the default ONNX domain");
        }
        if (node.getOutputCount() == 0 || node.getOutput(0).isEmpty()) {
            throw table.refuse(node, "has no output");
        }
        List<Integer> operands = computed(node);
        if (operands.isEmpty()) {
            throw table.refuse(node, "computes from constants only with an operator the importer does not fold");
        }
        String x = node.getInput(operands.get(0));
        boolean one = operands.stream().allMatch(i -> node.getInput(i).equals(x)); // Mul(x, x) reads one value
        if (one && node.getOpType().equals("Transpose")) {
            transpose(node, x);
            return;
        }
        if (one && ConvReader.OPS.contains(node.getOpType())) {
            convolution(node, x);
            return;
        }
        CompositionReader.Match composition = one ? CompositionReader.read(table, live, index, x, rank(x)) : null;
        if (composition != null && live.subList(index, index + composition.nodes()).stream().noneMatch(consumed::contains)) {
            List<NodeProto> span = live.subList(index, index + composition.nodes());
            if (!ValueLayouts.elementwise(composition.activation())) {
                natural(x);
            }
            activation(composition.activation(), x, span);
            consumed.addAll(span);
            return;
        }
        if (operands.size() > 1) {
            merge(node, operands);
            return;
        }
        String op = node.getOpType();
        if (op.equals("Unsqueeze")) {
            natural(x);
            if (unsqueezeBeforeMerge(node, x)) {
                return;
            }
        }
        if (op.equals("Reshape")) {
            reshape(node, x);
            return;
        }
        if (!op.equals("Identity") && !(op.equals("Flatten") && layouts.flattensAlike(x, sample(x)))
                && (LayerReader.OPS.contains(op) || !ActivationReader.ELEMENTWISE.contains(op))) {
            natural(x); // layers that read axes read them in the graph's order
        }
        LayerReader.Read read = new LayerReader(table, this::sample, this::soleConsumer).read(node, x);
        if (read == null) {
            activation(ActivationReader.read(table, node, rank(x)), x, List.of(node));
            consumed.add(node);
            return;
        }
        consumed.addAll(read.nodes());
        String out = read.nodes().get(read.nodes().size() - 1).getOutput(0);
        if (read.layer() == null) {
            values.put(out, values.get(x)); // Identity
            layouts.inherit(out, x);
            if (foldable.containsKey(x)) {
                foldable.put(out, foldable.get(x));
            }
            return;
        }
        values.put(out, apply(read.layer(), List.of(values.get(x))));
        weights.put(read.layer(), read.weights());
        if (read.layer() instanceof Dense dense) {
            foldable.put(out, dense);
        }
    }

    /** A Transpose that keeps the batch first changes only the axis order the value is held in: no layer. */
    private void transpose(NodeProto node, String x) {
        long[] perm = OnnxImport.attrInts(node, "perm");
        int rank = rank(x);
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = perm == null ? rank - 1 - i : (int) Math.max(Math.min(perm[i], Integer.MAX_VALUE), Integer.MIN_VALUE);
        }
        if (perm != null && perm.length != rank) {
            throw table.refuse(node, "has perm " + java.util.Arrays.toString(perm) + " for an input of rank " + rank);
        }
        if (!ValueLayouts.isPermutation(p) || p[0] != 0) {
            throw table.refuse(node, "has perm " + java.util.Arrays.toString(p) + "; a permutation that keeps the batch"
                    + " (axis 0) first is read, as a model's layers keep the batch");
        }
        values.put(node.getOutput(0), values.get(x));
        layouts.transposed(node.getOutput(0), x, p, rank);
        consumed.add(node);
    }

    /** Conv, ConvTranspose and the pooling operators: channels-last layers, their input made channels-last first. */
    private void convolution(NodeProto node, String x) {
        int rank = rank(x);
        if (rank < 3 && !node.getOpType().equals("BatchNormalization") && !node.getOpType().equals("Pad")) {
            throw table.refuse(node, "reads an input of rank " + rank + "; it needs [batch, channels, spatial…]");
        }
        SymbolicTensor in = form(x, ValueLayouts.channelsLast(rank));
        ConvReader.Read read = new ConvReader(table, node, in.shape()).read();
        SymbolicTensor t = in;
        for (int i = 0; i < read.layers().size(); i++) {
            Layer layer = read.layers().get(i);
            t = apply(layer, List.of(t));
            if (!read.weights().get(i).isEmpty()) {
                weights.put(layer, read.weights().get(i));
            }
        }
        String out = node.getOutput(0);
        values.put(out, t);
        layouts.set(out, ValueLayouts.channelsLast(rank));
        Layer lastLayer = read.layers().isEmpty() ? null : read.layers().get(read.layers().size() - 1);
        if (lastLayer instanceof dev.neurona.nn.BaseConv<?>) {
            foldable.put(out, lastLayer);
        }
        consumed.add(node);
    }

    /** Reshape with a constant shape that keeps the batch: a Flatten (to {@code [batch, n]}) or a Reshape layer. */
    private void reshape(NodeProto node, String x) {
        int[] out = ShapeReader.reshaped(table, node, sample(x));
        if (out.length == 1 && layouts.flattensAlike(x, sample(x))) {
            values.put(node.getOutput(0), apply(new dev.neurona.nn.Flatten(), List.of(values.get(x))));
        } else {
            natural(x);
            values.put(node.getOutput(0), apply(out.length == 1 ? new dev.neurona.nn.Flatten()
                    : new dev.neurona.nn.Reshape(out), List.of(values.get(x))));
        }
        consumed.add(node);
    }

    // ---------------------------------------------------------------- layouts

    /** {@code value} held in the axis order {@code target} (ONNX axis {@code target[i]} at axis i): a Permute when it is held otherwise. */
    private SymbolicTensor form(String value, int[] target) {
        return layouts.form(value, target, values.get(value), (dims, t) -> apply(new dev.neurona.nn.Permute(dims), List.of(t)));
    }

    /** Holds {@code value} in the graph's own axis order from now on. */
    private void natural(String value) {
        if (layouts.isPermuted(value)) {
            SymbolicTensor held = values.get(value);
            values.put(value, form(value, ValueLayouts.identity(rank(value))));
            layouts.keep(value, held, rank(value));
            layouts.set(value, null);
        }
    }

    /**
     * An activation of {@code x} computed by {@code nodes} (the last writes it): folded into the
     * Dense layer that wrote x when nothing else reads x, or an Activation layer.
     */
    private void activation(Activation a, String x, List<NodeProto> nodes) {
        String out = nodes.get(nodes.size() - 1).getOutput(0);
        Layer layer = foldable.get(x);
        Set<NodeProto> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(nodes);
        if (layer != null && own.containsAll(table.consumers(x)) && !table.isGraphOutput(x)) {
            if (layer instanceof Dense dense) {
                dense.activation(a);
            } else {
                ((dev.neurona.nn.BaseConv<?>) layer).activation(a);
            }
            values.put(out, values.get(x));
            if (a.name().equals("linear")) {
                foldable.put(out, layer);
            }
        } else if (a.name().equals("linear")) {
            values.put(out, values.get(x));
        } else {
            values.put(out, apply(new dev.neurona.nn.Activation(a), List.of(values.get(x))));
        }
        layouts.inherit(out, x);
    }

    /** Add, Sub, Mul, Div, Sum, Mean or Concat of two or more computed values: a merge layer. */
    private void merge(NodeProto node, List<Integer> operands) {
        if (operands.size() != node.getInputCount()) {
            throw table.refuse(node, "combines " + operands.size() + " computed values with constants; only "
                    + "computed values are merged");
        }
        int[] shared = layouts.get(node.getInput(0));
        boolean keep = node.getInputList().stream().allMatch(in -> java.util.Arrays.equals(layouts.get(in), shared))
                && node.getInputList().stream().noneMatch(unsqueezed::containsKey);
        if (!keep) {
            node.getInputList().forEach(this::natural); // values held in different axis orders meet in the graph's
        }
        int[] order = keep ? shared : null;
        List<SymbolicTensor> xs = new ArrayList<>();
        for (String in : node.getInputList()) {
            xs.add(values.get(in));
        }
        Layer layer = switch (node.getOpType()) {
            case "Add", "Sum" -> Layers.add();
            case "Sub" -> Layers.subtract();
            case "Mul" -> Layers.multiply();
            case "Div" -> Layers.divide();
            case "Mean" -> Layers.average();
            case "Concat" -> Layers.concatenate(ValueLayouts.heldAxis(order, concatAxis(node, xs.get(0).shape().length + 1)));
            default -> throw table.refuse(node, "reads " + operands.size() + " computed values " + node.getInputList()
                    + "; only Add, Sub, Mul, Div, Sum, Mean and Concat join branches");
        };
        if (!node.getOpType().equals("Concat")) {
            int rank = onnxRank(node.getInput(0));
            for (String in : node.getInputList()) {
                if (onnxRank(in) != rank) {
                    throw table.refuse(node, "broadcasts values of different ranks " + xs.stream()
                            .map(t -> Layer.batched(t.shape())).toList() + "; ONNX aligns them at the last axis, the "
                            + "batch included, which a model cannot do for every batch size");
                }
            }
        } else if (node.getInputList().stream().anyMatch(unsqueezed::containsKey)) {
            throw table.refuse(node, "concatenates the output of an Unsqueeze; only merges that broadcast read those");
        }
        values.put(node.getOutput(0), apply(layer, xs));
        layouts.set(node.getOutput(0), order);
        consumed.add(node);
        chain = false;
    }

    /** The rank of a computed value as the ONNX graph has it (an Unsqueeze the merge layer does itself counted). */
    private int onnxRank(String name) {
        return unsqueezed.getOrDefault(name, rank(name));
    }

    /**
     * An Unsqueeze that inserts axes 1, 2, … k right after the batch, read only by Add, Sub, Mul,
     * Div, Sum or Mean: the merge layers insert those axes themselves when they broadcast a value
     * of lower rank, so the value passes on unchanged.
     */
    private boolean unsqueezeBeforeMerge(NodeProto node, String x) {
        long[] axes;
        if (node.getInputCount() > 1) {
            ConstValue c = table.constant(node.getInput(1));
            if (c == null) {
                return false;
            }
            axes = c.longs();
        } else {
            axes = node.getAttributeList().stream().filter(a -> a.getName().equals("axes")).findFirst()
                    .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray()).orElse(new long[0]);
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != i + 1) {
                return false;
            }
        }
        List<NodeProto> readers = table.consumers(node.getOutput(0));
        Set<String> merges = Set.of("Add", "Sub", "Mul", "Div", "Sum", "Mean");
        if (axes.length == 0 || readers.isEmpty() || table.isGraphOutput(node.getOutput(0))
                || !readers.stream().allMatch(r -> merges.contains(r.getOpType()))) {
            return false;
        }
        values.put(node.getOutput(0), values.get(x));
        unsqueezed.put(node.getOutput(0), rank(x) + axes.length);
        consumed.add(node);
        return true;
    }

    private int concatAxis(NodeProto node, int rank) {
        long axis = OnnxImport.attrInt(node, "axis", Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE) {
            throw table.refuse(node, "has no axis attribute");
        }
        int a = ActivationReader.normalizeAxis(table, node, axis, rank, rank);
        if (a == 0) {
            throw table.refuse(node, "concatenates along the batch axis; a model's layers keep the batch");
        }
        return a;
    }

    private SymbolicTensor apply(Layer layer, List<SymbolicTensor> xs) {
        for (SymbolicTensor x : xs) {
            if (uses.merge(x, 1, Integer::sum) > 1) {
                chain = false;
            }
        }
        layers.add(layer);
        last = layer.apply(xs); // a shape it cannot take fails here, and read() names the node
        return last;
    }

    // ---------------------------------------------------------------- what LayerReader asks

    /** The sample shape (after the batch) of the computed value {@code name}. */
    private int[] sample(String name) {
        return values.get(name).shape();
    }

    private int rank(String name) {
        return sample(name).length + 1;
    }

    /** The one live node that reads {@code value}, when exactly one does and it is not a graph output. */
    private NodeProto soleConsumer(String value) {
        List<NodeProto> readers = table.consumers(value);
        return readers.size() == 1 && !table.isGraphOutput(value) && !consumed.contains(readers.get(0))
                ? readers.get(0) : null;
    }
}
