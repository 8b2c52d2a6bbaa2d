package dev.neurona.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTest {

    @Test
    void findsTheSharedFolder() {
        Path dir = Golden.dir();
        assertThat(dir.getFileName().toString()).isEqualTo("golden");
        assertThat(dir.resolve("README.md")).exists();
    }

    @Test
    void missingFolderFailsListingEveryPathTried(@TempDir Path tmp) {
        Path start = tmp.resolve("repo/module");
        assertThatThrownBy(() -> Golden.resolve(tmp.resolve("nowhere").toString(), start))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("golden reference folder not found")
                .hasMessageContaining(tmp.resolve("nowhere").toString())
                .hasMessageContaining(tmp.resolve("repo/module/shared/golden").toString())
                .hasMessageContaining(tmp.resolve("shared/golden").toString());
    }

    @Test
    void walksUpToTheSharedFolderBesideTheRepository(@TempDir Path tmp) throws Exception {
        Path golden = Files.createDirectories(tmp.resolve("shared/golden"));
        Path module = Files.createDirectories(tmp.resolve("repo/neurona-testkit"));
        assertThat(Golden.resolve(null, module)).isEqualTo(golden);
        assertThat(Golden.resolve(golden.toString(), Path.of("/"))).isEqualTo(golden);
    }

    @Test
    void listsAndFindsCases() {
        Golden g = Golden.load("activations");
        assertThat(g.file()).isEqualTo("activations.json");
        assertThat(g.source()).contains("PyTorch");
        assertThat(g.names()).hasSize(17).contains("relu", "prelu");
        assertThat(Golden.load("activations.json").names()).isEqualTo(g.names());
        assertThatThrownBy(() -> g.get("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no case 'nope'").hasMessageContaining("relu");
        assertThatThrownBy(() -> Golden.load("missing")).hasMessageContaining("missing.json");
    }

    @Test
    void readsFieldsInEveryForm() {
        GoldenNode relu = Golden.load("activations").get("relu");
        assertThat(relu.name()).isEqualTo("relu");
        assertThat(relu.string("activation")).isEqualTo("relu");
        assertThat(relu.shape("x")).containsExactly(4, 5);
        double[][] x = relu.matrix("x");
        assertThat(x[3]).containsExactly(-1000, -30, 0, 30, 1000);
        assertThat(relu.flat("x")).hasSize(20).startsWith(x[0]);
        assertThat(relu.intRows("kink_indices")).isDeepEqualTo(new int[][] {{3, 2}});
        Tensor t = relu.tensor("x");
        assertThat(t.shape()).containsExactly(4, 5);
        assertThat(t.get(3, 4)).isEqualTo(1000f);
        GoldenNode prelu = Golden.load("activations").get("prelu");
        assertThat(prelu.object("params").vector("alpha")).hasSize(5);
        assertThat(prelu.object("params").tensor("alpha").shape()).containsExactly(5);
        assertThat(prelu.vector("dalpha")).hasSize(5);
        assertThatThrownBy(() -> relu.vector("dalpha")).hasMessageContaining("no field 'dalpha'")
                .hasMessageContaining("activations.json:relu");
        assertThatThrownBy(() -> relu.number("x")).hasMessageContaining("should be a number");
    }

    @Test
    void readsScalarsIntegersAndNestedObjects() {
        Golden mlp = Golden.load("mlp");
        GoldenNode c = mlp.get("seed_backprop_example");
        assertThat(c.bool("batch")).isFalse();
        assertThat(c.tensor("loss_value").shape()).isEmpty();
        assertThat(c.object("params").number("w10")).isFinite();
        GoldenNode dense = mlp.get("mlp_6_5_4_3_relu_tanh_softmax_cce");
        assertThat(dense.objects("layers")).hasSize(3);
        assertThat(dense.objects("layers").get(0).integer("in")).isEqualTo(6);
        assertThat(dense.object("params").object("dense1").tensor("W").shape()).containsExactly(6, 5);
        GoldenNode sparse = Golden.load("metrics").get("sparse_categorical_accuracy");
        assertThat(sparse.ints("y_true")).hasSize(8);
    }
}
