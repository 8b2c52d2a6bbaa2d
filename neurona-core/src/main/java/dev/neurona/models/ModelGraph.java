package dev.neurona.models;

import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The graph of a functional model: its symbolic inputs and outputs and, in an order where
 * every layer comes after what it reads, one node per layer application (a layer applied twice,
 * a shared layer, has two nodes and one set of weights). Checked when made: every output must
 * be computed from the model's own inputs.
 */
final class ModelGraph {

    /** One application of a layer: the values it reads and the value it writes (indices into the value table). */
    record Node(Layer layer, int[] inputs, int output, SymbolicTensor tensor) {
    }

    private final List<SymbolicTensor> inputs;
    private final List<SymbolicTensor> outputs;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private final int[] outputValues;
    private final int valueCount;
    /** For each value, which application of its layer made it (0 for a layer's first), Keras's node index. */
    private final Map<SymbolicTensor, Integer> application = new IdentityHashMap<>();

    private ModelGraph(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        Map<SymbolicTensor, Integer> index = new IdentityHashMap<>();
        for (SymbolicTensor in : inputs) {
            index.put(in, index.size());
            layers.add(in.layer());
        }
        for (SymbolicTensor t : topologicalOrder(outputs, index.keySet())) {
            if (index.containsKey(t)) {
                continue;
            }
            int[] reads = new int[t.inputs().size()];
            for (int i = 0; i < reads.length; i++) {
                reads[i] = index.get(t.inputs().get(i));
            }
            int out = index.size();
            index.put(t, out);
            nodes.add(new Node(t.layer(), reads, out, t));
            application.put(t, (int) nodes.stream().filter(n -> n.layer() == t.layer()).count() - 1);
            if (layers.stream().noneMatch(l -> l == t.layer())) {
                layers.add(t.layer());
            }
        }
        this.valueCount = index.size();
        this.outputValues = outputs.stream().mapToInt(index::get).toArray();
    }

    /**
     * The graph from {@code inputs} to {@code outputs}.
     *
     * @throws IllegalArgumentException for no inputs or outputs, an input that is not an
     *         {@code Input.of} tensor or is given twice, or an output that needs an input the
     *         model was not given (naming the layer and the input)
     */
    static ModelGraph of(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Model: give one or more inputs (from Input.of), got " + inputs);
        }
        if (outputs == null || outputs.isEmpty() || outputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Model: give one or more outputs (from a layer's apply), got " + outputs);
        }
        Set<SymbolicTensor> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < inputs.size(); i++) {
            SymbolicTensor in = inputs.get(i);
            if (!in.isInput()) {
                throw new IllegalArgumentException("Model: inputs[" + i + "] is the output of " + in.layer()
                        + ", not a model input; give the tensors made by Input.of(…)");
            }
            if (!seen.add(in)) {
                throw new IllegalArgumentException("Model: inputs[" + i + "] is given twice");
            }
        }
        return new ModelGraph(inputs, outputs);
    }

    /** Every tensor the outputs depend on, each after its inputs (an iterative depth-first walk). */
    private static List<SymbolicTensor> topologicalOrder(List<SymbolicTensor> outputs, Set<SymbolicTensor> given) {
        Set<SymbolicTensor> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<SymbolicTensor> order = new ArrayList<>();
        for (int o = 0; o < outputs.size(); o++) {
            Deque<Object[]> stack = new ArrayDeque<>();
            stack.push(new Object[] {outputs.get(o), 0});
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                SymbolicTensor t = (SymbolicTensor) frame[0];
                int next = (Integer) frame[1];
                if (done.contains(t)) {
                    stack.pop();
                    continue;
                }
                if (t.isInput() && !given.contains(t)) {
                    throw new IllegalArgumentException("Model: output " + o + " (" + outputs.get(o).layer() + ") is computed "
                            + "from the input " + describe(t) + ", which is not among the model's inputs; "
                            + "pass it to new Model(List.of(…), …)");
                }
                if (next < t.inputs().size()) {
                    frame[1] = next + 1;
                    stack.push(new Object[] {t.inputs().get(next), 0});
                } else {
                    done.add(t);
                    order.add(t);
                    stack.pop();
                }
            }
        }
        return order;
    }

    private static String describe(SymbolicTensor input) {
        String name = input.name();
        return (name == null ? "" : "'" + name + "' ") + "of shape " + Layer.batched(input.shape());
    }

    List<SymbolicTensor> inputs() {
        return inputs;
    }

    List<SymbolicTensor> outputs() {
        return outputs;
    }

    /** The nodes, each after the ones it reads. */
    List<Node> nodes() {
        return nodes;
    }

    /** Every layer once, inputs first, then in the order of their first node. */
    List<Layer> layers() {
        return layers;
    }

    /** Builds every layer, in node order, for the shapes it is applied to, drawing from {@code random}. */
    void build(Random random) {
        for (SymbolicTensor in : inputs) {
            in.layer().build(in.shape(), random);
        }
        for (Node node : nodes) {
            List<int[]> shapes = new ArrayList<>();
            for (SymbolicTensor in : node.tensor().inputs()) {
                shapes.add(in.shape());
            }
            node.layer().build(shapes, random);
        }
    }

    /** The outputs for a batch of each input: the nodes run in order, each reading the values before it. */
    Tensor[] run(List<Tensor> xs, Mode mode) {
        Tensor[] values = new Tensor[valueCount];
        for (int i = 0; i < xs.size(); i++) {
            values[i] = inputs.get(i).layer().call(xs.get(i), mode);
        }
        for (Node node : nodes) {
            int[] reads = node.inputs();
            if (reads.length == 1) {
                values[node.output()] = node.layer().call(values[reads[0]], mode);
            } else {
                List<Tensor> args = new ArrayList<>(reads.length);
                for (int r : reads) {
                    args.add(values[r]);
                }
                values[node.output()] = node.layer().call(args, mode);
            }
        }
        Tensor[] out = new Tensor[outputValues.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = values[outputValues[k]];
        }
        return out;
    }

    /** The layers on the way to output {@code k} through single-input layers, ending with its producer. */
    List<Layer> pathTo(int k) {
        List<Layer> path = new ArrayList<>();
        SymbolicTensor t = outputs.get(k);
        while (t != null) {
            path.add(0, t.layer());
            t = t.inputs().size() == 1 ? t.inputs().get(0) : null;
        }
        return path;
    }

    /** What a node reads, Keras's "Connected to": {@code dense_1[0][0]} (layer, application, tensor). */
    String connectedTo(Node node) {
        Set<String> parts = new LinkedHashSet<>();
        for (SymbolicTensor in : node.tensor().inputs()) {
            parts.add(in.layer().name() + "[" + application.getOrDefault(in, 0) + "][0]");
        }
        return String.join(", ", parts);
    }

    /** Which application of its layer made {@code t} (0 for the first and for inputs). */
    int applicationOf(SymbolicTensor t) {
        return application.getOrDefault(t, 0);
    }

    /** Whether {@code layer} is one of the model's inputs. */
    static boolean isInputLayer(Layer layer) {
        return layer instanceof Input;
    }
}
