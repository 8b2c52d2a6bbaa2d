package dev.neurona.viz;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.perceptron.OneVsRestPerceptron;
import dev.neurona.perceptron.Perceptron;
import dev.neurona.perceptron.PerceptronResult;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.History;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlotsTest {

    @Test
    void historyDrawsTrainingAndValidationOfEachQuantity() throws Exception {
        History h = new History();
        for (int e = 0; e < 5; e++) {
            h.add(Map.of("loss", 1.0 / (e + 1), "accuracy", 0.5 + 0.1 * e, "val_loss", 1.2 / (e + 1),
                    "val_accuracy", 0.45 + 0.1 * e, "lr", 0.01));
        }
        Figure f = Plots.history(h);
        assertThat(f.seriesCount()).isEqualTo(4);
        Pictures.renderedPng(f, 640, 320);
    }

    @Test
    void historyOfATrainingRunWithoutValidation() throws Exception {
        Figure f = Plots.history(Fixtures.xorHistory());
        assertThat(f.seriesCount()).isEqualTo(2);   // loss, accuracy
        Pictures.renderedPng(f, 500, 300);
        assertThatThrownBy(() -> Plots.history(new History())).hasMessageContaining("no epochs");
    }

    @Test
    void decisionBoundaryOfTrainedXorColoursTheTwoClassesDifferently() throws Exception {
        Sequential model = Fixtures.xor();
        Dataset xor = Fixtures.xorData();
        assertThat(model.evaluate(xor).get("accuracy")).isEqualTo(1.0);
        Figure f = Plots.decisionBoundary(model, xor);
        assertThat(f.seriesCount()).isEqualTo(2);
        BufferedImage image = Pictures.renderedPng(f, 600, 500);
        float[][] x = xor.x().toArray2d();
        float[] y = xor.y().toArray();
        for (int i = 0; i < x.length; i++) {
            // a few pixels outwards from the corner, beside its marker, still well inside its quadrant
            Point2D p = f.withSize(600, 500).pixelOf(x[i][0] * 1.12, x[i][1] * 1.12).orElseThrow();
            int rgb = image.getRGB((int) p.getX(), (int) p.getY());
            String where = "(" + x[i][0] + ", " + x[i][1] + ") -> pixel " + p + " rgb " + Integer.toHexString(rgb);
            if (y[i] == 1f) {
                assertThat(Pictures.orangish(rgb)).as("class 1 at " + where).isTrue();
            } else {
                assertThat(Pictures.bluish(rgb)).as("class 0 at " + where).isTrue();
            }
        }
    }

    @Test
    void decisionBoundaryOfAMultiClassNetwork() throws Exception {
        Dataset blobs = Datasets.blobs(60, 3, 1.0, 3);
        Sequential model = new Sequential(input(2), dense(8, "relu"), dense(3, "softmax")).seed(2);
        model.compile(new Adam(0.01), "categorical_crossentropy");
        Figure f = Plots.decisionBoundary(model, blobs);
        assertThat(f.seriesCount()).isEqualTo(3);
        Pictures.renderedPng(f, 400, 300);
    }

    @Test
    void decisionBoundaryAndStepsOfAPerceptron() throws Exception {
        Dataset data = Datasets.and();
        Tensor labels = data.y().mul(2f).sub(1f);   // 0/1 -> -1/+1
        Dataset signed = Dataset.of(data.x(), labels);
        PerceptronResult r = new Perceptron().shuffle(false).maxEpochs(50).fit(data.x(), labels);
        assertThat(r.converged()).isTrue();
        Figure boundary = Plots.decisionBoundary(r, signed);
        assertThat(boundary.seriesCount()).isEqualTo(2);
        BufferedImage image = Pictures.renderedPng(boundary, 400, 400);
        Point2D on = boundary.withSize(400, 400).pixelOf(1.15, 1.15).orElseThrow();
        Point2D off = boundary.withSize(400, 400).pixelOf(-1.15, -1.15).orElseThrow();
        assertThat(Pictures.orangish(image.getRGB((int) on.getX(), (int) on.getY()))).isTrue();
        assertThat(Pictures.bluish(image.getRGB((int) off.getX(), (int) off.getY()))).isTrue();

        int lines = 0;
        for (int e = 1; e <= r.epochs(); e++) {
            float[] w = r.weightsAfterEpoch(e);
            lines += w[1] != 0 || w[2] != 0 ? 1 : 0;
        }
        Figure steps = Plots.perceptronSteps(r, signed);
        assertThat(steps.seriesCount()).isEqualTo(2 + lines);
        assertThat(lines).isPositive();
        Pictures.renderedPng(steps, 500, 400);
    }

    @Test
    void perceptronStepsShowAtMostTwelveLinesWithTheLast() {
        assertThat(ClassPlots.shownEpochs(5)).containsExactly(1, 2, 3, 4, 5);
        List<Integer> many = ClassPlots.shownEpochs(100);
        assertThat(many).hasSize(12).startsWith(1).endsWith(100).isSorted();
    }

    @Test
    void lineClippingKeepsThePartInsideTheBox() {
        Box box = new Box(-1, 1, -1, 1);
        double[][] s = ClassPlots.clip(0, 1, -1, box);   // x - y = 0: the diagonal
        assertThat(s[0]).containsExactlyInAnyOrder(-1.0, 1.0);
        assertThat(ClassPlots.clip(5, 1, 0, box)).isNull();   // x = -5 misses the box
        assertThat(ClassPlots.clip(1, 0, 0, box)).isNull();   // no line at all
    }

    @Test
    void decisionBoundaryOfOneVsRestPerceptrons() throws Exception {
        Dataset blobs = Datasets.blobs(45, 3, 0.5, 4);
        var r = new OneVsRestPerceptron(new Perceptron().maxEpochs(20)).fit(blobs.x(), blobs.y());
        Figure f = Plots.decisionBoundary(r, blobs);
        assertThat(f.seriesCount()).isEqualTo(3);
        Pictures.renderedPng(f, 300, 300);
    }

    @Test
    void optimizerPathsOnEachTestFunction() throws Exception {
        for (Function2d fn : List.of(Function2d.bowl(), Function2d.rosenbrock(), Function2d.beale(),
                Function2d.saddle())) {
            Figure f = Plots.optimizerPaths(fn, 40, new SGD(1e-3), new SGD(1e-3).momentum(0.9), new RMSprop(0.01),
                    new Adam(0.05));
            assertThat(f.seriesCount()).as(fn.name()).isEqualTo(1 + 4 + (fn.minimum() == null ? 0 : 1));
            Pictures.renderedPng(f, 450, 300);
        }
    }

    @Test
    void optimizerPathsFollowTheLibrarysOptimizers() {
        Function2d bowl = Function2d.bowl();
        double[][] path = Descent.path(bowl, new Adam(0.5), 200);
        assertThat(path[0]).hasSize(201);
        assertThat(path[0][0]).isEqualTo(-5.0);
        assertThat(path[1][0]).isEqualTo(-2.0);
        int last = path[0].length - 1;
        assertThat(bowl.valueAt(path[0][last], path[1][last])).isLessThan(0.01 * bowl.valueAt(-5, -2));
        // one SGD step by hand: (x, y) - lr * (0.2x, 4y)
        double[][] one = Descent.path(bowl, new SGD(0.1), 1);
        assertThat(one[0][1]).isCloseTo(-5 - 0.1 * 0.2 * -5, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(one[1][1]).isCloseTo(-2 - 0.1 * 4 * -2, org.assertj.core.data.Offset.offset(1e-5));
        // a diverging run stops once it has left the picture
        assertThat(Descent.path(bowl, new SGD(1.0), 500)[0].length).isLessThan(20);
    }

    @Test
    void optimizerLabelsNameTheSettingsThatDiffer() {
        assertThat(OptimizerPlots.label(new SGD(0.01))).isEqualTo("sgd (lr 0.01)");
        assertThat(OptimizerPlots.label(new SGD(0.01).momentum(0.9))).isEqualTo("sgd (lr 0.01, momentum 0.9)");
    }

    @Test
    void learningRatesTooSmallGoodAndTooLarge() throws Exception {
        Figure f = Plots.learningRates(Function1d.parabola(), 0.05, 0.4, 1.05);
        assertThat(f.seriesCount()).isEqualTo(6);
        Pictures.renderedPng(f, 900, 300);
        Function1d p = Function1d.parabola();
        double[] small = Descent.path(p, new SGD(0.05), 12);
        double[] good = Descent.path(p, new SGD(0.4), 12);
        double[] large = Descent.path(p, new SGD(1.05), 12);
        assertThat(small[1]).isCloseTo(1.6 * 0.9, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(Math.abs(good[12])).isLessThan(1e-6);
        assertThat(Math.abs(large[large.length - 1])).isGreaterThan(1.6);
    }

    @Test
    void confusionMatrix() throws Exception {
        Figure f = Plots.confusionMatrix(new int[][] {{5, 1}, {2, 7}}, List.of("no", "yes"));
        assertThat(f.seriesCount()).isEqualTo(1);
        Pictures.renderedPng(f, 300, 300);
        assertThatThrownBy(() -> Plots.confusionMatrix(new int[][] {{1, 2}, {3}})).hasMessageContaining("square");
        assertThatThrownBy(() -> Plots.confusionMatrix(new int[][] {{1, 2}, {3, 4}}, List.of("a")))
                .hasMessageContaining("1 labels for 2 classes");
    }

    @Test
    void activationsAndTheirDerivatives() throws Exception {
        Figure all = Plots.activations();
        assertThat(all.seriesCount()).isEqualTo(18);
        Pictures.renderedPng(all, 900, 600);
        assertThat(Plots.activations("relu", "tanh").seriesCount()).isEqualTo(4);
        assertThatThrownBy(() -> Plots.activations("softmax")).hasMessageContaining("not elementwise");
        assertThatThrownBy(() -> Plots.activations("nope")).hasMessageContaining("relu");
    }

    @Test
    void networkDiagramHasOneColumnPerLayer() throws Exception {
        Figure f = Plots.network(Fixtures.xor());
        assertThat(f.seriesCount()).isEqualTo(3);   // input, hidden, output
        assertThat(f.pixelOf(0, 0)).isEmpty();
        Pictures.renderedPng(f, 500, 300);
        Sequential wide = new Sequential(input(30), dense(64, "relu"), dense(10, "softmax"));
        wide.build(30);
        assertThat(NetworkPlots.shown(64)).hasSize(10).contains(-1).endsWith(63);
        Pictures.renderedPng(Plots.network(wide), 500, 400);
    }

    @Test
    void neuronMapsOneTilePerHiddenNeuron() throws Exception {
        Sequential deep = new Sequential(input(2), dense(5, "relu"), dense(3, "sigmoid"), dense(1, "sigmoid"));
        deep.build(2);
        Figure f = Plots.neuronMaps(deep, Datasets.moons(40, 0.1, 1));
        assertThat(f.seriesCount()).isEqualTo(8);
        Pictures.renderedPng(f, 500, 260);
        assertThatThrownBy(() -> Plots.neuronMaps(new Sequential(input(2), dense(1, "sigmoid")).build(2),
                Fixtures.xorData())).hasMessageContaining("no hidden");
    }

    @Test
    void badInputsAreNamed() {
        Dataset threeD = Dataset.of(new float[][] {{1, 2, 3}}, new float[][] {{1}});
        assertThatThrownBy(() -> Plots.decisionBoundary(Fixtures.xor(), threeD)).hasMessageContaining("[n, 2]");
        assertThatThrownBy(() -> Plots.optimizerPaths(Function2d.bowl())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Plots.learningRates(Function1d.parabola())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Box(1, 0, 0, 1)).hasMessageContaining("xMin < xMax");
    }
}
