package dev.neurona.onnx;

import static dev.neurona.nn.Layers.add;
import static dev.neurona.nn.Layers.average;
import static dev.neurona.nn.Layers.concatenate;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.divide;
import static dev.neurona.nn.Layers.dot;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.multiply;
import static dev.neurona.nn.Layers.subtract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Input;
import dev.neurona.nn.Mode;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.onnx.proto.Onnx.ModelProto;
import dev.neurona.onnx.proto.Onnx.TensorProto;
import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Functional models written as ONNX run in ONNX Runtime with the outputs of {@code predict}
 * (within 1e-5), and read back by {@link OnnxImport} into models that predict alike: a residual
 * block, two inputs and two outputs, every merge layer with broadcasting (an input of lower rank
 * gains axes after the batch), a shared layer (a Siamese pair, its weights written once) and a
 * nested Sequential.
 */
class OnnxExportGraphTest {

    @TempDir
    Path dir;

    private static Tensor random(long seed, int... shape) {
        return Tensor.randn(new Random(seed), shape);
    }

    private static Model residual() {
        SymbolicTensor x = Input.of(4);
        SymbolicTensor h = dense(4).apply(dense(6, "relu").apply(x));
        SymbolicTensor out = dense(2, "softmax").apply(add().apply(h, x));
        return new Model(x, out).seed(3);
    }

    private static Model twoInTwoOut() {
        SymbolicTensor a = Input.of(3).name("left");
        SymbolicTensor b = Input.of(2).name("right");
        SymbolicTensor joined = concatenate().apply(dense(4, "tanh").apply(a), dense(4, "relu").apply(b));
        SymbolicTensor score = dense(1, "sigmoid").name("score").apply(joined);
        SymbolicTensor value = dense(2).name("value").apply(dropout(0.3).apply(joined));
        return new Model(List.of(a, b), List.of(score, value)).seed(5);
    }

    private static Model everyMerge() {
        SymbolicTensor x = Input.of(2, 3);
        SymbolicTensor v = Input.of(3);
        SymbolicTensor one = dense(1, "sigmoid").apply(x);                            // [None, 2, 1]
        SymbolicTensor positive = dense(3, "softplus").apply(v);                      // [None, 3]
        SymbolicTensor m = multiply().apply(dense(3).apply(x), one);                  // broadcast the last axis
        SymbolicTensor s = subtract().apply(m, dense(3).apply(v));                    // lower rank
        SymbolicTensor d = divide().apply(s, positive);                               // lower rank
        SymbolicTensor avg = average().apply(d, m, x);
        SymbolicTensor out = concatenate(1).apply(avg, dense(3).apply(x));            // [None, 4, 3]
        return new Model(List.of(x, v), List.of(out)).seed(7);
    }

    private static Model siamese(Dense shared) {
        SymbolicTensor a = Input.of(5).name("a");
        SymbolicTensor b = Input.of(5).name("b");
        SymbolicTensor distance = subtract().apply(shared.apply(a), shared.apply(b));
        return new Model(List.of(a, b), List.of(dense(1, "sigmoid").apply(multiply().apply(distance, distance)))).seed(9);
    }

    private static Model nested() {
        Sequential encoder = new Sequential(dense(6, "relu"), dense(3, "tanh")).name("encoder");
        SymbolicTensor x = Input.of(4);
        SymbolicTensor out = dense(2).apply(add().apply(encoder.apply(x), dense(3).apply(x)));
        return new Model(x, out).seed(11);
    }

    private static Map<String, Tensor> feeds(Model model, long seed, int batch) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (int i = 0; i < model.inputCount(); i++) {
            int[] sample = model.inputShapes().get(i);
            int[] shape = new int[sample.length + 1];
            shape[0] = batch;
            System.arraycopy(sample, 0, shape, 1, sample.length);
            feeds.put(model.inputCount() == 1 ? "input" : model.inputNames().get(i), random(seed + i, shape));
        }
        return feeds;
    }

    private static Model model(String name) {
        return switch (name) {
            case "residual" -> residual();
            case "twoInTwoOut" -> twoInTwoOut();
            case "everyMerge" -> everyMerge();
            case "siamese" -> siamese(dense(4, "tanh"));
            case "nested" -> nested();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} at opset 11, 13 and 21")
    @ValueSource(strings = {"residual", "twoInTwoOut", "everyMerge", "siamese", "nested"})
    void onnxRuntimeMatchesPredictAndTheFileReadsBack(String name) throws Exception {
        for (int opset : new int[] {11, 13, 21}) {
            Model model = model(name);
            model.parameters(); // builds it from its Input shapes
            Path file = dir.resolve(name + opset + ".onnx");
            OnnxExport.write(model, file, OnnxOptions.defaults().withOpset(opset));
            Map<String, Tensor> feeds = feeds(model, opset, 6);
            List<Tensor> xs = List.copyOf(feeds.values());
            List<Tensor> expected = model.predict(xs);
            List<Tensor> actual = Ort.runAll(file, feeds);
            assertThat(actual).hasSize(expected.size());
            Model again = OnnxImport.read(file);
            List<Tensor> reread = again.predict(xs);
            for (int k = 0; k < expected.size(); k++) {
                Ort.assertClose(actual.get(k), expected.get(k), name + " opset " + opset + " output " + k);
                Ort.assertClose(reread.get(k), expected.get(k), name + " read back, opset " + opset + " output " + k);
            }
        }
    }

    @Test
    void aSharedLayersWeightsAreWrittenOnce() {
        Dense shared = dense(4, "tanh");
        Model model = siamese(shared);
        model.parameters();
        ModelProto proto = OnnxExport.toModel(model, OnnxOptions.defaults());
        assertThat(proto.getGraph().getInitializerList()).extracting(TensorProto::getName)
                .containsOnlyOnce(shared.kernel().name(), shared.bias().name());
        assertThat(proto.getGraph().getInputList()).extracting(v -> v.getName()).containsExactly("a", "b");
        // reading back gives each application its own copy of the weights (ONNX does not say they are one layer)
        assertThat(OnnxImport.read(proto).parameters()).hasSize(model.parameters().size() + 2);
    }

    @Test
    void nestedWeightsKeepTheirPathNames() {
        Model model = nested();
        model.parameters();
        ModelProto proto = OnnxExport.toModel(model, OnnxOptions.defaults());
        assertThat(proto.getGraph().getInitializerList()).extracting(TensorProto::getName)
                .contains("encoder/dense_1/kernel", "encoder/dense_2/bias");
    }

    @Test
    void whatHasNoMappingIsNamed() {
        SymbolicTensor a = Input.of(4);
        SymbolicTensor b = Input.of(4);
        Model withDot = new Model(List.of(a, b), List.of(dot(1).apply(a, b)));
        assertThatThrownBy(() -> OnnxExport.toModel(withDot, OnnxOptions.defaults()))
                .isInstanceOf(OnnxExportException.class).hasMessageContaining("dot_1").hasMessageContaining("Dot")
                .hasMessageContaining("opset 13");
        Model subclassed = new Model() {
            private final Dense inner = addChild(dense(2));

            @Override
            public Tensor forward(Tensor x, Mode mode) {
                return inner.call(x, mode);
            }
        };
        subclassed.build(List.<int[]>of(new int[] {3}));
        assertThatThrownBy(() -> OnnxExport.toModel(subclassed, OnnxOptions.defaults()))
                .isInstanceOf(OnnxExportException.class).hasMessageContaining("subclassed");
    }
}
