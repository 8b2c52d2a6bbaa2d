package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * ONNX's own node tests (one float input, one float output; copied by
 * {@code src/test/python/onnx_node_tests.py} from Debian's libonnx-testdata): those listed in
 * {@code onnx-node-tests-imported.txt} import and reproduce ONNX's reference output; every other
 * one is refused with an {@link OnnxImportException} that names the node or the input, and no
 * other exception escapes.
 */
class OnnxNodeTestsTest {

    private static final String DIR = "/onnx-node-tests/";

    @TestFactory
    Stream<DynamicTest> eachNodeTestImportsAndMatchesOrIsRefused() {
        Set<String> imported = expectedImports();
        return names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            ModelProto model = ModelProto.parseFrom(bytes(name + "/model.onnx"));
            if (imported.contains(name)) {
                dev.neurona.models.Model s = OnnxImport.read(model);
                Tensor x = tensor(name + "/input_0.pb");
                Ort.assertClose(s.predict(x), tensor(name + "/output_0.pb"), name);
            } else {
                assertThatThrownBy(() -> OnnxImport.read(model)).as(name)
                        .isExactlyInstanceOf(OnnxImportException.class)
                        .hasMessageMatching("(?s).*(node .*\\(#\\d+, |node #\\d+ \\(|input '|a model has one or more inputs"
                                + "|the graph output '|the graph is not one chain).*");
            }
        }));
    }

    /** The outcome of every node test, grouped; printed for the record, and the counts add up. */
    @Test
    void outcomesAddUpAndAreReported() throws Exception {
        Map<String, List<String>> byReason = new TreeMap<>();
        Map<String, Set<String>> opsByReason = new TreeMap<>();
        List<String> read = new ArrayList<>();
        int matched = 0;
        for (String name : names()) {
            try {
                Sequential s = OnnxImport.readSequential(ModelProto.parseFrom(bytes(name + "/model.onnx")));
                s.predict(tensor(name + "/input_0.pb"));
                matched++;
                read.add(name);
            } catch (OnnxImportException e) {
                String why = reason(e.getMessage());
                byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(name);
                opsByReason.computeIfAbsent(why, k -> new TreeSet<>()).add(operator(e.getMessage()));
            }
        }
        StringBuilder report = new StringBuilder("ONNX node tests: " + names().size() + ", imported " + matched
                + ", refused " + (names().size() - matched) + "\nimported: " + String.join(", ", read) + "\nrefused:\n");
        byReason.forEach((r, names) -> report.append(String.format("  %3d  %s%n       operators %s; %s%n", names.size(), r,
                opsByReason.get(r), names.stream().limit(3).collect(Collectors.joining(", ")) + (names.size() > 3 ? ", …" : ""))));
        System.out.print(report);
        assertThat(matched).as(report.toString()).isEqualTo(expectedImports().size());
    }

    private static final Pattern NODE = Pattern.compile("node (?:'[^']*' \\(#\\d+, |#\\d+ \\()([^,]+), opset \\d+\\) ");

    /** The message without the node's description, names and numbers, so that refusals group by reason. */
    static String reason(String message) {
        return NODE.matcher(message).replaceFirst("node … ").replaceAll("'[^']*'", "'…'")
                .replaceAll("\\[[-0-9, ]*\\]", "[…]").replaceAll("-?\\d+(\\.\\d+)?", "N");
    }

    /** The operator the message names, or "-" for a graph-level refusal. */
    static String operator(String message) {
        Matcher m = NODE.matcher(message);
        return m.find() ? m.group(1) : "-";
    }

    static List<String> names() {
        try {
            JsonNode manifest = new ObjectMapper().readTree(bytes("manifest.json"));
            List<String> names = new ArrayList<>();
            manifest.get("cases").forEach(c -> names.add(c.get("name").asText()));
            assertThat(names).as("node tests in the manifest").hasSizeGreaterThan(200);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> expectedImports() {
        try {
            return new String(bytes("../onnx-node-tests-imported.txt"), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tensor tensor(String resource) throws IOException {
        return TensorReader.read(TensorProto.parseFrom(bytes(resource)), resource).toTensor();
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = OnnxNodeTestsTest.class.getResourceAsStream(DIR + resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + DIR + resource);
            }
            return in.readAllBytes();
        }
    }
}
