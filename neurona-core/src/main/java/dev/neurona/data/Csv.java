package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file (with Apache commons-csv) into features and targets.
 *
 * <ul>
 *   <li><b>Header</b>: detected — the first row is a header when one of its cells is not a number
 *       where the rows below hold numbers, or when every column is text and the first row's values
 *       do not recur below; force it with {@link #header(boolean)}.</li>
 *   <li><b>Target</b>: the last column unless {@link #target(String...)} (by header name) or
 *       {@link #targetColumns(int...)} (0-based; negative counts from the end) says otherwise;
 *       {@link #noTarget()} reads features only.</li>
 *   <li><b>Types</b>: a column is numeric when its first non-missing value is a decimal number, and
 *       then every value must be; otherwise it is categorical (or name it in {@link #categorical}).
 *       Categorical features are one-hot encoded (categories in sorted order); a categorical
 *       target is label-encoded to class ids {@code [n, 1]} (one-hot {@code [n, k]} with
 *       {@link #oneHotTarget(boolean)}).</li>
 *   <li><b>Missing values</b> (an empty cell, {@code NA}, {@code N/A}, {@code NaN}, {@code nan},
 *       {@code null}, {@code NULL}, {@code ?}): an error by default; {@link Missing#DROP} drops the
 *       row, {@link Missing#MEAN} fills a numeric feature with its column mean and a categorical one
 *       with its most frequent value (a missing target is still an error).</li>
 * </ul>
 *
 * <p>Errors are {@link DataFormatException}s naming the file, the row (the 1-based line) and the
 * column ({@code 'name' (number)}, 1-based), and the offending value.
 *
 * <p><b>Schema.</b> What a read found (columns, types, categories, targets) is its
 * {@link CsvData#schema()}. {@link #schema(TableSchema)} reads another file with a given schema
 * instead of inferring one: the columns are matched by header name in any order (by position in a
 * file without a header), columns the schema does not name are ignored, every category keeps its
 * training encoding, a missing cell is filled with the schema's training value under
 * {@link Missing#MEAN}, and the schema's scaler, if any, is applied. A missing column, or a category
 * the schema does not know, is an error naming it.
 *
 * <pre>{@code
 * CsvData houses = new Csv().target("price").missing(Csv.Missing.MEAN).read(Path.of("houses.csv"));
 * Dataset data = houses.dataset();
 * }</pre>
 */
public final class Csv {

    /** What to do with a missing value. */
    public enum Missing {
        /** Fail, naming the file, row and column (the default). */
        ERROR,
        /** Leave out every row that has a missing value. */
        DROP,
        /** Fill a numeric feature with its column mean, a categorical one with its most frequent value. */
        MEAN
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "?");
    /** How many rows below the first the header detection looks at. */
    private static final int SNIFF_ROWS = 20;

    private char delimiter = ',';
    private Boolean header;
    private List<String> targetNames;
    private int[] targetIndices;
    private boolean noTarget;
    private Missing missing = Missing.ERROR;
    private Set<String> categorical = Set.of();
    private Set<String> missingMarkers = DEFAULT_MISSING;
    private boolean oneHotTarget;
    private TableSchema schema;

    /** A reader with the defaults above. */
    public Csv() {
    }

    /** Reads {@code file} with the defaults and {@code target} as the target column. */
    public static CsvData read(Path file, String target) {
        return new Csv().target(target).read(file);
    }

    /** The field delimiter (default {@code ,}). */
    public Csv delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /** Whether the first row is a header (default: detected). */
    public Csv header(boolean present) {
        this.header = present;
        return this;
    }

    /** The target column(s) by header name. */
    public Csv target(String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("Csv.target: name at least one column");
        }
        this.targetNames = List.of(names);
        this.targetIndices = null;
        this.noTarget = false;
        return this;
    }

    /** The target column(s) by 0-based index; {@code -1} is the last column. */
    public Csv targetColumns(int... indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("Csv.targetColumns: give at least one index");
        }
        this.targetIndices = indices.clone();
        this.targetNames = null;
        this.noTarget = false;
        return this;
    }

    /** Every column is a feature; {@link CsvData#y()} is {@code null}. */
    public Csv noTarget() {
        this.noTarget = true;
        this.targetNames = null;
        this.targetIndices = null;
        return this;
    }

    /** What to do with missing values (default {@link Missing#ERROR}). */
    public Csv missing(Missing missing) {
        if (missing == null) {
            throw new IllegalArgumentException("Csv.missing: must not be null; use Missing.ERROR, DROP or MEAN");
        }
        this.missing = missing;
        return this;
    }

    /** Columns (by header name) to treat as categorical even where their values look numeric. */
    public Csv categorical(String... names) {
        this.categorical = Set.of(names);
        return this;
    }

    /** The cell values that mean "missing" (default: empty, NA, N/A, NaN, nan, null, NULL, ?). */
    public Csv missingMarkers(String... markers) {
        this.missingMarkers = Set.of(markers);
        return this;
    }

    /**
     * Whether a classification target becomes one-hot rows {@code [n, k]} (default {@code false}:
     * class ids {@code [n, 1]}). A numeric target must then hold integer ids {@code >= 0}.
     */
    public Csv oneHotTarget(boolean oneHot) {
        this.oneHotTarget = oneHot;
        return this;
    }

    /**
     * Reads the next files as {@code schema} describes (see the class comment; {@code null}: infer a
     * schema, the default). The schema decides the columns, their types and categories and the
     * targets, so {@link #target} and {@link #categorical} do not apply (a forced {@link #header(boolean)}
     * does; otherwise the first row is a header when it names a column of the schema);
     * {@link #noTarget()} ignores the target columns even where the file has them (for predicting),
     * and otherwise {@link CsvData#y()} is read when the file has every target column and is
     * {@code null} when it has none.
     */
    public Csv schema(TableSchema schema) {
        this.schema = schema;
        return this;
    }

    /** Reads {@code file} (UTF-8). */
    public CsvData read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Csv: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV text from {@code reader}; {@code source} names it in error messages. */
    public CsvData read(Reader reader, String source) {
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).setIgnoreEmptyLines(true).build();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            long previous = 0;
            for (CSVRecord record : parser) {
                // the parser counts line breaks read; a last line without one is one past the previous
                long line = Math.max(parser.getCurrentLineNumber(), previous + 1);
                String[] cells = new String[record.size()];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = record.get(c);
                }
                rows.add(cells);
                lines.add(line);
                previous = line;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DataFormatException(source, "cannot parse as CSV: " + e.getMessage());
        }
        if (schema != null) {
            return new CsvSchemas.Reader(schema, source, rows, lines, header, noTarget, missing, missingMarkers,
                    oneHotTarget).read();
        }
        return new Table(source, rows, lines).convert();
    }

    static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    /** One read: the raw cells and the conversion steps. */
    private final class Table {
        private final String source;
        private final List<String[]> rows;
        private final List<Long> lines;
        private String[] names;
        private boolean hasHeader;

        Table(String source, List<String[]> rows, List<Long> lines) {
            this.source = source;
            this.rows = rows;
            this.lines = lines;
        }

        CsvData convert() {
            if (rows.isEmpty()) {
                throw new DataFormatException(source, "the file is empty: no rows to read");
            }
            hasHeader = header != null ? header : detectHeader();
            int first = hasHeader ? 1 : 0;
            int width = rows.get(0).length;
            names = new String[width];
            for (int c = 0; c < width; c++) {
                names[c] = hasHeader ? rows.get(0)[c] : "column " + (c + 1);
            }
            if (rows.size() == first) {
                throw new DataFormatException(source, "the file has a header but no data rows");
            }
            for (int r = first; r < rows.size(); r++) {
                if (rows.get(r).length != width) {
                    throw new DataFormatException(source, lines.get(r), null, "has " + rows.get(r).length + " fields but the "
                            + (hasHeader ? "header" : "first row") + " has " + width);
                }
            }
            List<Integer> targets = targetColumns(width);
            boolean[] isCategorical = kinds(first, width);
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

        private boolean detectHeader() {
            String[] top = rows.get(0);
            int below = Math.min(rows.size(), 1 + SNIFF_ROWS);
            boolean allText = true;
            for (int c = 0; c < top.length; c++) {
                if (isNumber(top[c]) || missingMarkers.contains(top[c])) {
                    allText = false;
                    continue;
                }
                for (int r = 1; r < below; r++) {
                    if (c < rows.get(r).length && isNumber(rows.get(r)[c])) {
                        return true;   // text above numbers: a column name
                    }
                }
            }
            if (!allText) {
                return false;
            }
            for (int c = 0; c < top.length; c++) {
                for (int r = 1; r < below; r++) {
                    if (c < rows.get(r).length && rows.get(r)[c].equals(top[c])) {
                        return false;  // the value recurs: a category, not a name
                    }
                }
            }
            return true;
        }

        private String column(int c) {
            return hasHeader ? "'" + names[c] + "' (" + (c + 1) + ")" : String.valueOf(c + 1);
        }

        private List<Integer> targetColumns(int width) {
            List<Integer> out = new ArrayList<>();
            if (noTarget) {
                return out;
            }
            if (targetNames != null) {
                if (!hasHeader) {
                    throw new DataFormatException(source, "target " + targetNames + " is named, but the file has no header row;"
                            + " select the target by index with targetColumns(...) or force header(true)");
                }
                for (String name : targetNames) {
                    int c = Arrays.asList(names).indexOf(name);
                    if (c < 0) {
                        throw new DataFormatException(source, 1, "'" + name + "'", "unknown target column; the columns are "
                                + Arrays.toString(names));
                    }
                    out.add(c);
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

        private boolean[] kinds(int first, int width) {
            boolean[] kind = new boolean[width];
            for (String name : categorical) {
                int c = Arrays.asList(names).indexOf(name);
                if (c < 0) {
                    throw new DataFormatException(source, 1, "'" + name + "'", "unknown column named categorical; the columns are "
                            + Arrays.toString(names));
                }
                kind[c] = true;
            }
            for (int c = 0; c < width; c++) {
                if (kind[c]) {
                    continue;
                }
                for (int r = first; r < rows.size(); r++) {
                    String v = rows.get(r)[c];
                    if (!missingMarkers.contains(v)) {
                        kind[c] = !isNumber(v);
                        break;
                    }
                }
            }
            return kind;
        }

        /** Numeric cells as doubles; NaN marks a missing cell (and every categorical cell). */
        private double[][] parse(int first, int width, boolean[] isCategorical) {
            double[][] values = new double[rows.size() - first][width];
            int[] firstSeen = new int[width];
            Arrays.fill(firstSeen, -1);
            for (int r = first; r < rows.size(); r++) {
                String[] row = rows.get(r);
                for (int c = 0; c < width; c++) {
                    String v = row[c];
                    if (isCategorical[c] || missingMarkers.contains(v)) {
                        values[r - first][c] = Double.NaN;
                        continue;
                    }
                    if (!isNumber(v)) {
                        int seen = firstSeen[c];
                        throw new DataFormatException(source, lines.get(r), column(c), "'" + v + "' is not a number; the column is numeric"
                                + (seen >= 0 ? " (its first value '" + rows.get(seen)[c] + "', row " + lines.get(seen) + ", is)" : "")
                                + "; name it in categorical(...) if it holds categories");
                    }
                    if (firstSeen[c] < 0) {
                        firstSeen[c] = r;
                    }
                    values[r - first][c] = Double.parseDouble(v);
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
                    if (missing == Missing.DROP) {
                        keep[r] = false;
                    } else if (missing == Missing.ERROR || isTarget) {
                        throw MissingValueException.forJava(source, lines.get(r + first), column(c), row[c], isTarget);
                    }
                }
            }
            if (missing == Missing.MEAN) {
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
            if ((anyCategorical || oneHotTarget) && targets.size() > 1) {
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
            if (!oneHotTarget) {
                return new Target(ids, classes);
            }
            try {
                return new Target(anyCategorical ? OneHot.toCategorical(ids, classes.size()) : OneHot.toCategorical(ids), classes);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(source, 0, column(targets.get(0)), "cannot one-hot encode the target: " + e.getMessage());
            }
        }
    }
}
