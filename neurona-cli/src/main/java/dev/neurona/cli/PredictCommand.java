package dev.neurona.cli;

import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neurona predict}: a saved model's outputs for the rows of a CSV file, as a CSV with
 * the probabilities and the predicted class (classification) or the predicted values
 * (regression).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Writes a saved model's predictions for each row of a CSV file of features.",
        footer = {"", "Examples:", "  neurona predict runs/<id>/model.nrn --input new.csv",
                "  neurona predict model.nrn --input new.csv --output predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A saved model (.nrn).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "Features, one row per sample, in the training column order (a header row is detected).")
    Path input;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "Where to write the predictions (default: standard output).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Sequential loaded = Sequential.load(model);
        CsvData read = new Csv().noTarget().read(input);
        int[] expected = loaded.layers().get(0).inputShape();
        int features = read.x().dim(1);
        if (expected == null || Arrays.stream(expected).reduce(1, (a, b) -> a * b) != features) {
            throw new UsageException("--input " + input + " has " + features + " feature columns but the model expects "
                    + Arrays.toString(expected));
        }
        Tensor x = expected.length == 1 ? read.x() : read.x().reshape(prepend(read.x().dim(0), expected));
        Tensor y = loaded.predict(x);
        String kind = loaded.loss() == null ? "" : loaded.loss().name();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(out, y, kind);
            out.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(output)) {
                write(w, y, kind);
            }
            spec.commandLine().getOut().println("Wrote " + y.dim(0) + " predictions to " + output);
        }
        return 0;
    }

    private static int[] prepend(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** Header and rows: {@code p_0,…,p_k-1,class} for softmax, {@code probability,class} for sigmoid, else {@code y_0,…}. */
    static void write(Writer w, Tensor y, String loss) throws IOException {
        int n = y.dim(0);
        int k = y.size() / n;
        float[] d = y.data();
        boolean categorical = loss.contains("categorical");
        boolean binary = loss.contains("binary") && k == 1;
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < k; j++) {
            header.append(j == 0 ? "" : ",").append(binary ? "probability" : categorical ? "p_" + j : "y_" + j);
        }
        if (binary || categorical) {
            header.append(",class");
        }
        w.write(header + "\n");
        for (int i = 0; i < n; i++) {
            StringBuilder row = new StringBuilder();
            int best = 0;
            for (int j = 0; j < k; j++) {
                float v = d[i * k + j];
                row.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", v));
                if (v > d[i * k + best]) {
                    best = j;
                }
            }
            if (binary) {
                row.append(',').append(d[i] > 0.5f ? 1 : 0);
            } else if (categorical) {
                row.append(',').append(best);
            }
            w.write(row + "\n");
        }
        if (w instanceof BufferedWriter b) {
            b.flush();
        }
    }
}
