package dev.neurona.onnx;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurona.data.Datasets;
import dev.neurona.data.Split;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Networks trained on real data export to ONNX files that ONNX Runtime runs to the same outputs. */
class TrainedRealDataExportTest {

    @Test
    void digitsNetwork(@TempDir Path dir) throws Exception {
        Split digits = Datasets.digits();
        Sequential model = new Sequential(input(64), dense(32, "relu"), dense(10, "softmax")).seed(1);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(digits.train(), Fit.epochs(10).verbose(0));
        assertThat(model.evaluate(digits.test()).get("accuracy")).isGreaterThan(0.9);
        Path file = dir.resolve("digits.onnx");
        OnnxExport.write(model, file);
        Tensor x = digits.test().x();
        Ort.assertClose(Ort.run(file, "input", x), model.predict(x), "digits test set through ONNX Runtime");
    }

    @Test
    void fashionMnistNetwork(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        Split fashion = Datasets.fashionMnist();
        Sequential model = new Sequential(flatten(28, 28), dense(8, "relu"), dense(10, "softmax")).seed(1);
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        model.fit(fashion.train().slice(0, 20_000), Fit.epochs(1).verbose(0));
        Path file = dir.resolve("fashion.onnx");
        OnnxExport.write(model, file);
        Tensor x = fashion.test().x().slice(0, 2_000);
        Ort.assertClose(Ort.run(file, "input", x), model.predict(x), "Fashion-MNIST test images through ONNX Runtime");
    }
}
