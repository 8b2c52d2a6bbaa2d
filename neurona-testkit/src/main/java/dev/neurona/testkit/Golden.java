package dev.neurona.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file of golden reference vectors from {@code ../shared/golden} (see its README for
 * the schema): a {@linkplain #source() source} line and named {@linkplain #cases() cases}.
 *
 * <pre>{@code
 * Golden activations = Golden.load("activations");
 * for (GoldenNode c : activations.cases()) {
 *     Tensor x = c.tensor("x");
 *     double[][] y = c.matrix("y");
 * }
 * }</pre>
 *
 * <p>The folder is found by {@link #dir()}: the system property {@value #PROPERTY} (which
 * the parent POM passes to Surefire) when it names a folder, otherwise the first
 * {@code shared/golden} found walking up from the working directory (the repository root's
 * sibling {@code shared}). When neither exists, loading fails and names every path tried:
 * golden tests never skip silently.
 */
public final class Golden {

    /** The system property naming the golden folder. */
    public static final String PROPERTY = "neurona.golden";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String file;
    private final String source;
    private final Map<String, GoldenNode> cases;

    private Golden(String file, String source, Map<String, GoldenNode> cases) {
        this.file = file;
        this.source = source;
        this.cases = cases;
    }

    /**
     * The golden folder.
     *
     * @throws IllegalStateException listing every path tried when none exists
     */
    public static Path dir() {
        return resolve(System.getProperty(PROPERTY), Path.of("").toAbsolutePath());
    }

    /**
     * The golden folder from an explicit property value (may be null) and start folder: the
     * logic of {@link #dir()}, exposed so that its failure can be tested.
     *
     * @throws IllegalStateException listing every path tried when none exists
     */
    public static Path resolve(String property, Path start) {
        List<Path> tried = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            tried.add(p);
        }
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("golden");
            if (Files.isDirectory(p)) {
                return p;
            }
            tried.add(p);
        }
        throw new IllegalStateException("golden reference folder not found; set -D" + PROPERTY
                + "=<folder> or place it at ../shared/golden beside the repository root. Looked in: " + tried);
    }

    /**
     * Loads {@code <dir>/<file>.json} (the {@code .json} suffix is optional).
     *
     * @throws IllegalStateException if the folder or file is missing or the file is malformed
     */
    public static Golden load(String file) {
        String name = file.endsWith(".json") ? file : file + ".json";
        Path path = dir().resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("golden file " + path + " does not exist");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + path, e);
        }
        JsonNode list = root.get("cases");
        if (list == null || !list.isArray()) {
            throw new IllegalStateException("golden file " + path + " has no \"cases\" array");
        }
        Map<String, GoldenNode> cases = new LinkedHashMap<>();
        for (JsonNode c : list) {
            String caseName = new GoldenNode(name, c).string("name");
            if (cases.put(caseName, new GoldenNode(name + ":" + caseName, c)) != null) {
                throw new IllegalStateException("golden file " + path + " has two cases named " + caseName);
            }
        }
        return new Golden(name, root.path("source").asText(""), cases);
    }

    /** The file name, such as {@code activations.json}. */
    public String file() {
        return file;
    }

    /** The libraries and versions that produced the values. */
    public String source() {
        return source;
    }

    /** The case names in file order. */
    public List<String> names() {
        return List.copyOf(cases.keySet());
    }

    /** The cases in file order. */
    public List<GoldenNode> cases() {
        return List.copyOf(cases.values());
    }

    /**
     * The case called {@code name}.
     *
     * @throws IllegalArgumentException listing the available names when there is none
     */
    public GoldenNode get(String name) {
        GoldenNode c = cases.get(name);
        if (c == null) {
            throw new IllegalArgumentException(file + " has no case '" + name + "'; it has " + cases.keySet());
        }
        return c;
    }
}
