package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Permute;
import dev.neurona.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Neurona CNNs exported and read back predict what the originals do (1e-5): the exporter's
 * Transposes around each run of channels-first operators are absorbed again, so a run of
 * convolutions comes back as the same channels-last layers without a Permute.
 */
class OnnxConvRoundTripTest {

    /** Every conv case but Rescaling, Pad and Slice, which are written and not read (their Mul, Pad, Slice have no reader). */
    static List<ModelCases.Case> cases() {
        return ConvCases.all().stream().filter(c -> !c.name().contains("rescaling")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportedAndImportedPredictsTheSame(ModelCases.Case c) {
        Sequential model = c.model().get();
        Model back = OnnxImport.read(OnnxExport.toModel(model, c.options()));
        Tensor x = ModelCases.inputs(model, 3, 5);
        Ort.assertClose(back.predict(x), model.predict(x), c + " read back");
    }

    @Test
    void theConvnetComesBackAsItsLayersWithoutPermutes() {
        Sequential model = ConvCases.convnet();
        Model back = OnnxImport.read(OnnxExport.toModel(model, OnnxOptions.defaults()));
        assertThat(back).isInstanceOf(Sequential.class);
        assertThat(back.layers()).extracting(Layer::typeName).containsExactly("Input", "Conv2D", "MaxPooling2D",
                "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense");
        assertThat(back.layers()).noneMatch(l -> l instanceof Permute);
    }

    @Test
    void theVggNetComesBackWithItsBatchNormalization() {
        Sequential model = ConvCases.vgg();
        Model back = OnnxImport.read(OnnxExport.toModel(model, OnnxOptions.defaults()));
        assertThat(back.layers()).extracting(Layer::typeName).filteredOn(n -> n.equals("BatchNormalization")).hasSize(4);
        assertThat(back.layers()).noneMatch(l -> l instanceof Permute);
    }
}
