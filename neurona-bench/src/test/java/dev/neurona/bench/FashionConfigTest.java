package dev.neurona.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.losses.Huber;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Dropout;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Normalization;
import dev.neurona.optim.Adam;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark configurations: names, the Java and PyTorch tables agreeing, and the models built from them. */
class FashionConfigTest {

    private static final Path SCRIPT = Path.of("src/main/python/train_fashion.py");
    /** One row of the script's CONFIGS: id, hidden sizes, dropout, optimizer, batch, Normalization, L2, loss. */
    private static final Pattern ROW = Pattern.compile(
            "^\\s*\"([\\w-]+)\": \\(\\[([\\d, ]*)\\], ([\\d.e+-]+), \"(\\w+)\", (\\d+), (True|False), ([\\d.e+-]+), \"(\\w+)\"\\),?\\s*$");

    @Test
    void parsesIdsAliasesAndAll() {
        assertThat(FashionConfig.parse("784-8-10")).isEqualTo(FashionConfig.SMALL);
        assertThat(FashionConfig.parse("Medium")).isEqualTo(FashionConfig.MEDIUM);
        assertThat(FashionConfig.parse("mnist-mlp")).isEqualTo(FashionConfig.MNIST_MLP);
        assertThat(FashionConfig.parse("L2-NORM")).isEqualTo(FashionConfig.L2_NORM);
        assertThat(FashionConfig.parseList("all")).containsExactly(FashionConfig.values());
        assertThat(FashionConfig.parseList(EndToEnd.DEFAULT_CONFIGS))
                .containsExactly(FashionConfig.SMALL, FashionConfig.MEDIUM, FashionConfig.LARGE);
        assertThat(FashionConfig.parseList("huber, large")).containsExactly(FashionConfig.HUBER, FashionConfig.LARGE);
        assertThatThrownBy(() -> FashionConfig.parse("mnist"))
                .hasMessage("unknown configuration 'mnist'; known: small (784-8-10), medium (784-256-128-10), "
                        + "large (784-1024-1024-10), mnist-mlp, l2-norm, huber, or all");
        assertThatThrownBy(() -> FashionConfig.parseList("small,,huber")).hasMessageStartingWith(
                "empty configuration name in 'small,,huber'; known: small (784-8-10)");
    }

    @Test
    void positiveOptionsNameTheFlag() {
        Map<String, String> o = Args.parse(new String[] {"--epochs", "2", "--rounds", "0", "--steps", "x"},
                "--epochs", "--rounds", "--steps");
        assertThat(Args.positive(o, "--epochs", 3)).isEqualTo(2);
        assertThat(Args.positive(o, "--warmup", 7)).isEqualTo(7);
        assertThatThrownBy(() -> Args.positive(o, "--rounds", 1))
                .hasMessage("--rounds takes a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> Args.positive(o, "--steps", 1))
                .hasMessage("--steps takes a whole number of at least 1, got 'x'");
    }

    @Test
    void thePythonScriptHasTheSameTable() throws IOException {
        Map<String, Matcher> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(SCRIPT, StandardCharsets.UTF_8)) {
            if (line.startsWith("CONFIGS = {")) {
                inTable = true;
            } else if (inTable && line.startsWith("}")) {
                break;
            } else if (inTable && !line.strip().startsWith("#")) {
                Matcher m = ROW.matcher(line);
                assertThat(m.matches()).as("a CONFIGS row of the script: %s", line).isTrue();
                rows.put(m.group(1), m);
            }
        }
        assertThat(rows.keySet()).containsExactlyElementsOf(
                Arrays.stream(FashionConfig.values()).map(FashionConfig::id).toList());
        for (FashionConfig c : FashionConfig.values()) {
            Matcher m = rows.get(c.id());
            String hidden = Arrays.stream(c.hidden()).mapToObj(String::valueOf).collect(Collectors.joining(", "));
            assertThat(m.group(2)).as("%s hidden", c.id()).isEqualTo(hidden);
            assertThat(Double.parseDouble(m.group(3))).as("%s dropout", c.id()).isEqualTo(c.dropout());
            assertThat(m.group(4)).as("%s optimizer", c.id()).isEqualTo(c.optimizer());
            assertThat(Integer.parseInt(m.group(5))).as("%s batch", c.id()).isEqualTo(c.batchSize());
            assertThat(m.group(6)).as("%s normalization", c.id()).isEqualTo(c.normalize() ? "True" : "False");
            assertThat(Double.parseDouble(m.group(7))).as("%s l2", c.id()).isEqualTo(c.l2());
            assertThat(m.group(8)).as("%s loss", c.id()).isEqualTo(c.loss());
        }
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        Matcher eps = Pattern.compile("(?m)^NORMALIZATION_EPSILON = ([\\d.e-]+)").matcher(script);
        assertThat(eps.find()).isTrue();
        assertThat((float) Double.parseDouble(eps.group(1))).isEqualTo(Normalization.EPSILON);
    }

    @Test
    void theNewModelsAreWhatTheIssueNames() {
        assertThat(layers(FashionConfig.MNIST_MLP))
                .isEqualTo("Flatten > Dense 512 relu > Dropout 0.2 > Dense 512 relu > Dropout 0.2 > Dense 10 softmax");
        assertThat(layers(FashionConfig.L2_NORM)).isEqualTo(
                "Flatten > Normalization > Dense 256 relu L2 1.0E-4 > Dense 128 relu L2 1.0E-4 > Dense 10 softmax L2 1.0E-4");
        assertThat(layers(FashionConfig.HUBER)).isEqualTo(
                "Flatten > Normalization > Dense 256 relu L2 1.0E-4 > Dense 128 relu L2 1.0E-4 > Dense 10 linear L2 1.0E-4");
        assertThat(layers(FashionConfig.LARGE)).isEqualTo("Flatten > Dense 1024 relu > Dense 1024 relu > Dense 10 softmax");

        assertThat(FashionModels.optimizer(FashionConfig.MNIST_MLP)).isInstanceOf(RMSprop.class);
        assertThat(FashionModels.optimizer(FashionConfig.MEDIUM)).isInstanceOf(Adam.class);
        assertThat(FashionModels.optimizer(FashionConfig.LARGE)).isInstanceOf(SGD.class);
        Sequential huber = FashionModels.compiled(FashionConfig.HUBER, 1, images(3));
        assertThat(huber.loss()).isInstanceOf(Huber.class);
        assertThat(((Huber) huber.loss()).delta()).isEqualTo(1.0);
        assertThat(FashionModels.compiled(FashionConfig.MNIST_MLP, 1, images(3)).loss().name())
                .isEqualTo("categorical_crossentropy");
    }

    @Test
    void normalizationIsAdaptedOnTheImagesGiven() {
        Tensor x = images(5);
        Normalization norm = (Normalization) FashionModels.compiled(FashionConfig.L2_NORM, 1, x).layers().get(1);
        float[] pixels = x.reshape(5, 784).data();
        for (int f : new int[] {0, 300, 783}) {
            double mean = 0;
            for (int r = 0; r < 5; r++) {
                mean += pixels[r * 784 + f] / 5.0;
            }
            assertThat(norm.mean().get(f)).as("feature %d", f).isCloseTo((float) mean, within(1e-6f));
        }
    }

    private static Tensor images(int n) {
        return Tensor.rand(new Random(7), n, 28, 28);
    }

    /** The model's layers, one word each, with units, activation, dropout rate and kernel L2. */
    private static String layers(FashionConfig c) {
        Sequential model = FashionModels.compiled(c, 1, images(2));
        return model.layers().stream().map(FashionConfigTest::describe).collect(Collectors.joining(" > "));
    }

    private static String describe(Layer layer) {
        if (layer instanceof Dense d) {
            Object l2 = layer.config().get("kernel_regularizer");
            assertThat(layer.config()).doesNotContainKey("bias_regularizer");
            return "Dense " + d.units() + " " + d.activation().name()
                    + (l2 == null ? "" : " L2 " + ((Map<?, ?>) l2).get("l2"));
        }
        if (layer instanceof Dropout d) {
            return "Dropout " + d.rate();
        }
        return layer.typeName();
    }
}
