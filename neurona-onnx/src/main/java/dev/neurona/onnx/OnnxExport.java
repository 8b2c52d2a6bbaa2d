package dev.neurona.onnx;

import dev.neurona.io.AtomicFiles;
import dev.neurona.models.LayerGraph;
import dev.neurona.models.Model;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Writes a {@link Model} as an ONNX file that ONNX Runtime, or any other ONNX consumer, runs with
 * the outputs of {@code predict}: float32 inputs and outputs, each with a dynamic first dimension
 * named {@code "batch"}, the weights stored as initializers under their path names
 * ({@code dense_1/kernel}, {@code encoder/dense_1/kernel} inside a nested model; a shared layer's
 * once). A Sequential is one chain of nodes; a functional model is written node by node, merge
 * layers as Add, Sub, Mul, Div or Concat, a nested model inlined. Dropout is left out, as at
 * inference. A model of one input and one output uses the options' names ({@code input},
 * {@code output}); with several, the graph's inputs are named after the model's Input layers and
 * its outputs after the layers that produce them ({@link Model#inputNames()}, {@link Model#outputNames()}).
 *
 * <pre>{@code
 * OnnxExport.write(model, Path.of("model.onnx"));                                      // opset 13
 * OnnxExport.write(model, Path.of("model.onnx"), OnnxOptions.defaults().withOpset(20)); // Gelu as one op
 * }</pre>
 *
 * <p>Layers: Input, Dense (Gemm, or MatMul + Add for inputs of rank above 2), Flatten,
 * Activation, Dropout, PReLU, Normalization, the merge layers but Dot, and nested Sequential and
 * functional models; the convolution, pooling, BatchNormalization, global pooling, Reshape,
 * Permute, padding, cropping and rescaling layers (written channels-first where ONNX computes so,
 * with one Transpose in and one out around each run of such operators); every built-in
 * activation (see docs/ARCHITECTURE.md for the table). Anything
 * else, and a subclassed model (whose connections are code), fails with an
 * {@link OnnxExportException} naming it and the opset.
 */
public final class OnnxExport {

    /** The {@code producer_name} of every file written. */
    public static final String PRODUCER = "neurona";

    private OnnxExport() {
    }

    /** Writes {@code model} to {@code path} with the {@link OnnxOptions#defaults() default options}. */
    public static void write(Model model, Path path) throws IOException {
        write(model, path, OnnxOptions.defaults());
    }

    /**
     * Writes {@code model} to {@code path}, replacing the file if it exists, atomically (see
     * {@link AtomicFiles}: never a half-written file; missing folders are created).
     */
    public static void write(Model model, Path path, OnnxOptions options) throws IOException {
        byte[] bytes = toBytes(model, options);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** The ONNX file's bytes for {@code model}. */
    public static byte[] toBytes(Model model, OnnxOptions options) {
        return toModel(model, options).toByteArray();
    }

    /**
     * The ONNX model for {@code model}. A model that is not built yet is built first when it
     * declares its input shapes ({@code input(…)}, {@code flatten(28, 28)}, a functional model's
     * {@code Input.of}).
     *
     * @throws IllegalStateException when the model is not built and has no declared input shape
     * @throws OnnxExportException when a layer or activation has no mapping at {@code options.opset()},
     *         or the model is subclassed
     */
    public static ModelProto toModel(Model model, OnnxOptions options) {
        if (model instanceof Sequential s && s.layers().isEmpty()) {
            throw new IllegalArgumentException("ONNX export: the model has no layers");
        }
        LayerGraph graph = graph(model);
        GraphBuilder g = new GraphBuilder("neurona_" + Layer.snakeCase(model.typeName()), options.opset());
        boolean single = graph.inputs().size() == 1 && graph.outputs().size() == 1;
        List<String> outputNames = single ? List.of(options.outputName()) : model.outputNames();
        outputNames.forEach(g::reserve);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < graph.inputs().size(); i++) {
            String name = single ? options.inputName() : model.inputNames().get(i);
            inputs.add(g.input(name, graph.shape(i)));
        }
        List<String> outputs = write(g, graph, inputs);
        for (int k = 0; k < outputs.size(); k++) {
            g.output(outputs.get(k), outputNames.get(k), graph.shape(graph.outputs().get(k)), single);
        }
        return ModelProto.newBuilder()
                .setIrVersion(options.irVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()))
                .setProducerName(PRODUCER)
                .setProducerVersion(version())
                .setDocString("A Neurona " + model.typeName() + " model: " + model.layers())
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("neurona.version").setValue(version()))
                .setGraph(g.build())
                .build();
    }

    private static LayerGraph graph(Model model) {
        try {
            return LayerGraph.of(model);
        } catch (IllegalArgumentException e) {
            throw new OnnxExportException("ONNX export: " + e.getMessage() + "; only Sequential and functional models "
                    + "are written", e);
        }
    }

    /** Writes the nodes of {@code graph} reading the values {@code inputs}, returning its outputs' values. */
    private static List<String> write(GraphBuilder g, LayerGraph graph, List<String> inputs) {
        Layouts layouts = new Layouts(g);
        List<String> out = write(g, layouts, graph, inputs);
        List<String> last = new ArrayList<>();
        for (int k = 0; k < out.size(); k++) {
            int rank = graph.shape(graph.outputs().get(k)).length + 1;
            last.add(layouts.channelsLast(out.get(k), rank, "output"));
        }
        return last;
    }

    /**
     * The nodes of {@code graph}, each value in the layout {@link Layouts} tracks: convolution and
     * pooling layers read and write channels-first values, elementwise layers keep their input's
     * layout, every other layer reads channels-last (a Flatten after a convolution transposes back
     * first, so that the Dense layers after it read the elements in Neurona's order).
     */
    private static List<String> write(GraphBuilder g, Layouts layouts, LayerGraph graph, List<String> inputs) {
        List<String> values = new ArrayList<>(inputs);
        for (LayerGraph.Node node : graph.nodes()) {
            List<String> xs = node.inputs().stream().map(values::get).toList();
            List<int[]> shapes = node.inputs().stream().map(graph::shape).toList();
            Layer layer = node.layer();
            String scope = layer.path();
            int rank = shapes.get(0).length + 1;
            String out;
            if (layer instanceof Model nested) {
                LayerGraph inner = graph(nested);
                if (inner.outputs().size() != 1) {
                    throw new OnnxExportException("ONNX export: nested model " + nested.path() + " has "
                            + inner.outputs().size() + " outputs; a model used as a layer gives one");
                }
                out = write(g, layouts, inner, xs).get(0);
            } else if (xs.size() == 1 && ConvMapper.handles(layer)) {
                ConvMapper.Out o = ConvMapper.apply(g, layouts, layer, layouts.channelsFirst(xs.get(0), rank, scope),
                        shapes.get(0));
                out = layouts.mark(o.value(), o.channelsFirst(), graph.shape(node.output()).length + 1);
            } else if (xs.size() == 1 && keepsLayout(layer)) {
                String x = xs.get(0);
                out = LayerMapper.apply(g, layer, x);
                layouts.mark(out, layouts.isChannelsFirst(x), rank);
            } else if (xs.size() == 1) {
                out = LayerMapper.apply(g, layer, layouts.channelsLast(xs.get(0), rank, scope));
            } else if (!(layer instanceof dev.neurona.nn.Concatenate) && xs.stream().allMatch(layouts::isChannelsFirst)
                    && shapes.stream().allMatch(s -> s.length == shapes.get(0).length)) {
                out = layouts.markChannelsFirst(MergeMapper.apply(g, layer, xs, shapes), rank); // elementwise
            } else {
                List<String> last = new ArrayList<>();
                for (int i = 0; i < xs.size(); i++) {
                    last.add(layouts.channelsLast(xs.get(i), shapes.get(i).length + 1, scope));
                }
                out = MergeMapper.apply(g, layer, last, shapes);
            }
            values.add(out);
        }
        return graph.outputs().stream().map(values::get).toList();
    }

    /** Layers that compute element by element, so that either layout passes through (Dropout, Rescaling, an elementwise Activation). */
    private static boolean keepsLayout(Layer layer) {
        if (layer instanceof dev.neurona.nn.Dropout || layer instanceof dev.neurona.nn.Input
                || layer instanceof dev.neurona.nn.Rescaling || LayerMapper.INFERENCE_IDENTITY.contains(layer.typeName())) {
            return true;
        }
        if (layer instanceof dev.neurona.nn.Activation a) {
            String name = a.function().name();
            return !name.equals("softmax") && !name.equals("log_softmax");
        }
        return false;
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
