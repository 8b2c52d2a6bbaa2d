package dev.neurona.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small reader for the golden reference files in {@code ../shared/golden} (until the
 * testkit's loader is available): the folder from the system property {@code neurona.golden}
 * (set by Surefire), else found by walking up from the working directory. A missing folder
 * fails the test rather than skipping it.
 */
public final class GoldenJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenJson() {
    }

    /** The golden folder. */
    public static Path folder() {
        String property = System.getProperty("neurona.golden");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("golden");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("golden folder not found: system property neurona.golden=" + property
                + " and no shared/golden above " + System.getProperty("user.dir"));
    }

    /** The {@code cases} of a golden file, such as {@code "losses.json"}. */
    public static List<JsonNode> cases(String file) {
        try {
            JsonNode root = JSON.readTree(folder().resolve(file).toFile());
            List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(out::add);
            if (out.isEmpty()) {
                throw new AssertionError(file + " has no cases");
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot read golden file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A nested JSON array (or a number) as a tensor of its shape. */
    public static Tensor tensor(JsonNode node) {
        List<Integer> shape = new ArrayList<>();
        for (JsonNode n = node; n.isArray(); n = n.get(0)) {
            shape.add(n.size());
        }
        double[] flat = flat(node);
        float[] data = new float[flat.length];
        for (int i = 0; i < flat.length; i++) {
            data[i] = (float) flat[i];
        }
        return shape.isEmpty() ? Tensor.scalar(data[0]) : Tensor.of(data, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The numbers of a (nested) array in row-major order, or one number. */
    public static double[] flat(JsonNode node) {
        List<Double> out = new ArrayList<>();
        collect(node, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        } else {
            out.add(node.asDouble());
        }
    }

    /** Asserts {@code |actual − expected| ≤ atol + rtol·|expected|} elementwise, naming the first failure. */
    public static void assertClose(String what, float[] actual, double[] expected, double rtol, double atol) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        assertClose(what, a, expected, rtol, atol);
    }

    /** As above, for doubles. */
    public static void assertClose(String what, double[] actual, double[] expected, double rtol, double atol) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= atol + rtol * Math.abs(expected[i]))) {
                throw new AssertionError(what + "[" + i + "] = " + actual[i] + ", expected " + expected[i]
                        + " (rtol " + rtol + ", atol " + atol + ")");
            }
        }
    }
}
