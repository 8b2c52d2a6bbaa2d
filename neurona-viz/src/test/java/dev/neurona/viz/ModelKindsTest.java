package dev.neurona.viz;

import static dev.neurona.nn.Layers.add;
import static dev.neurona.nn.Layers.concatenate;
import static dev.neurona.nn.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Dataset;
import dev.neurona.models.Model;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Input;
import dev.neurona.nn.Mode;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import dev.neurona.train.History;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pictures and the report take any {@link Model}: a functional chain draws as the same
 * Sequential does; a graph that is not a chain, a model of several inputs and a subclassed model
 * get what they can show, and the pictures they cannot get refuse, naming why.
 */
class ModelKindsTest {

    /** The XOR network of {@link Fixtures#xor()}, written as a functional model. */
    private static Model functionalXor() {
        SymbolicTensor x = Input.of(2);
        Model model = new Model(x, dense(1, "sigmoid").apply(dense(4, "tanh").apply(x))).seed(1);
        model.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
        model.fit(Fixtures.xorData(), Fit.epochs(300).batchSize(4).verbose(0));
        return model;
    }

    /** Two branches of the input added together: one input and one output, but not a chain. */
    private static Model branched() {
        SymbolicTensor x = Input.of(2);
        SymbolicTensor joined = add().apply(dense(4, "tanh").apply(x), dense(4, "relu").apply(x));
        Model model = new Model(x, dense(1, "sigmoid").apply(joined)).seed(2);
        model.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
        return model;
    }

    @Test
    void aFunctionalChainDrawsExactlyAsTheSameSequential() throws Exception {
        Sequential sequential = Fixtures.xor();
        Model functional = functionalXor();
        assertThat(functional.getWeights().get(0).toArray()).containsExactly(sequential.getWeights().get(0).toArray());

        Figure fromSequential = Plots.network(sequential);
        Figure fromFunctional = Plots.network(functional);
        assertThat(fromFunctional.seriesCount()).isEqualTo(3);
        assertThat(fromFunctional.title()).isEqualTo(fromSequential.title()).isEqualTo("Network: 2 \u2192 4 \u2192 1");
        assertSamePixels(Pictures.renderedPng(fromFunctional, 500, 300), Pictures.renderedPng(fromSequential, 500, 300));
        assertSamePixels(Pictures.renderedPng(Plots.decisionBoundary(functional, Fixtures.xorData()), 400, 300),
                Pictures.renderedPng(Plots.decisionBoundary(sequential, Fixtures.xorData()), 400, 300));
        assertThat(Plots.neuronMaps(functional, Fixtures.xorData()).seriesCount()).isEqualTo(4);
        assertThat(Report.figures(new ReportContent("f").model(functional).data(Fixtures.xorData())))
                .containsOnlyKeys("confusion_matrix", "decision_boundary", "neuron_maps", "network");
        assertThat(Report.confusion(functional, Fixtures.xorData())).isEqualTo(new int[][] {{2, 0}, {0, 2}});
    }

    @Test
    void aGraphThatIsNotAChainGetsItsPredictionsButNoDiagram() throws Exception {
        Model model = branched();
        Dataset xor = Fixtures.xorData();
        History history = model.fit(xor, Fit.epochs(5).batchSize(4).verbose(0));
        assertThatThrownBy(() -> Plots.network(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network: the functional model is not one chain")
                .hasMessageContaining("'add_1' (Add) joins branches");
        assertThatThrownBy(() -> Plots.neuronMaps(model, xor)).hasMessageContaining("neuronMaps: ")
                .hasMessageContaining("not one chain");

        Figure boundary = Plots.decisionBoundary(model, xor);
        assertThat(boundary.seriesCount()).isEqualTo(2);
        Pictures.renderedPng(boundary, 400, 300);
        ReportContent content = new ReportContent("branched").model(model).history(history).data(xor)
                .metrics(model.evaluate(xor));
        assertThat(Report.figures(content)).containsOnlyKeys("history", "confusion_matrix", "decision_boundary");
        String html = Report.html(content);
        Pictures.parseXml(html);
        assertThat(html).contains("Connected to", "add_1", "Decision boundary").doesNotContain("<h2>Network</h2>");
    }

    @Test
    void aModelOfTwoInputsGetsNoPredictionPicturesAndTheOnesAskedForRefuse() {
        SymbolicTensor a = Input.of(1).name("a");
        SymbolicTensor b = Input.of(1).name("b");
        Model model = new Model(List.of(a, b), List.of(dense(1).apply(concatenate().apply(a, b))));
        model.compile("sgd", "mse");
        Dataset data = pairs(16);
        model.build(List.of(new int[] {1}, new int[] {1}));

        Dataset flat = Dataset.of(Tensor.zeros(16, 2), Tensor.zeros(16, 1));
        assertThatThrownBy(() -> Plots.decisionBoundary(model, flat))
                .hasMessageContaining("Classifier: the model has 2 input(s) and 1 output(s)");
        assertThatThrownBy(() -> Plots.predictedVsActual(model, data))
                .hasMessageContaining("predictedVsActual: the model has 2 input(s) and 1 output(s)");
        assertThatThrownBy(() -> Plots.residuals(model, data)).hasMessageContaining("residuals: the model has 2 input(s)");
        assertThatThrownBy(() -> Plots.network(model))
                .hasMessageContaining("network: the functional model has 2 input(s) and 1 output(s)");
        ReportContent content = new ReportContent("two inputs").model(model).data(flat).task(ReportContent.Task.REGRESSION);
        assertThat(Report.figures(content)).isEmpty();
        assertThat(Report.html(content)).contains("Total params: 3");
    }

    /** Layers as fields, math in forward: its order is in its code, so no diagram, but its classes plot. */
    static final class SubclassedXor extends Model {
        final Dense hidden = addChild(dense(4, "tanh"));
        final Dense out = addChild(dense(1, "sigmoid"));

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            return out.call(hidden.call(x, mode), mode);
        }
    }

    @Test
    void aSubclassedModelClassifiesButIsNotDrawn() throws Exception {
        SubclassedXor model = new SubclassedXor();
        model.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
        Dataset xor = Fixtures.xorData();
        model.fit(xor, Fit.epochs(300).batchSize(4).verbose(0));
        assertThatThrownBy(() -> Plots.network(model)).hasMessageContaining("network: the model is a subclassed model "
                + "(SubclassedXor)");
        // sigmoid output: a class is the output thresholded at 0.5, as predict gives it
        Tensor corners = xor.x();
        float[] p = model.predict(corners).toArray();
        int[] ids = Classifier.of(model).classify(corners).ids();
        for (int i = 0; i < p.length; i++) {
            assertThat(ids[i]).as("corner " + i + " at p = " + p[i]).isEqualTo(p[i] > 0.5f ? 1 : 0);
        }
        assertThat(Report.figures(new ReportContent("sub").model(model).data(xor)))
                .containsOnlyKeys("confusion_matrix", "decision_boundary");
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        int differing = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                if (actual.getRGB(x, y) != expected.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels that differ").isZero();
    }

    /** Two one-column inputs and their sum as the target. */
    private static Dataset pairs(int n) {
        float[] a = new float[n];
        float[] b = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i / (float) n;
            b[i] = 1 - a[i] * a[i];
            y[i] = a[i] + b[i];
        }
        return Dataset.of(List.of(Tensor.of(a, n, 1), Tensor.of(b, n, 1)), List.of(Tensor.of(y, n, 1)));
    }
}
