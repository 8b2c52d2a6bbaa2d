package dev.neurona;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the one-way package layering of DESIGN.md §2: each core package may use only the
 * packages listed for it (and itself). Read from the import statements and fully qualified
 * names in the sources, so a new arrow shows up here before it shows up as a tangle.
 */
class PackageDependencyTest {

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("tensor.kernel", Set.of()),
            Map.entry("tensor", Set.of("tensor.kernel")),
            Map.entry("activations", Set.of("tensor", "names")),   // "did you mean" for a misspelt name
            Map.entry("names", Set.of()),
            Map.entry("losses", Set.of("tensor", "names")),
            Map.entry("optim", Set.of("tensor", "tensor.kernel", "names")),   // ParallelRange splits large updates
            Map.entry("metrics", Set.of("tensor", "losses", "names")),
            Map.entry("data", Set.of("tensor", "names")),   // "did you mean" for a misspelt column
            // configuration errors name their key (names.ConfigException)
            Map.entry("nn.init", Set.of("tensor", "names")),
            Map.entry("nn", Set.of("tensor", "activations", "nn.init", "names")),
            // train runs every model through the one engine: no kernels of its own
            Map.entry("train", Set.of("tensor", "activations", "losses", "optim", "metrics", "data", "nn", "nn.init")),
            Map.entry("perceptron", Set.of("tensor", "data")),
            // model files work on a neutral snapshot: io never sees models or train, models use io
            Map.entry("io", Set.of("tensor", "activations", "losses", "optim", "metrics", "nn", "nn.init")),
            Map.entry("models", Set.of("tensor", "activations", "losses", "optim", "metrics", "data", "nn", "nn.init",
                    "train", "io", "names")));

    private static final Pattern REFERENCE = Pattern.compile("dev\\.neurona\\.([a-z.]+)\\.[A-Z]");

    @Test
    void packagesOnlyPointDown() throws IOException {
        Path root = Path.of("src/main/java/dev/neurona");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package " + pkg + " is not in the layering table");
                    continue;
                }
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(file.getFileName() + " (" + pkg + ") uses " + used);
                    }
                }
            }
        }
        assertThat(violations).as("package dependencies that break the layering").isEmpty();
    }
}
