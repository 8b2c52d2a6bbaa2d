package dev.neurona.onnx;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Layers;
import dev.neurona.onnx.proto.Onnx.AttributeProto;
import dev.neurona.onnx.proto.Onnx.GraphProto;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.NodeProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.onnx.proto.Onnx.TensorShapeProto;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever graph or file it is given, {@code OnnxImport.read} returns a model or throws an
 * {@link OnnxImportException} whose message names what it refused (the node by name or index,
 * with its operator; or the input, initializer or output); no other exception escapes. Thousands
 * of seeded mutations of valid models (PyTorch's exports and Neurona's own) and of their bytes
 * check it.
 */
class OnnxImportMalformedTest {

    /** The forms a refusal takes: a node, the graph's input or output, a constant, the file. */
    private static final Pattern NAMED = Pattern.compile("(?s)(node '[^']*' \\(#\\d+, .*, opset -?\\d+\\) .+"
            + "|node #\\d+ \\(.*, opset -?\\d+\\) .+|input '.*|a model has one or more inputs and outputs.*|the graph output '.*"
            + "|the chain of nodes ends in .*|initializer '.*|the model imports no default ONNX opset"
            + "|.* is not an ONNX model .*|the layers read from the graph, .*)");
    private static final List<String> OPS = List.of("Constant", "Gemm", "MatMul", "Add", "Mul", "Div", "Sub", "Clip",
            "Softmax", "LogSoftmax", "Flatten", "PRelu", "Dropout", "Identity", "Erf", "Sigmoid", "HardSigmoid", "Relu",
            "ReduceMax", "ReduceSum", "Exp", "Pow", "Sqrt", "Cast", "Gelu", "NoSuchOp");

    @TempDir
    Path dir;

    @Test
    void mutatedGraphsImportOrAreRefusedWithANamedReason() throws Exception {
        List<ModelProto> seeds = seeds();
        Random random = new Random(16);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int k = 0; k < 4000; k++) {
            ModelProto.Builder m = seeds.get(random.nextInt(seeds.size())).toBuilder();
            int mutations = 1 + random.nextInt(3);
            for (int j = 0; j < mutations; j++) {
                mutate(m, random);
            }
            ModelProto mutant = m.build();
            outcomes.merge(outcome(() -> OnnxImport.read(mutant), "mutant " + k + ": " + mutant), 1, Integer::sum);
        }
        assertThat(outcomes.get("refused")).as("%s", outcomes).isGreaterThan(1000);
        assertThat(outcomes.get("imported")).as("%s", outcomes).isGreaterThan(50);
    }

    @Test
    void corruptedFilesImportOrAreRefused() throws Exception {
        List<ModelProto> seeds = seeds();
        Random random = new Random(61);
        Path file = dir.resolve("m.onnx");
        int refused = 0;
        for (int k = 0; k < 1500; k++) {
            byte[] bytes = seeds.get(random.nextInt(seeds.size())).toByteArray();
            if (random.nextBoolean()) {
                bytes = java.util.Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
            }
            for (int j = random.nextInt(4); j >= 0; j--) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            Files.write(file, bytes);
            refused += outcome(() -> OnnxImport.read(file), "corrupted file " + k).equals("refused") ? 1 : 0;
        }
        assertThat(refused).isGreaterThan(500);
    }

    @FunctionalInterface
    private interface Read {
        dev.neurona.models.Model read() throws Exception;
    }

    /** "imported" or "refused"; fails on any other exception, or a message that names nothing. */
    private static String outcome(Read read, String what) {
        try {
            read.read();
            return "imported";
        } catch (OnnxImportException e) {
            assertThat(e.getMessage()).as(what).matches(NAMED);
            return "refused";
        } catch (Throwable t) {
            throw new AssertionError(what + " threw " + t, t);
        }
    }

    private static void mutate(ModelProto.Builder m, Random r) {
        GraphProto.Builder g = m.getGraphBuilder();
        int nodes = g.getNodeCount();
        switch (r.nextInt(16)) {
            case 0 -> {
                if (nodes > 0) {
                    g.removeNode(r.nextInt(nodes));
                }
            }
            case 1 -> {
                if (g.getInitializerCount() > 0) {
                    g.removeInitializer(r.nextInt(g.getInitializerCount()));
                }
            }
            case 2 -> {
                if (nodes > 0) {
                    g.getNodeBuilder(r.nextInt(nodes)).setOpType(OPS.get(r.nextInt(OPS.size())));
                }
            }
            case 3 -> {
                if (nodes > 0) {
                    NodeProto.Builder n = g.getNodeBuilder(r.nextInt(nodes));
                    List<String> names = valueNames(g);
                    if (n.getInputCount() > 0 && r.nextBoolean()) {
                        n.setInput(r.nextInt(n.getInputCount()), r.nextInt(4) == 0 ? "" : names.get(r.nextInt(names.size())));
                    } else {
                        n.addInput(names.get(r.nextInt(names.size())));
                    }
                }
            }
            case 4 -> {
                if (nodes > 0) {
                    NodeProto.Builder n = g.getNodeBuilder(r.nextInt(nodes));
                    if (r.nextBoolean()) {
                        n.clearInput();
                    } else {
                        n.clearOutput();
                    }
                }
            }
            case 5 -> {
                if (nodes > 0) {
                    g.getNodeBuilder(r.nextInt(nodes)).addAttribute(randomAttribute(r));
                }
            }
            case 6 -> {
                if (nodes > 0) {
                    g.getNodeBuilder(r.nextInt(nodes)).clearAttribute();
                }
            }
            case 7 -> {
                if (g.getInitializerCount() > 0) {
                    TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
                    switch (r.nextInt(4)) {
                        case 0 -> t.setDataType(r.nextInt(20));
                        case 1 -> t.addDims(r.nextInt(5) - 2);
                        case 2 -> t.clearFloatData().clearRawData();
                        default -> {
                            if (t.getDimsCount() > 0) {
                                t.setDims(0, r.nextBoolean() ? 1L << 40 : 3);
                            }
                            t.addFloatData(1f);
                        }
                    }
                }
            }
            case 8 -> {
                if (g.getInputCount() == 0) {
                    return;
                }
                TensorShapeProto.Builder shape = g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
                if (shape.getDimCount() > 1) {
                    TensorShapeProto.Dimension.Builder d = shape.getDimBuilder(1 + r.nextInt(shape.getDimCount() - 1));
                    switch (r.nextInt(3)) {
                        case 0 -> d.setDimValue(r.nextInt(3) - 1);
                        case 1 -> d.setDimParam("n");
                        default -> shape.removeDim(shape.getDimCount() - 1);
                    }
                }
            }
            case 9 -> g.getInputBuilderList().forEach(v -> v.getTypeBuilder().getTensorTypeBuilder().setElemType(r.nextInt(12)));
            case 10 -> {
                if (r.nextBoolean() || g.getOutputCount() == 0) {
                    g.clearOutput();
                } else {
                    g.getOutputBuilder(0).setName(valueNames(g).get(r.nextInt(valueNames(g).size())));
                }
            }
            case 11 -> {
                if (r.nextBoolean() || m.getOpsetImportCount() == 0) {
                    m.clearOpsetImport();
                } else {
                    m.getOpsetImportBuilder(0).setVersion(r.nextInt(25) - 2);
                }
            }
            case 12 -> {
                if (nodes > 1) { // swap two nodes: the graph is no longer in topological order
                    int a = r.nextInt(nodes);
                    int b = r.nextInt(nodes);
                    NodeProto na = g.getNode(a);
                    g.setNode(a, g.getNode(b)).setNode(b, na);
                }
            }
            case 13 -> {
                if (nodes > 0) { // a cycle: a node reads its own output
                    NodeProto.Builder n = g.getNodeBuilder(r.nextInt(nodes));
                    if (n.getOutputCount() > 0) {
                        n.addInput(n.getOutput(0));
                    }
                }
            }
            case 14 -> g.addNode(r.nextInt(nodes + 1), NodeProto.newBuilder().setOpType("Constant")
                    .addOutput(valueNames(g).get(r.nextInt(valueNames(g).size()))).addAttribute(randomAttribute(r)));
            default -> {
                if (nodes > 0) {
                    g.getNodeBuilder(r.nextInt(nodes)).setDomain(r.nextBoolean() ? "com.example" : "ai.onnx");
                }
            }
        }
    }

    private static AttributeProto randomAttribute(Random r) {
        String name = List.of("axis", "value", "value_float", "value_ints", "transB", "alpha", "beta", "min", "max",
                "axes", "keepdims", "to", "approximate", "sparse_value").get(r.nextInt(14));
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        switch (r.nextInt(5)) {
            case 0 -> a.setI(r.nextInt(21) - 10);
            case 1 -> a.setF(r.nextBoolean() ? Float.NaN : r.nextFloat() * 12 - 6);
            case 2 -> a.addInts(r.nextInt(7) - 3).addInts(r.nextInt(3));
            case 3 -> a.setS(com.google.protobuf.ByteString.copyFromUtf8(r.nextBoolean() ? "tanh" : "?"));
            default -> {
                TensorProto.Builder t = TensorProto.newBuilder().setDataType(r.nextInt(17));
                for (int k = r.nextInt(3); k > 0; k--) {
                    t.addDims(r.nextInt(4) - 1);
                }
                for (int k = r.nextInt(4); k > 0; k--) {
                    t.addFloatData(r.nextFloat());
                }
                if (r.nextBoolean()) {
                    t.setRawData(com.google.protobuf.ByteString.copyFrom(new byte[r.nextInt(9)]));
                }
                a.setT(t);
            }
        }
        return a.build();
    }

    private static List<String> valueNames(GraphProto.Builder g) {
        List<String> names = new ArrayList<>(List.of("x", "input", "missing"));
        g.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        return names;
    }

    /** PyTorch's exported fixtures and a few of Neurona's own exports, at opsets 11 to 17. */
    private static List<ModelProto> seeds() throws Exception {
        List<ModelProto> seeds = new ArrayList<>();
        for (String name : List.of("gelu_exact", "gelu_tanh", "relu6", "relu6_opset9", "linear_rank3", "flatten",
                "silu_hardswish")) {
            try (InputStream in = OnnxImportMalformedTest.class.getResourceAsStream("/torch/" + name + ".onnx")) {
                seeds.add(ModelProto.parseFrom(in));
            }
        }
        Sequential mlp = new Sequential(input(3, 4), Layers.flatten(), dense(5, "gelu"), dense(4, "hard_silu"),
                dense(3, "log_softmax"));
        Sequential prelu = new Sequential(input(4), dense(4), Layers.prelu(), dense(2, "softmax"));
        for (int opset : new int[] {11, 13, 17}) {
            seeds.add(OnnxExport.toModel(mlp, OnnxOptions.defaults().withOpset(opset)));
            seeds.add(OnnxExport.toModel(prelu, OnnxOptions.defaults().withOpset(opset)));
        }
        return seeds;
    }
}
