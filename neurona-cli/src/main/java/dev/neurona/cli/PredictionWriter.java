package dev.neurona.cli;

import dev.neurona.data.TableSchema;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV that {@code neurona predict} writes, one row per input row. With the schema of a model
 * trained on a CSV file, the columns are named after its target:
 *
 * <ul>
 *   <li>softmax classification: {@code p_<label>} per class, then the target column holding the
 *       predicted label ({@code p_setosa,p_versicolor,p_virginica,species});</li>
 *   <li>sigmoid (binary) classification: {@code p_<positive label>} (the label of class 1), then the
 *       target column with the predicted label;</li>
 *   <li>anything else (regression): the target column(s) ({@code price}), or {@code <target>_<j>}
 *       when the outputs outnumber the targets.</li>
 * </ul>
 *
 * Without labels (numeric class ids) a label is the class id. Models without a schema keep the
 * older names: {@code p_0,…,class}, {@code probability,class}, {@code y_0,…}. With
 * {@code --missing drop}, a first column {@code row} gives each prediction's line in the input.
 */
final class PredictionWriter {

    private enum Kind { CLASSES, BINARY, VALUES }

    private final Kind kind;
    private final List<String> header = new ArrayList<>();
    private final List<String> labels;

    private PredictionWriter(Kind kind, List<String> labels) {
        this.kind = kind;
        this.labels = labels;
    }

    /** The writer for a model with {@code outputs} outputs per sample, its loss and its schema (or {@code null}). */
    static PredictionWriter of(String loss, int outputs, TableSchema schema, boolean rowColumn) {
        boolean categorical = loss.contains("categorical");
        boolean binary = loss.contains("binary") && outputs == 1;
        Kind kind = binary ? Kind.BINARY : categorical ? Kind.CLASSES : Kind.VALUES;
        int classes = binary ? 2 : outputs;
        List<String> names = schema != null && schema.labels().size() == classes ? schema.labels() : ids(classes);
        PredictionWriter w = new PredictionWriter(kind, names);
        if (rowColumn) {
            w.header.add("row");
        }
        List<String> targets = schema == null ? List.of() : schema.targets();
        String target = targets.size() == 1 ? targets.get(0) : null;
        if (schema == null) {
            for (int j = 0; j < outputs; j++) {
                w.header.add(binary ? "probability" : categorical ? "p_" + j : "y_" + j);
            }
            if (kind != Kind.VALUES) {
                w.header.add("class");
            }
        } else if (kind == Kind.CLASSES) {
            names.forEach(n -> w.header.add("p_" + n));
            w.header.add(target != null ? target : "class");
        } else if (kind == Kind.BINARY) {
            w.header.add("p_" + names.get(1));
            w.header.add(target != null ? target : "class");
        } else if (targets.size() == outputs) {
            w.header.addAll(targets);
        } else {
            String base = target != null ? target : "y";
            for (int j = 0; j < outputs; j++) {
                w.header.add(base + "_" + j);
            }
        }
        return w;
    }

    private static List<String> ids(int k) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(String.valueOf(i));
        }
        return out;
    }

    /** The header cells. */
    List<String> header() {
        return header;
    }

    /** Writes the header and a row per sample; {@code lines} (or {@code null}) fills the {@code row} column. */
    void write(Writer w, Tensor y, long[] lines) throws IOException {
        int n = y.dim(0);
        int k = y.size() / n;
        float[] d = y.toArray();
        w.write(String.join(",", header.stream().map(PredictionWriter::cell).toList()) + "\n");
        for (int i = 0; i < n; i++) {
            StringBuilder row = new StringBuilder();
            if (lines != null) {
                row.append(lines[i]).append(',');
            }
            int best = 0;
            for (int j = 0; j < k; j++) {
                float v = d[i * k + j];
                row.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", v));
                if (v > d[i * k + best]) {
                    best = j;
                }
            }
            if (kind == Kind.BINARY) {
                row.append(',').append(cell(labels.get(d[i] > 0.5f ? 1 : 0)));
            } else if (kind == Kind.CLASSES) {
                row.append(',').append(cell(labels.get(best)));
            }
            w.write(row + "\n");
        }
        w.flush();
    }

    /** A CSV cell, quoted when it holds a delimiter, quote, line break or outer space. */
    static String cell(String s) {
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || !s.equals(s.strip());
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
