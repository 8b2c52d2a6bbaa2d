package dev.neurona.data;

import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads a CSV file (with Apache commons-csv) into features and targets.
 *
 * <ul>
 *   <li><b>Text</b>: the file must be UTF-8 (a byte-order mark is dropped); another encoding, binary
 *       data, a directory or an unclosed quote is an error naming the line. Blank lines are skipped.</li>
 *   <li><b>Header</b>: detected — the first row is a header when one of its cells is not a number
 *       where the rows below hold numbers, or when every column is text and the first row's values
 *       do not recur below; force it with {@link #header(boolean)}. Header names must be distinct.</li>
 *   <li><b>Target</b>: the last column unless {@link #target(String...)} (by header name) or
 *       {@link #targetColumns(int...)} (0-based; negative counts from the end) says otherwise;
 *       {@link #noTarget()} reads features only.</li>
 *   <li><b>Types</b>: a column is categorical when most of its non-missing cells are not numbers,
 *       and numeric otherwise; name it in {@link #categorical} or {@link #numeric} to decide
 *       yourself. Every cell of a numeric column must be a decimal number that fits a 32-bit float:
 *       a word, a decimal comma ({@code "1,5"}), {@code Infinity}, or a number beyond ±3.4e38 is an
 *       error naming the cell, never a silent change of the column's type or value.
 *       Categorical features are one-hot encoded (categories in sorted order); a categorical
 *       target is label-encoded to class ids {@code [n, 1]} (one-hot {@code [n, k]} with
 *       {@link #oneHotTarget(boolean)}).</li>
 *   <li><b>Missing values</b> (an empty cell, {@code NA}, {@code N/A}, {@code NaN}, {@code nan},
 *       {@code null}, {@code NULL}, {@code ?}; change them with {@link #missingMarkers}): an error by
 *       default; {@link Missing#DROP} drops the row, {@link Missing#MEAN} fills a numeric feature
 *       with its column mean and a categorical one with its most frequent value (a missing target is
 *       still an error). {@code NaN} thus means "missing", never a float NaN; a {@code NaN} that is
 *       not a marker is an error like {@code Infinity}.</li>
 * </ul>
 *
 * <p>Errors are {@link DataFormatException}s naming the file, the row (the 1-based line) and the
 * column ({@code 'name' (number)}, 1-based), and the offending value; a bad cell is a
 * {@link CellValueException}, a missing one a {@link MissingValueException}.
 *
 * <p><b>Schema.</b> What a read found (columns, types, categories, targets) is its
 * {@link CsvData#schema()}. {@link #schema(TableSchema)} reads another file with a given schema
 * instead of inferring one: the columns are matched by header name in any order (by position in a
 * file without a header), columns the schema does not name are ignored, every category keeps its
 * training encoding, a missing cell is filled with the schema's training value under
 * {@link Missing#MEAN}, and the schema's scaler, if any, is applied. A missing column, or a category
 * the schema does not know, is an error naming it; cells are checked as strictly as above.
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

    private static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "?");

    private char delimiter = ',';
    private Boolean header;
    private List<String> targetNames;
    private int[] targetIndices;
    private boolean noTarget;
    private Missing missing = Missing.ERROR;
    private Set<String> categorical = Set.of();
    private Set<String> numeric = Set.of();
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

    /**
     * Columns (by header name; {@code "column 3"} without a header) to read as categorical even where
     * their values look numeric, such as zip codes or class ids.
     */
    public Csv categorical(String... names) {
        this.categorical = Set.of(names);
        return this;
    }

    /**
     * Columns (by header name; {@code "column 3"} without a header) to read as numeric even where most
     * of their cells are text: every cell that is not a number is then an error naming it.
     */
    public Csv numeric(String... names) {
        this.numeric = Set.of(names);
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

    /** Reads {@code file}, which must be UTF-8 text (a byte-order mark is dropped). */
    public CsvData read(Path file) {
        return read(CsvText.read(file, delimiter));
    }

    /** Reads CSV text from {@code reader}; {@code source} names it in error messages. */
    public CsvData read(Reader reader, String source) {
        return read(CsvText.read(reader, source, delimiter));
    }

    private CsvData read(CsvText.Rows rows) {
        Settings settings = new Settings(header, targetNames, targetIndices, noTarget, missing, categorical, numeric,
                missingMarkers, oneHotTarget);
        if (schema != null) {
            return new CsvSchemas.Reader(schema, rows, settings).read();
        }
        return new CsvTable(rows, settings).convert();
    }

    static boolean isNumber(String s) {
        return CsvCells.isNumber(s);
    }

    /** The settings of one read, for the classes that do it. */
    record Settings(Boolean header, List<String> targetNames, int[] targetIndices, boolean noTarget, Missing missing,
                    Set<String> categorical, Set<String> numeric, Set<String> missingMarkers, boolean oneHotTarget) {
    }
}
