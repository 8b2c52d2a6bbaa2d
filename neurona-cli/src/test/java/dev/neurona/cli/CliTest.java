package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.onnx.OnnxImport;
import dev.neurona.tensor.Tensor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process. */
class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Neurona.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static Path onlyRun(Path runs) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void trainThenEvaluateThenPredictThenSummary(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        Result train = run("train", "--data", "iris", "--layers", "16", "--epochs", "60", "--batch-size", "16",
                "--lr", "0.01", "--out", runs.toString(), "--quiet");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("Training on iris: 120 train / 30 test samples", "Test loss: ", "accuracy: ");
        Path run = onlyRun(runs);
        assertThat(run.getFileName().toString()).endsWith("-iris");
        for (String f : List.of("model.nrn", "history.csv", "metrics.json", "config.json", "report.html",
                "history.png", "confusion_matrix.png", "network.png")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
            assertThat(Files.size(run.resolve(f))).as(f).isPositive();
        }
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(61);
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        double accuracy = metrics.get("test").get("accuracy").asDouble();
        assertThat(accuracy).isGreaterThan(0.85);
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertThat(config.get("optimizer").get("name").asText()).isEqualTo("adam");

        Sequential loaded = Sequential.load(run.resolve("model.nrn"));
        assertThat(loaded.countParams()).isEqualTo(8 + 4 * 16 + 16 + 16 * 3 + 3);

        Result evaluate = run("evaluate", run.resolve("model.nrn").toString(), "--data", "iris");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains(String.format(java.util.Locale.ROOT, "accuracy: %.4f", accuracy));

        Path input = tmp.resolve("flowers.csv");
        Files.writeString(input, "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        Path output = tmp.resolve("predictions.csv");
        Result predict = run("predict", run.resolve("model.nrn").toString(), "--input", input.toString(),
                "--output", output.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> rows = Files.readAllLines(output);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo("p_0,p_1,p_2,class");
        assertThat(rows.get(1)).endsWith(",0");   // a setosa
        assertThat(rows.get(2)).endsWith(",2");   // a virginica

        Path onnx = tmp.resolve("iris.onnx");
        Result export = run("export", run.resolve("model.nrn").toString(), "--format", "onnx", "--out", onnx.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Tensor flower = Tensor.of(new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});
        assertThat(OnnxImport.read(onnx).predict(flower).toArray()).as("the ONNX file read back predicts alike")
                .usingComparatorWithPrecision(1e-5f).containsExactly(loaded.predict(flower).toArray());
        assertThat(run("export", run.resolve("model.nrn").toString(), "--format", "tflite", "--out", onnx.toString()).code())
                .isEqualTo(2);

        Files.delete(run.resolve("report.html"));
        Files.delete(run.resolve("history.png"));
        Result plot = run("plot", run.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(run.resolve("report.html")).isRegularFile();
        assertThat(run.resolve("history.png")).isRegularFile();
        assertThat(Files.readString(run.resolve("report.html"))).contains("<svg", "accuracy");

        Result summary = run("summary", run.resolve("model.nrn").toString());
        assertThat(summary.out()).contains("normalization_1 (Normalization)", "dense_1 (Dense)", "Total params: 139");
    }

    @Test
    void csvRegressionWithATargetColumn(@TempDir Path tmp) throws Exception {
        StringBuilder csv = new StringBuilder("size,rooms,price\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            double size = 50 + 100 * r.nextDouble();
            int rooms = 1 + r.nextInt(5);
            csv.append(String.format(java.util.Locale.ROOT, "%.1f,%d,%.2f%n", size, rooms, 2 * size + 10 * rooms + r.nextGaussian()));
        }
        Path file = tmp.resolve("houses.csv");
        Files.writeString(file, csv);
        Result train = run("train", "--data", "csv:" + file, "--target", "price", "--layers", "16", "--epochs", "80",
                "--lr", "0.01", "--out", tmp.resolve("runs").toString(), "--quiet", "--early-stopping", "10");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("Test loss: ", "mae: ");
        JsonNode config = new ObjectMapper().readTree(onlyRun(tmp.resolve("runs")).resolve("config.json").toFile());
        assertThat(config.get("task").asText()).isEqualTo("regression");
        assertThat(config.get("loss").asText()).isEqualTo("mse");
    }

    @Test
    void aJsonModelSpecInsteadOfFlags(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, "{\"layers\": [{\"type\": \"Dense\", \"units\": 8, \"activation\": \"tanh\"},"
                + " {\"type\": \"Dropout\", \"rate\": 0.1}, {\"type\": \"Dense\", \"units\": 1, \"activation\": \"sigmoid\"}]}");
        Result train = run("train", "--data", "moons", "--model", spec.toString(), "--epochs", "5", "--quiet",
                "--out", tmp.resolve("runs").toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("dense_1 (Dense)", "dropout_1 (Dropout)", "(None, 1)");
        Path run = onlyRun(tmp.resolve("runs"));
        assertThat(run.resolve("decision_boundary.png")).as("2-D data get a decision boundary").isRegularFile();
    }

    @Test
    void perceptronPrintsMistakesPerEpoch() {
        Result and = run("perceptron", "--data", "and");
        assertThat(and.code()).isZero();
        assertThat(and.out()).contains("epoch   1:", "Converged after", "training accuracy: 1.0000");
        Result xor = run("perceptron", "--data", "xor", "--max-epochs", "10");
        assertThat(xor.out()).contains("epoch  10: 4 mistakes", "Did not converge in 10 epochs");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : List.of("train", "evaluate", "predict", "summary", "export", "plot", "perceptron")) {
            Result help = run(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).as(command).contains("Usage: neurona " + command).contains("Example");
        }
        assertThat(run("--help").out()).contains("train", "evaluate", "predict", "summary", "perceptron");
    }

    @Test
    void usageErrorsExitWithTwoAndFailuresWithOneInOneLine(@TempDir Path tmp) {
        Result unknownOption = run("train", "--epoks", "3");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("unknown option '--epoks'", "did you mean '--epochs'");

        Result unknownData = run("train", "--data", "cifar", "--out", tmp.toString());
        assertThat(unknownData.code()).isEqualTo(2);
        assertThat(unknownData.err().strip()).startsWith("neurona: error: --data cifar: unknown data set").doesNotContain("\tat ");

        Result missingModel = run("summary", tmp.resolve("nope.nrn").toString());
        assertThat(missingModel.code()).isEqualTo(1);
        assertThat(missingModel.err()).startsWith("neurona: error: ").doesNotContain("\tat ");
        assertThat(run("summary", tmp.resolve("nope.nrn").toString(), "--verbose").err()).contains("\tat ");
    }
}
