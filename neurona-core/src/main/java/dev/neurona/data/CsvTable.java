package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read without a schema, after {@link CsvText} and {@link CsvColumns}: the target columns, the
 * numbers of the numeric columns, missing values (fail, drop or fill), and the assembled features,
 * targets and {@link TableSchema}.
 */
final class CsvTable {

    private final String source;
    private final List<String[]> rows;
    private final List<Long> lines;
    private final CsvText.Rows raw;
    private final Csv.Settings settings;
    private final Set<String> missingMarkers;
    private final Csv.Missing missing;
    private CsvColumns columns;
    private String[] names;
    private boolean hasHeader;

    CsvTable(CsvText.Rows raw, Csv.Settings settings) {
        this.raw = raw;
        this.source = raw.source();
        this.rows = raw.rows();
        this.lines = raw.lines();
        this.settings = settings;
        this.missingMarkers = settings.missingMarkers();
        this.missing = settings.missing();
    }

    CsvData convert() {
        hasHeader = settings.header() != null ? settings.header() : CsvColumns.detectHeader(rows, missingMarkers);
        columns = new CsvColumns(raw, hasHeader);
        names = columns.names;
        int first = columns.first;
        int width = columns.width;
        List<Integer> targets = targetColumns(width);
        boolean[] isCategorical = columns.types(settings.categorical(), settings.numeric(), missingMarkers);
        int n = rows.size() - first;
        double[][] values = parse(first, width, isCategorical);
        boolean[] keep = missingValues(first, width, targets, isCategorical, values);
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        if (kept == 0) {
            throw new DataFormatException(source, "no rows left after dropping the " + n + " rows with missing values");
        }
        return assemble(first, width, targets, isCategorical, values, keep, kept);
    }

    private String column(int c) {
        return columns.label(c);
    }

    private List<Integer> targetColumns(int width) {
        List<Integer> out = new ArrayList<>();
        List<String> targetNames = settings.targetNames();
        int[] targetIndices = settings.targetIndices();
        if (settings.noTarget()) {
            return out;
        }
        if (targetNames != null) {
            if (!hasHeader) {
                throw new DataFormatException(source, "target " + targetNames + " is named, but the file has no header row;"
                        + " select the target by index with targetColumns(...) or force header(true)");
            }
            for (String name : targetNames) {
                out.add(columns.index(name, "target column"));
            }
        } else if (targetIndices != null) {
            for (int i : targetIndices) {
                int c = i < 0 ? width + i : i;
                if (c < 0 || c >= width) {
                    throw new DataFormatException(source, "target column index " + i + " is outside the " + width
                            + " columns (0.." + (width - 1) + ", or -1 for the last)");
                }
                out.add(c);
            }
        } else {
            out.add(width - 1);
        }
        if (new LinkedHashSet<>(out).size() != out.size()) {
            throw new DataFormatException(source, "a target column is named twice: " + out);
        }
        if (out.size() == width) {
            throw new DataFormatException(source, "every column is a target; no feature columns are left");
        }
        return out;
    }

    /** Numeric cells as doubles; NaN marks a missing cell (and every categorical cell). */
    private double[][] parse(int first, int width, boolean[] isCategorical) {
        double[][] values = new double[rows.size() - first][width];
        for (int r = first; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < width; c++) {
                String v = row[c];
                if (isCategorical[c] || missingMarkers.contains(v)) {
                    values[r - first][c] = Double.NaN;
                    continue;
                }
                double value = CsvCells.value(v);
                if (Double.isNaN(value)) {
                    throw columns.badCell(r, c, CsvCells.problem(v), missingMarkers);
                }
                values[r - first][c] = value;
            }
        }
        return values;
    }

    private boolean[] missingValues(int first, int width, List<Integer> targets, boolean[] isCategorical, double[][] values) {
        int n = values.length;
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        for (int r = 0; r < n; r++) {
            String[] row = rows.get(r + first);
            for (int c = 0; c < width; c++) {
                if (!missingMarkers.contains(row[c])) {
                    continue;
                }
                boolean isTarget = targets.contains(c);
                if (missing == Csv.Missing.DROP) {
                    keep[r] = false;
                } else if (missing == Csv.Missing.ERROR || isTarget) {
                    throw MissingValueException.forJava(source, lines.get(r + first), column(c), row[c], isTarget);
                }
            }
        }
        if (missing == Csv.Missing.MEAN) {
            for (int c = 0; c < width; c++) {
                if (targets.contains(c)) {
                    continue;
                }
                if (isCategorical[c]) {
                    fillMostFrequent(first, c);
                } else {
                    fillMean(values, c);
                }
            }
        }
        return keep;
    }

    private void fillMean(double[][] values, int c) {
        double sum = 0;
        int count = 0;
        for (double[] row : values) {
            if (!Double.isNaN(row[c])) {
                sum += row[c];
                count++;
            }
        }
        if (count == 0) {
            throw new DataFormatException(source, 0, column(c), "every value is missing; there is no mean to fill in");
        }
        for (double[] row : values) {
            if (Double.isNaN(row[c])) {
                row[c] = sum / count;
            }
        }
    }

    private void fillMostFrequent(int first, int c) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int r = first; r < rows.size(); r++) {
            String v = rows.get(r)[c];
            if (!missingMarkers.contains(v)) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        String mode = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (mode == null || e.getValue() > counts.get(mode)) {
                mode = e.getKey();
            }
        }
        if (mode == null) {
            throw new DataFormatException(source, 0, column(c), "every value is missing; there is no most frequent value to fill in");
        }
        for (int r = first; r < rows.size(); r++) {
            if (missingMarkers.contains(rows.get(r)[c])) {
                rows.get(r)[c] = mode;
            }
        }
    }

    private CsvData assemble(int first, int width, List<Integer> targets, boolean[] isCategorical,
                             double[][] values, boolean[] keep, int kept) {
        Map<Integer, LabelEncoder> encoders = new HashMap<>();
        for (int c = 0; c < width; c++) {
            if (isCategorical[c]) {
                List<String> seen = new ArrayList<>();
                for (int r = 0; r < values.length; r++) {
                    if (keep[r]) {
                        seen.add(rows.get(r + first)[c]);
                    }
                }
                encoders.put(c, LabelEncoder.fit(seen));
            }
        }
        List<String> featureNames = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (targets.contains(c)) {
                continue;
            }
            if (isCategorical[c]) {
                for (String category : encoders.get(c).classes()) {
                    featureNames.add(names[c] + "=" + category);
                }
            } else {
                featureNames.add(names[c]);
            }
        }
        int f = featureNames.size();
        float[] x = new float[kept * f];
        int out = 0;
        for (int r = 0; r < values.length; r++) {
            if (!keep[r]) {
                continue;
            }
            int j = 0;
            for (int c = 0; c < width; c++) {
                if (targets.contains(c)) {
                    continue;
                }
                if (isCategorical[c]) {
                    LabelEncoder enc = encoders.get(c);
                    x[out * f + j + enc.encode(rows.get(r + first)[c])] = 1f;
                    j += enc.size();
                } else {
                    x[out * f + j++] = (float) values[r][c];
                }
            }
            out++;
        }
        List<String> targetNames = new ArrayList<>();
        for (int c : targets) {
            targetNames.add(names[c]);
        }
        Target y = targets(first, targets, isCategorical, encoders, values, keep, kept);
        TableSchema found = CsvSchemas.describe(names, hasHeader, targets, isCategorical, encoders,
                rows.subList(first, rows.size()), values, keep);
        return new CsvData(Tensor.of(x, kept, f), y.values, featureNames, targetNames, y.classes, values.length - kept,
                found, CsvSchemas.keptLines(lines.subList(first, lines.size()), keep));
    }

    private record Target(Tensor values, List<String> classes) {
    }

    private Target targets(int first, List<Integer> targets, boolean[] isCategorical, Map<Integer, LabelEncoder> encoders,
                           double[][] values, boolean[] keep, int kept) {
        if (targets.isEmpty()) {
            return new Target(null, List.of());
        }
        boolean anyCategorical = targets.stream().anyMatch(c -> isCategorical[c]);
        if ((anyCategorical || settings.oneHotTarget()) && targets.size() > 1) {
            throw new DataFormatException(source, "a categorical (or one-hot) target must be the only target column, got "
                    + targets.size() + " targets");
        }
        int t = targets.size();
        float[] y = new float[kept * t];
        int out = 0;
        for (int r = 0; r < values.length; r++) {
            if (!keep[r]) {
                continue;
            }
            for (int j = 0; j < t; j++) {
                int c = targets.get(j);
                y[out * t + j] = isCategorical[c] ? encoders.get(c).encode(rows.get(r + first)[c]) : (float) values[r][c];
            }
            out++;
        }
        Tensor ids = Tensor.of(y, kept, t);
        List<String> classes = anyCategorical ? encoders.get(targets.get(0)).classes() : List.of();
        if (!settings.oneHotTarget()) {
            return new Target(ids, classes);
        }
        try {
            return new Target(anyCategorical ? OneHot.toCategorical(ids, classes.size()) : OneHot.toCategorical(ids), classes);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(source, 0, column(targets.get(0)), "cannot one-hot encode the target: " + e.getMessage());
        }
    }
}
