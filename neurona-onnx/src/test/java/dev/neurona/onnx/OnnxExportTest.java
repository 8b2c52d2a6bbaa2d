package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every layer and activation, exported and run in ONNX Runtime, gives {@code predict}'s outputs. */
class OnnxExportTest {

    @TempDir
    Path dir;

    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxRuntimeMatchesPredict(ModelCases.Case c) throws Exception {
        Sequential model = c.model().get();
        Path file = dir.resolve("model.onnx");
        OnnxExport.write(model, file, c.options());

        Tensor x = ModelCases.inputs(model, 5, 11);
        Ort.assertClose(Ort.run(file, c.options().inputName(), x), model.predict(x), c.toString());
    }

    @Test
    void theBatchDimensionIsDynamic() throws Exception {
        Sequential model = ModelCases.trained();
        Path file = dir.resolve("model.onnx");
        OnnxExport.write(model, file);
        for (int batch : new int[] {1, 2, 33}) {
            Tensor x = ModelCases.inputs(model, batch, batch);
            Ort.assertClose(Ort.run(file, "input", x), model.predict(x), "batch of " + batch);
        }
    }

    @Test
    void theCasesCoverEveryActivationThatCoreKnows() {
        Set<String> known = Activations.names().stream().map(n -> Activations.get(n).name())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> tested = ModelCases.activations().stream().map(Activation::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(tested).as("activations exported by the tests").containsExactlyElementsOf(known);
        assertThat(ActivationMapper.SUPPORTED).containsExactlyInAnyOrderElementsOf(known);
    }
}
