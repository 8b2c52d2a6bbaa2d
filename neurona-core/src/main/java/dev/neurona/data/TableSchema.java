package dev.neurona.data;

import dev.neurona.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the rows of a table (a CSV file) become a model's input, so that new data can be read
 * exactly as the training data was: every column of the file in order with its type, the
 * categories of each categorical column in encoding order (one one-hot column each), which
 * columns are targets (and so the class labels of a string target), the value that fills a
 * missing cell, and optionally the statistics of a scaler applied to the encoded features.
 *
 * <p>{@link Csv#read(java.nio.file.Path)} records one in {@link CsvData#schema()};
 * {@code new Csv().schema(schema).read(file)} reads another file the same way: columns matched by
 * header name in any order, extra columns ignored, each category mapped to its training column, and
 * a missing column or an unseen category an error naming it. Attach it to a model
 * ({@code model.preprocessing(schema)}) and it is saved in the model file, where
 * {@code neurona predict} finds it.
 *
 * <p><b>Scaling.</b> The {@code neurona} command line puts a {@code Normalization} layer, adapted
 * to the training features, at the front of the model: its mean and variance are weights of the
 * model, so its schemas carry no scaler. Code that scales outside the model with a
 * {@link StandardScaler} or {@link MinMaxScaler} records it with {@link #withScaler}; reading with
 * the schema then scales the encoded features with the training statistics.
 *
 * <pre>{@code
 * CsvData train = new Csv().target("price").read(Path.of("houses.csv"));
 * model.preprocessing(train.schema());   // saved by model.save(...)
 * CsvData fresh = new Csv().schema(model.preprocessing().orElseThrow()).noTarget().read(Path.of("new.csv"));
 * Tensor prices = model.predict(fresh.x());
 * }</pre>
 */
public final class TableSchema {

    /** How a column's cells are read. */
    public enum Type {
        /** Decimal numbers, one input column. */
        NUMERIC,
        /** Categories, one-hot encoded: one input column per category (a target: class ids). */
        CATEGORICAL
    }

    /**
     * One column of the file.
     *
     * @param name       the header name ({@code "column 3"} when the file had no header)
     * @param type       numeric or categorical
     * @param categories a categorical column's categories in encoding order (category {@code i} is
     *                   one-hot column {@code i}, or class id {@code i} for a target); empty for a
     *                   numeric column
     * @param fill       what fills a missing cell under {@link Csv.Missing#MEAN} (a number for a
     *                   numeric column, the training mean; one of the categories, the most frequent),
     *                   or {@code null} when unknown
     * @param target     whether the column is a target rather than a feature
     */
    public record Column(String name, Type type, List<String> categories, String fill, boolean target) {

        /** Checks the column and copies the categories. */
        public Column {
            if (name == null || type == null) {
                throw new IllegalArgumentException("TableSchema.Column: the name and type must not be null, got "
                        + name + " and " + type);
            }
            if (categories == null || categories.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("TableSchema.Column '" + name + "': the categories must be a list of "
                        + "strings, got " + categories);
            }
            categories = List.copyOf(categories);
            if (type == Type.NUMERIC && !categories.isEmpty()) {
                throw new IllegalArgumentException("TableSchema.Column '" + name + "': a numeric column has no "
                        + "categories, got " + categories);
            }
            if (type == Type.CATEGORICAL && (categories.isEmpty() || new HashSet<>(categories).size() != categories.size())) {
                throw new IllegalArgumentException("TableSchema.Column '" + name + "': a categorical column needs "
                        + "distinct categories, got " + categories);
            }
            if (fill != null && type == Type.NUMERIC && CsvCells.problem(fill) != null) {
                throw new IllegalArgumentException("TableSchema.Column '" + name + "': the fill value of a numeric column "
                        + "must be a finite number within float range, got '" + fill + "'");
            }
            if (fill != null && type == Type.CATEGORICAL && !categories.contains(fill)) {
                throw new IllegalArgumentException("TableSchema.Column '" + name + "': the fill value '" + fill
                        + "' is not one of the categories " + categories);
            }
        }

        /** A numeric feature column. */
        public static Column numeric(String name) {
            return new Column(name, Type.NUMERIC, List.of(), null, false);
        }

        /** A categorical feature column with these categories, in encoding order. */
        public static Column categorical(String name, List<String> categories) {
            return new Column(name, Type.CATEGORICAL, categories, null, false);
        }

        /** This column with {@code fill} as the value of its missing cells. */
        public Column withFill(String fill) {
            return new Column(name, type, categories, fill, target);
        }

        /** This column as a target. */
        public Column asTarget() {
            return new Column(name, type, categories, fill, true);
        }

        /** The model inputs the column becomes: 1, or one per category. */
        public int width() {
            return type == Type.NUMERIC ? 1 : categories.size();
        }

        /** The names of those inputs: the column's name, or {@code name=category} per category. */
        public List<String> encodedNames() {
            if (type == Type.NUMERIC) {
                return List.of(name);
            }
            return categories.stream().map(c -> name + "=" + c).toList();
        }
    }

    /** A fitted scaler's statistics: StandardScaler (a = mean, b = std) or MinMaxScaler (a = min, b = max). */
    record ScalerState(String kind, double low, double high, double[] a, double[] b) {

        static final String STANDARD = "StandardScaler";
        static final String MIN_MAX = "MinMaxScaler";

        Scaler create() {
            return kind.equals(STANDARD) ? StandardScaler.fitted(a, b) : MinMaxScaler.fitted(low, high, a, b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ScalerState s && kind.equals(s.kind) && low == s.low && high == s.high
                    && Arrays.equals(a, s.a) && Arrays.equals(b, s.b);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, low, high, Arrays.hashCode(a), Arrays.hashCode(b));
        }
    }

    private final List<Column> columns;
    private final boolean header;
    private final ScalerState scaler;

    /**
     * A schema of these columns, in file order, without a scaler.
     *
     * @param header whether the column names came from a header row (files read with the schema
     *               are then matched by name); {@code false} for a file without one (matched by position)
     * @throws IllegalArgumentException when no column is a feature, or a categorical target is not
     *         the only target
     */
    public TableSchema(List<Column> columns, boolean header) {
        this(columns, header, null);
    }

    private TableSchema(List<Column> columns, boolean header, ScalerState scaler) {
        if (columns == null || columns.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("TableSchema: the columns must be a list of columns, got " + columns);
        }
        this.columns = List.copyOf(columns);
        this.header = header;
        this.scaler = scaler;
        if (features().isEmpty()) {
            throw new IllegalArgumentException("TableSchema: every column is a target; no feature columns in " + names(columns));
        }
        java.util.Set<String> seen = new HashSet<>();
        for (Column c : this.columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("TableSchema: column names must be distinct, got '" + c.name()
                        + "' twice in " + names(columns));
            }
        }
        List<Column> targets = this.columns.stream().filter(Column::target).toList();
        if (targets.size() > 1 && targets.stream().anyMatch(c -> c.type() == Type.CATEGORICAL)) {
            throw new IllegalArgumentException("TableSchema: a categorical target must be the only target, got "
                    + names(targets));
        }
        long width = 0;
        for (Column c : features()) {
            width += c.width();
        }
        if (width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TableSchema: the features encode to " + width + " columns, more than "
                    + Integer.MAX_VALUE);
        }
    }

    /** Every column of the file, in file order (features and targets). */
    public List<Column> columns() {
        return columns;
    }

    /** Whether the names came from a header row. */
    public boolean header() {
        return header;
    }

    /** The feature columns, in file order. */
    public List<Column> features() {
        return columns.stream().filter(c -> !c.target()).toList();
    }

    /** The target columns' names, in file order (empty when the file was read without a target). */
    public List<String> targets() {
        return columns.stream().filter(Column::target).map(Column::name).toList();
    }

    /** The class labels of a categorical target in class-id order; empty for numeric targets. */
    public List<String> labels() {
        List<Column> targets = columns.stream().filter(Column::target).toList();
        return targets.size() == 1 ? targets.get(0).categories() : List.of();
    }

    /** One name per model input, in order ({@code column=category} for a one-hot column), as {@link CsvData#featureNames()}. */
    public List<String> featureNames() {
        List<String> out = new ArrayList<>();
        for (Column c : features()) {
            out.addAll(c.encodedNames());
        }
        return out;
    }

    /**
     * Checks that a model whose samples have {@code inputShape} (batch excluded) takes exactly the
     * {@link #width()} values these columns encode to.
     *
     * @throws IllegalArgumentException naming both sizes and the encoded column names
     */
    public void requireInputShape(int[] inputShape) {
        long size = Shape.size(inputShape);
        if (size != width()) {
            throw new IllegalArgumentException("preprocessing: the schema encodes " + width() + " input columns "
                    + featureNames() + " but the model's input " + Shape.toString(inputShape) + " has " + size);
        }
    }

    /** The number of model inputs the features encode to. */
    public int width() {
        int w = 0;
        for (Column c : features()) {
            w += c.width();
        }
        return w;
    }

    /**
     * This schema with the statistics of {@code fitted} (a {@link StandardScaler} or {@link MinMaxScaler}
     * fitted on the {@link #width()} encoded features), applied after encoding when a file is read with
     * it; {@code null} leaves the scaler out.
     *
     * @throws IllegalArgumentException for another scaler, an unfitted one, or one of another width
     */
    public TableSchema withScaler(Scaler fitted) {
        if (fitted == null) {
            return new TableSchema(columns, header, null);
        }
        ScalerState state;
        if (fitted instanceof StandardScaler s && s.isFitted()) {
            state = new ScalerState(ScalerState.STANDARD, 0, 0, s.mean(), s.std());
        } else if (fitted instanceof MinMaxScaler m && m.isFitted()) {
            state = new ScalerState(ScalerState.MIN_MAX, m.low(), m.high(), m.dataMin(), m.dataMax());
        } else if (fitted instanceof AffineScaler a && !a.isFitted()) {
            throw new IllegalArgumentException("TableSchema.withScaler: the scaler is not fitted; call fit(trainingX) first");
        } else {
            throw new IllegalArgumentException("TableSchema.withScaler: only a StandardScaler or MinMaxScaler can be "
                    + "saved, got " + fitted.getClass().getName());
        }
        if (state.a().length != width()) {
            throw new IllegalArgumentException("TableSchema.withScaler: the scaler was fitted on " + state.a().length
                    + " features but the schema encodes " + width() + " " + featureNames());
        }
        return new TableSchema(columns, header, state);
    }

    /** A fitted copy of the saved scaler, or empty when the features are not scaled outside the model. */
    public Optional<Scaler> scaler() {
        return scaler == null ? Optional.empty() : Optional.of(scaler.create());
    }

    ScalerState scalerState() {
        return scaler;
    }

    TableSchema withScalerState(ScalerState state) {
        return new TableSchema(columns, header, state);
    }

    /**
     * The schema as plain JSON values (what a model file's {@code preprocessing.json} holds):
     * {@code {"class": "TableSchema", "header": true, "columns": [{"name": "colour", "type": "categorical",
     * "categories": ["blue", "red"], "fill": "red"}, {"name": "price", "type": "numeric", "target": true}],
     * "scaler": null}}.
     */
    public Map<String, Object> config() {
        return TableSchemaConfig.toConfig(this);
    }

    /**
     * The schema that {@link #config()} gave, every field checked.
     *
     * @throws IllegalArgumentException naming the key at fault, such as {@code 'columns[2].categories'}
     */
    public static TableSchema fromConfig(Map<String, Object> config) {
        return TableSchemaConfig.fromConfig(config);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema s && header == s.header && columns.equals(s.columns)
                && Objects.equals(scaler, s.scaler);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, header, scaler);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TableSchema[");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sb.append(i == 0 ? "" : ", ").append(c.name()).append(c.type() == Type.CATEGORICAL ? c.categories() : "")
                    .append(c.target() ? " (target)" : "");
        }
        return sb.append(scaler == null ? "" : ", scaled by " + scaler.kind()).append(']').toString();
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
