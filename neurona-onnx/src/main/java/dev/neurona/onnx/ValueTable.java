package dev.neurona.onnx;

import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The values of an ONNX graph, by name: which are constants (initializers, {@code Constant}
 * nodes and the subexpressions {@link ConstantFolder} folds from them) and, for the others,
 * which live node produces each and which consume it. Importers walk the live nodes; keeping
 * the table apart from the chain walk of {@link OnnxImport} lets a graph importer reuse it.
 */
final class ValueTable {

    private final int opset;
    private final Map<String, ConstValue> constants = new HashMap<>();
    private final List<NodeProto> live = new ArrayList<>();
    private final Map<NodeProto, Integer> index = new IdentityHashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> outputs;

    /**
     * Indexes {@code graph}, folding its constant nodes in graph (topological) order.
     *
     * @throws OnnxImportException for a malformed initializer or Constant node, naming it
     */
    ValueTable(GraphProto graph, int opset) {
        this.opset = opset;
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), TensorReader.read(t, "initializer '" + t.getName() + "'"));
        }
        this.outputs = graph.getOutputList().stream().map(ValueInfoProto::getName).collect(Collectors.toSet());
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            index.put(node, i);
            ConstValue folded = fold(node);
            if (folded != null) {
                constants.put(node.getOutput(0), folded);
                continue;
            }
            live.add(node);
            for (String out : node.getOutputList()) {
                if (!out.isEmpty()) {
                    producers.put(out, node);
                }
            }
            for (String in : node.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
            }
        }
    }

    /** The node's value when it is a Constant or a foldable operator of constants, else null. */
    private ConstValue fold(NodeProto node) {
        if (!isDefaultDomain(node.getDomain()) || node.getOutputCount() != 1 || node.getOutput(0).isEmpty()) {
            return null;
        }
        if (node.getOpType().equals("Constant")) {
            return ConstantFolder.constantNode(this, node);
        }
        if (node.getInputCount() == 0) {
            return null;
        }
        List<ConstValue> inputs = new ArrayList<>();
        for (String in : node.getInputList()) {
            ConstValue c = in.isEmpty() ? null : constants.get(in);
            if (c == null) {
                return null;
            }
            inputs.add(c);
        }
        return ConstantFolder.fold(node, inputs);
    }

    static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    /** The constant named {@code name}, or null when it is computed from the graph's input. */
    ConstValue constant(String name) {
        return constants.get(name);
    }

    boolean isConstant(String name) {
        return constants.containsKey(name);
    }

    /** The nodes left after folding, in graph order. */
    List<NodeProto> live() {
        return live;
    }

    /** The live node that writes {@code value}, or null for the graph input and constants. */
    NodeProto producer(String value) {
        return producers.get(value);
    }

    /** The live nodes that read {@code value}. */
    List<NodeProto> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    boolean isGraphOutput(String value) {
        return outputs.contains(value);
    }

    int opset() {
        return opset;
    }

    /** The node's position in the graph's node list. */
    int indexOf(NodeProto node) {
        return index.getOrDefault(node, -1);
    }

    /** "node 'name' (#3, Clip, opset 13)", or "node #3 (Clip, opset 13)" for an unnamed node. */
    String describe(NodeProto node) {
        String where = "#" + indexOf(node) + ", " + node.getOpType()
                + (isDefaultDomain(node.getDomain()) ? "" : " of domain '" + node.getDomain() + "'") + ", opset " + opset;
        return node.getName().isEmpty() ? "node " + where.replaceFirst(", ", " (") + ")"
                : "node '" + node.getName() + "' (" + where + ")";
    }

    /** An import error for {@code node}: its description, then {@code why}. */
    OnnxImportException refuse(NodeProto node, String why) {
        return new OnnxImportException(describe(node) + " " + why);
    }
}
