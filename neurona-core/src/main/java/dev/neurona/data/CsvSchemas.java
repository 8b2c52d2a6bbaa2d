package dev.neurona.data;

import dev.neurona.names.Names;
import dev.neurona.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schema side of {@link Csv}: the {@link TableSchema} of a file just read, and reading a file
 * with a given schema ({@link Csv#schema}).
 */
final class CsvSchemas {

    private CsvSchemas() {
    }

    /**
     * The schema of a read: each column with its type, categories and target flag, and as fill value
     * the mean (numeric) or most frequent value (categorical) of the rows kept.
     */
    static TableSchema describe(String[] names, boolean header, List<Integer> targets, boolean[] isCategorical,
                                Map<Integer, LabelEncoder> encoders, List<String[]> dataRows, double[][] values,
                                boolean[] keep) {
        List<TableSchema.Column> columns = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            boolean target = targets.contains(c);
            if (isCategorical[c]) {
                columns.add(new TableSchema.Column(names[c], TableSchema.Type.CATEGORICAL, encoders.get(c).classes(),
                        target ? null : mostFrequent(dataRows, c, keep), target));
            } else {
                columns.add(new TableSchema.Column(names[c], TableSchema.Type.NUMERIC, List.of(),
                        target ? null : mean(values, c, keep), target));
            }
        }
        return new TableSchema(columns, header);
    }

    private static String mean(double[][] values, int c, boolean[] keep) {
        double sum = 0;
        int count = 0;
        for (int r = 0; r < values.length; r++) {
            if (keep[r] && !Double.isNaN(values[r][c])) {
                sum += values[r][c];
                count++;
            }
        }
        return count == 0 ? null : Double.toString(sum / count);
    }

    /** The most frequent value; a tie goes to the first in sorted order (as {@link Csv.Missing#MEAN} fills). */
    private static String mostFrequent(List<String[]> dataRows, int c, boolean[] keep) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                counts.merge(dataRows.get(r)[c], 1, Integer::sum);
            }
        }
        String mode = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (mode == null || e.getValue() > counts.get(mode)) {
                mode = e.getKey();
            }
        }
        return mode;
    }

    /** The lines of the kept rows. */
    static long[] keptLines(List<Long> lines, boolean[] keep) {
        long[] out = new long[keep.length];
        int k = 0;
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                out[k++] = lines.get(r);
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** One read of raw rows with a schema. */
    static final class Reader {
        private final TableSchema schema;
        private final CsvText.Rows raw;
        private final String source;
        private final List<String[]> rows;
        private final List<Long> lines;
        private final Boolean header;
        private final boolean noTarget;
        private final Csv.Missing missing;
        private final Set<String> missingMarkers;
        private final boolean oneHotTarget;
        private CsvColumns fileColumns;
        private String[] names;
        private boolean hasHeader;

        Reader(TableSchema schema, CsvText.Rows raw, Csv.Settings settings) {
            this.schema = schema;
            this.raw = raw;
            this.source = raw.source();
            this.rows = raw.rows();
            this.lines = raw.lines();
            this.header = settings.header();
            this.noTarget = settings.noTarget();
            this.missing = settings.missing();
            this.missingMarkers = settings.missingMarkers();
            this.oneHotTarget = settings.oneHotTarget();
        }

        CsvData read() {
            String[] top = rows.get(0);
            hasHeader = header != null ? header : schema.header() && namesAnyColumn(top);
            fileColumns = new CsvColumns(raw, hasHeader);
            names = top;
            int width = top.length;
            int first = fileColumns.first;
            List<TableSchema.Column> columns = schema.columns();
            int[] at = hasHeader ? byName(top) : byPosition(width);
            List<Integer> features = new ArrayList<>();
            List<Integer> targets = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                (columns.get(i).target() ? targets : features).add(i);
            }
            boolean readTarget = !noTarget && !targets.isEmpty() && targets.stream().allMatch(i -> at[i] >= 0);
            List<Integer> used = new ArrayList<>(features);
            if (readTarget) {
                used.addAll(targets);
            }
            return assemble(first, at, features, readTarget ? targets : List.of(), used);
        }

        private boolean namesAnyColumn(String[] top) {
            List<String> cells = Arrays.asList(top);
            return schema.columns().stream().anyMatch(c -> cells.contains(c.name()));
        }

        /** Each schema column's index in the file, by header name (the file's names are distinct); -1 for an absent target. */
        private int[] byName(String[] top) {
            Map<String, Deque<Integer>> where = new HashMap<>();
            for (int c = 0; c < top.length; c++) {
                where.computeIfAbsent(top[c], k -> new ArrayDeque<>()).add(c);
            }
            List<TableSchema.Column> columns = schema.columns();
            int[] at = new int[columns.size()];
            List<String> absent = new ArrayList<>();
            List<String> absentNames = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                Deque<Integer> q = where.get(columns.get(i).name());
                at[i] = q == null || q.isEmpty() ? -1 : q.poll();
                if (at[i] < 0 && !columns.get(i).target()) {
                    absent.add(CsvCells.quote(columns.get(i).name()));
                    absentNames.add(columns.get(i).name());
                }
            }
            if (!absent.isEmpty()) {
                String near = absent.size() == 1 ? Names.closest(absentNames.get(0), Arrays.asList(top)) : null;
                throw new DataFormatException(source, (absent.size() == 1 ? "has no column " : "has no columns ")
                        + String.join(", ", absent) + ", which the model needs; the file's columns are "
                        + CsvCells.shownAll(Arrays.asList(top)) + ", the model's features " + CsvCells.shownAll(
                        schema.features().stream().map(TableSchema.Column::name).toList())
                        + (near != null ? "; did you mean " + CsvCells.quote(near) + "?" : ""));
            }
            return at;
        }

        /** Without a header: every column in training order, or only the features in that order. */
        private int[] byPosition(int width) {
            List<TableSchema.Column> columns = schema.columns();
            int[] at = new int[columns.size()];
            if (width == columns.size()) {
                for (int i = 0; i < at.length; i++) {
                    at[i] = i;
                }
                return at;
            }
            List<String> features = schema.features().stream().map(TableSchema.Column::name).toList();
            if (width != features.size()) {
                throw new DataFormatException(source, "has " + width + " columns and no header row naming them"
                        + (schema.header() ? " (none of its first row's cells names a column of the model)" : "")
                        + "; the model reads " + (schema.header() ? "a header naming its columns " + features
                        + " (in any order), or " : "") + "the " + features.size() + " feature columns in training order"
                        + (features.size() == columns.size() ? "" : ", or all " + columns.size() + " columns"));
            }
            for (int i = 0, f = 0; i < at.length; i++) {
                at[i] = columns.get(i).target() ? -1 : f++;
            }
            return at;
        }

        private String column(int c) {
            return fileColumns.label(c);
        }

        private CsvData assemble(int first, int[] at, List<Integer> features, List<Integer> targets, List<Integer> used) {
            List<TableSchema.Column> columns = schema.columns();
            Map<Integer, Map<String, Integer>> codes = new HashMap<>();
            for (int i : used) {
                List<String> categories = columns.get(i).categories();
                Map<String, Integer> code = new HashMap<>();
                for (int k = 0; k < categories.size(); k++) {
                    code.put(categories.get(k), k);
                }
                codes.put(i, code);
            }
            int n = rows.size() - first;
            int width = schema.width();
            float[] x = new float[Math.multiplyExact(n, width)];
            float[] y = new float[Math.multiplyExact(n, targets.size())];
            boolean[] keep = new boolean[n];
            int kept = 0;
            for (int r = 0; r < n; r++) {
                String[] row = rows.get(r + first);
                long line = lines.get(r + first);
                if (hasMissing(row, line, at, used)) {
                    continue;
                }
                int j = 0;
                for (int i : features) {
                    TableSchema.Column col = columns.get(i);
                    String v = cell(row, line, at[i], col);
                    if (col.type() == TableSchema.Type.NUMERIC) {
                        x[kept * width + j++] = (float) number(v, line, at[i], col);
                    } else {
                        x[kept * width + j + category(v, line, at[i], col, codes.get(i))] = 1f;
                        j += col.width();
                    }
                }
                for (int t = 0; t < targets.size(); t++) {
                    TableSchema.Column col = columns.get(targets.get(t));
                    String v = row[at[targets.get(t)]];
                    y[kept * targets.size() + t] = col.type() == TableSchema.Type.NUMERIC
                            ? (float) number(v, line, at[targets.get(t)], col)
                            : category(v, line, at[targets.get(t)], col, codes.get(targets.get(t)));
                }
                keep[r] = true;
                kept++;
            }
            if (kept == 0) {
                throw new DataFormatException(source, "no rows left after dropping the " + n + " rows with missing values");
            }
            Tensor features2d = Tensor.of(Arrays.copyOf(x, kept * width), kept, width);
            Optional<Scaler> scaler = schema.scaler();
            if (scaler.isPresent()) {
                features2d = scaler.get().transform(features2d);
            }
            Tensor targets2d = targets.isEmpty() ? null : target(Tensor.of(Arrays.copyOf(y, kept * targets.size()), kept,
                    targets.size()), columns.get(targets.get(0)), at[targets.get(0)]);
            List<String> targetNames = targets.stream().map(i -> columns.get(i).name()).toList();
            return new CsvData(features2d, targets2d, schema.featureNames(), targetNames,
                    targets.isEmpty() ? List.of() : schema.labels(), n - kept, schema,
                    keptLines(lines.subList(first, lines.size()), keep));
        }

        /** Whether the row is dropped for a missing value; fails on one where the settings say so. */
        private boolean hasMissing(String[] row, long line, int[] at, List<Integer> used) {
            for (int i : used) {
                String v = row[at[i]];
                if (!missingMarkers.contains(v)) {
                    continue;
                }
                boolean target = schema.columns().get(i).target();
                if (missing == Csv.Missing.DROP) {
                    return true;
                }
                if (missing == Csv.Missing.ERROR || target) {
                    throw MissingValueException.forJava(source, line, column(at[i]), v, target);
                }
            }
            return false;
        }

        /** The cell, or the column's fill value for a missing one (under {@link Csv.Missing#MEAN}). */
        private String cell(String[] row, long line, int c, TableSchema.Column col) {
            String v = row[c];
            if (!missingMarkers.contains(v)) {
                return v;
            }
            if (col.fill() == null) {
                throw new DataFormatException(source, line, column(c), "the schema has no fill value for a missing cell of '"
                        + col.name() + "'");
            }
            return col.fill();
        }

        private double number(String v, long line, int c, TableSchema.Column col) {
            double value = CsvCells.value(v);
            if (Double.isNaN(value)) {
                boolean text = CsvCells.kind(v, missingMarkers) == CsvCells.Kind.TEXT;
                throw new CellValueException(source, line, column(c), fileColumns.names[c], v, CsvCells.problem(v)
                        + (text ? "; the model reads " + CsvCells.quote(col.name()) + " as a numeric column" : ""), false, "");
            }
            return value;
        }

        private int category(String v, long line, int c, TableSchema.Column col, Map<String, Integer> code) {
            Integer k = code.get(v);
            if (k == null) {
                throw new DataFormatException(source, line, column(c), "unknown " + (col.target() ? "label" : "category")
                        + " '" + v + "'; the model knows " + col.categories());
            }
            return k;
        }

        private Tensor target(Tensor ids, TableSchema.Column col, int c) {
            if (!oneHotTarget) {
                return ids;
            }
            try {
                return col.type() == TableSchema.Type.CATEGORICAL ? OneHot.toCategorical(ids, col.categories().size())
                        : OneHot.toCategorical(ids);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(source, 0, column(c), "cannot one-hot encode the target: " + e.getMessage());
            }
        }
    }
}
