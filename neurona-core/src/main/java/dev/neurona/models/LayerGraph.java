package dev.neurona.models;

import dev.neurona.nn.Input;
import dev.neurona.nn.Layer;
import dev.neurona.nn.SymbolicTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A built model's layers and how they connect, read-only: for code that walks a model from its
 * inputs to its outputs without running it (an exporter writing one ONNX node per layer, a
 * picture of the graph). Values are numbered: the inputs first ({@code 0 … inputs−1}), then each
 * node's output in order; every node reads only values numbered before its own.
 *
 * <pre>{@code
 * LayerGraph g = LayerGraph.of(model);
 * for (LayerGraph.Node n : g.nodes()) {
 *     // n.layer() applied to the values n.inputs() gives the value n.output()
 * }
 * }</pre>
 *
 * <p>A Sequential model is one chain (its first {@code Input} layer, or one made for its input
 * shape, then each layer). A subclassed model's connections are in its {@code forward} code,
 * so it has no graph to read.
 */
public final class LayerGraph {

    /** One application of a layer: the values it reads and the value it writes. */
    public record Node(Layer layer, List<Integer> inputs, int output) {
    }

    private final List<Input> inputs;
    private final List<Node> nodes;
    private final List<Integer> outputs;
    private final List<int[]> shapes;

    private LayerGraph(List<Input> inputs, List<Node> nodes, List<Integer> outputs, List<int[]> shapes) {
        this.inputs = List.copyOf(inputs);
        this.nodes = List.copyOf(nodes);
        this.outputs = List.copyOf(outputs);
        this.shapes = List.copyOf(shapes);
    }

    /**
     * The graph of {@code model}, built first when it is not (which needs a declared input shape).
     *
     * @throws IllegalArgumentException for a subclassed model, naming its class
     * @throws IllegalStateException when the model is not built and declares no input shape
     */
    public static LayerGraph of(Model model) {
        model.ensureBuilt();
        ModelGraph graph = model.graph();
        if (graph != null) {
            List<Input> in = graph.inputs().stream().map(t -> (Input) t.layer()).toList();
            List<int[]> shapes = new ArrayList<>(graph.inputs().stream().map(SymbolicTensor::shape).toList());
            List<Node> nodes = new ArrayList<>();
            for (ModelGraph.Node n : graph.nodes()) {
                nodes.add(new Node(n.layer(), java.util.Arrays.stream(n.inputs()).boxed().toList(), n.output()));
                shapes.add(n.tensor().shape());
            }
            List<Integer> out = graph.outputs().stream().map(t -> valueOf(graph, t)).toList();
            return new LayerGraph(in, nodes, out, shapes);
        }
        if (!(model instanceof Sequential)) {
            throw new IllegalArgumentException("model '" + model.name() + "' is a subclassed model ("
                    + model.getClass().getName() + "): its layers are connected by its forward method, not a graph");
        }
        List<Layer> layers = model.layers();
        Input input = !layers.isEmpty() && layers.get(0) instanceof Input first ? first : new Input(model.inputShape());
        List<Node> nodes = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>(List.of(model.inputShape()));
        for (Layer layer : layers) {
            if (layer != input) {
                nodes.add(new Node(layer, List.of(nodes.size()), nodes.size() + 1));
                shapes.add(layer.outputShape(shapes.get(shapes.size() - 1)));
            }
        }
        return new LayerGraph(List.of(input), nodes, List.of(nodes.size()), shapes);
    }

    private static int valueOf(ModelGraph graph, SymbolicTensor t) {
        int i = graph.inputs().indexOf(t);
        if (i >= 0) {
            return i;
        }
        return graph.nodes().stream().filter(n -> n.tensor() == t).findFirst().orElseThrow().output();
    }

    /** The model's Input layers, values {@code 0 … size−1}. */
    public List<Input> inputs() {
        return inputs;
    }

    /** The layer applications, each after every value it reads. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The values the model returns, in order. */
    public List<Integer> outputs() {
        return outputs;
    }

    /** The sample shape (batch excluded) of value {@code value}. */
    public int[] shape(int value) {
        return shapes.get(value).clone();
    }
}
