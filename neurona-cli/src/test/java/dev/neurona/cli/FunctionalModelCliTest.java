package dev.neurona.cli;

import static dev.neurona.cli.CliTest.onlyRun;
import static dev.neurona.cli.CliTest.run;
import static dev.neurona.nn.Layers.concatenate;
import static dev.neurona.nn.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.cli.CliTest.Result;
import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.Dataset;
import dev.neurona.data.OneHot;
import dev.neurona.models.Model;
import dev.neurona.nn.Input;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.onnx.OnnxImport;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read a model file (evaluate, predict, summary, export, plot) on functional
 * models: one input and one output go through the same CSV and data paths as a Sequential; more
 * inputs or outputs are a usage error naming the counts.
 */
class FunctionalModelCliTest {

    private static final List<String> CLASSES = List.of("north", "east", "south");

    /** Three blobs in the plane, labelled by name, as a CSV file of columns x, y, zone. */
    private static Path blobs(Path dir, int n, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("x,y,zone\n");
        double[][] centres = {{0, 2}, {2, 0}, {0, -2}};
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", centres[c][0] + 0.6 * r.nextGaussian(),
                    centres[c][1] + 0.6 * r.nextGaussian(), CLASSES.get(c)));
        }
        Path file = dir.resolve("zones-" + seed + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    /** The file's rows as a training set (one-hot targets) and the schema that read them. */
    private static CsvData read(Path file) {
        return new Csv().target("zone").read(file);
    }

    private static Dataset oneHot(CsvData read) {
        return Dataset.of(read.x(), OneHot.toCategorical(OneHot.classIds(read.y()), 3));
    }

    /** A functional model that is not a chain: the input joined to a hidden layer's output. */
    private static Model skipConnection(CsvData read) {
        SymbolicTensor x = Input.of(2);
        SymbolicTensor joined = concatenate().apply(x, dense(8, "tanh").apply(x));
        Model model = new Model(x, dense(3, "softmax").apply(joined)).seed(4);
        model.compile(new Adam(0.05), "categorical_crossentropy", "accuracy");
        model.preprocessing(read.schema());
        model.fit(oneHot(read), Fit.epochs(20).batchSize(16).seed(1).verbose(0));
        return model;
    }

    @Test
    void evaluatePredictAndSummaryReadAFunctionalModelFile(@TempDir Path tmp) throws Exception {
        CsvData train = read(blobs(tmp, 120, 1));
        Model model = skipConnection(train);
        Path file = tmp.resolve("functional.nrn");
        model.save(file);

        Path test = blobs(tmp, 30, 2);
        Map<String, Double> expected = model.evaluate(oneHot(read(test)));
        assertThat(expected.get("accuracy")).as("the model learned the zones").isGreaterThan(0.8);
        Result evaluate = run("evaluate", file.toString(), "--data", "csv:" + test);
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Scored all 30 rows of " + test)
                .contains(TrainCommand.format(expected));

        // columns in another order and no target: found by name through the saved schema
        Path input = tmp.resolve("new.csv");
        Files.writeString(input, "y,x\n2.1,0.1\n-0.2,1.9\n-1.8,0.2\n");
        Path output = tmp.resolve("predictions.csv");
        Result predict = run("predict", file.toString(), "--input", input.toString(), "--output", output.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> rows = Files.readAllLines(output);
        assertThat(train.classes()).as("classes in sorted order").containsExactly("east", "north", "south");
        assertThat(rows.get(0)).isEqualTo("p_east,p_north,p_south,zone");
        float[] p = model.predict(Tensor.of(new float[][] {{0.1f, 2.1f}, {1.9f, -0.2f}, {0.2f, -1.8f}})).toArray();
        for (int i = 0; i < 3; i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertThat(cells[3]).isEqualTo(CLASSES.get(i));
            for (int j = 0; j < 3; j++) {
                assertThat(Double.parseDouble(cells[j])).as("row %d, p_%s", i, train.classes().get(j))
                        .isCloseTo(p[i * 3 + j], within(1e-5));
            }
        }

        Result summary = run("summary", file.toString());
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.out()).isEqualTo(model.summaryString() + "Compiled with adam, loss categorical_crossentropy"
                + System.lineSeparator());
        assertThat(summary.out()).contains("Connected to", "concatenate_1 (Concatenate)");
    }

    @Test
    void exportWritesFunctionalModelsThatBranchAndNamesALayerWithoutMapping(@TempDir Path tmp) throws Exception {
        CsvData train = read(blobs(tmp, 60, 3));
        SymbolicTensor x = Input.of(2);
        Model chain = new Model(x, dense(3, "softmax").apply(dense(6, "relu").apply(x))).seed(2);
        chain.compile(new Adam(0.02), "categorical_crossentropy");
        chain.fit(oneHot(train), Fit.epochs(3).batchSize(16).verbose(0));
        Path chainFile = tmp.resolve("chain.nrn");
        chain.save(chainFile);

        Path onnx = tmp.resolve("chain.onnx");
        Result export = run("export", chainFile.toString(), "--out", onnx.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("Wrote " + onnx);
        Tensor points = Tensor.of(new float[][] {{0.5f, 1.5f}, {2f, -0.5f}, {-0.3f, -2f}});
        assertThat(OnnxImport.read(onnx).predict(points).toArray()).as("the ONNX file predicts as the functional model")
                .usingComparatorWithPrecision(1e-5f).containsExactly(chain.predict(points).toArray());

        Path branched = tmp.resolve("branched.nrn");
        skipConnection(train).save(branched);
        Result written = run("export", branched.toString(), "--out", tmp.resolve("b.onnx").toString());
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(OnnxImport.read(tmp.resolve("b.onnx")).predict(points).toArray())
                .as("the ONNX file of a graph that branches predicts as the model")
                .usingComparatorWithPrecision(1e-5f).containsExactly(Model.load(branched).predict(points).toArray());

        SymbolicTensor a = Input.of(2);
        SymbolicTensor b = Input.of(2);
        Model withDot = new Model(List.of(a, b), List.of(dev.neurona.nn.Layers.dot(1).apply(a, dense(2).apply(b))));
        withDot.compile("sgd", "mse");
        Path dotFile = tmp.resolve("dot.nrn");
        withDot.save(dotFile);
        Result refused = run("export", dotFile.toString(), "--out", tmp.resolve("dot.onnx").toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("export: " + dotFile + ": ", "dot_1", "no ONNX mapping at opset 13");
        assertThat(tmp.resolve("dot.onnx")).doesNotExist();
    }

    @Test
    void plotRegeneratesARunFolderWhoseModelIsFunctional(@TempDir Path tmp) throws Exception {
        Path data = blobs(tmp, 120, 5);
        Path runs = tmp.resolve("runs");
        Result train = run("train", "--data", "csv:" + data, "--target", "zone", "--layers", "4", "--epochs", "2",
                "--quiet", "--out", runs.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path runDir = onlyRun(runs);
        // the run's model replaced by a functional one trained on the same file
        skipConnection(read(data)).save(runDir.resolve("model.nrn"));
        try (var files = Files.list(runDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".png") || f.toString().endsWith(".html")).toList()) {
                Files.delete(f);
            }
        }
        Result plot = run("plot", runDir.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(plot.out()).contains("Wrote " + runDir.resolve("report.html"),
                "Wrote " + runDir.resolve("decision_boundary.png"));
        assertThat(runDir.resolve("confusion_matrix.png")).isRegularFile();
        assertThat(runDir.resolve("network.png")).as("a graph that branches has no network diagram").doesNotExist();
        assertThat(Files.readString(runDir.resolve("report.html"))).contains("Connected to", "concatenate_1",
                "Decision boundary");
    }

    @Test
    void aModelOfTwoInputsIsAUsageErrorNamingTheCounts(@TempDir Path tmp) throws Exception {
        SymbolicTensor a = Input.of(1).name("left");
        SymbolicTensor b = Input.of(1).name("right");
        Model model = new Model(List.of(a, b), List.of(dense(1).name("sum").apply(concatenate().apply(a, b))));
        model.compile("sgd", "mse");
        int n = 16;
        float[] l = new float[n];
        float[] r = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            l[i] = i / (float) n;
            r[i] = 1 - l[i] * l[i];
            y[i] = l[i] + r[i];
        }
        model.fit(List.of(Tensor.of(l, n, 1), Tensor.of(r, n, 1)), Tensor.of(y, n, 1), Fit.epochs(2).verbose(0));
        Path file = tmp.resolve("two.nrn");
        model.save(file);
        Path csv = tmp.resolve("pairs.csv");
        Files.writeString(csv, "left,right,sum\n0.1,0.9,1.0\n0.5,0.5,1.0\n");

        String counts = "holds a model of 2 inputs (left, right) and 1 output (sum)";
        Result evaluate = run("evaluate", file.toString(), "--data", "csv:" + csv, "--target", "sum");
        assertThat(evaluate.code()).isEqualTo(2);
        assertThat(evaluate.err()).contains("evaluate: " + file + " " + counts, "takes a model of 1 input and 1 output");
        Result predict = run("predict", file.toString(), "--input", csv.toString());
        assertThat(predict.code()).isEqualTo(2);
        assertThat(predict.err()).contains("predict: " + file + " " + counts, "from the CSV file's columns");
        Result export = run("export", file.toString(), "--out", tmp.resolve("two.onnx").toString());
        assertThat(export.code()).as("export writes models of several inputs").isZero();
        assertThat(tmp.resolve("two.onnx")).isRegularFile();
        Result summary = run("summary", file.toString());
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("left (InputLayer)", "right (InputLayer)", "sum (Dense)");
    }
}
