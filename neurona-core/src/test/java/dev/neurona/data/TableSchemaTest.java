package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.neurona.tensor.Tensor;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema a CSV read records, and reading another file with it. */
class TableSchemaTest {

    private static final String TRAIN = """
            size,colour,rooms,kind
            50,red,2,flat
            80,blue,3,house
            60,green,2,flat
            100,red,5,house
            """;

    private static CsvData read(Csv csv, String text) {
        return csv.read(new StringReader(text), "new.csv");
    }

    private static TableSchema schema() {
        return new Csv().target("kind").read(new StringReader(TRAIN), "train.csv").schema();
    }

    @Test
    void aReadRecordsColumnsTypesCategoriesTargetLabelsAndFillValues() {
        CsvData train = new Csv().target("kind").read(new StringReader(TRAIN), "train.csv");
        TableSchema s = train.schema();
        assertThat(s.header()).isTrue();
        assertThat(s.columns()).extracting(TableSchema.Column::name).containsExactly("size", "colour", "rooms", "kind");
        assertThat(s.columns()).extracting(TableSchema.Column::type).containsExactly(TableSchema.Type.NUMERIC,
                TableSchema.Type.CATEGORICAL, TableSchema.Type.NUMERIC, TableSchema.Type.CATEGORICAL);
        assertThat(s.columns().get(1).categories()).containsExactly("blue", "green", "red");
        assertThat(s.targets()).containsExactly("kind");
        assertThat(s.labels()).containsExactly("flat", "house").isEqualTo(train.classes());
        assertThat(s.featureNames()).isEqualTo(train.featureNames());
        assertThat(s.width()).isEqualTo(train.x().dim(1)).isEqualTo(5);
        assertThat(Double.parseDouble(s.columns().get(0).fill())).isEqualTo((50 + 80 + 60 + 100) / 4.0);
        assertThat(s.columns().get(1).fill()).as("the most frequent colour").isEqualTo("red");
        assertThat(s.columns().get(3).fill()).as("a target is never filled").isNull();
        assertThat(s.scaler()).isEmpty();
        assertThat(train.lines()).containsExactly(2, 3, 4, 5);
    }

    @Test
    void shuffledColumnsAndAnExtraColumnReadAsTheOriginalOrder() {
        TableSchema s = schema();
        CsvData original = read(new Csv().schema(s), TRAIN);
        CsvData shuffled = read(new Csv().schema(s), """
                note,kind,rooms,colour,size
                a,flat,2,red,50
                b,house,3,blue,80
                c,flat,2,green,60
                d,house,5,red,100
                """);
        assertThat(shuffled.x().toArray()).containsExactly(original.x().toArray());
        assertThat(shuffled.y().toArray()).containsExactly(original.y().toArray()).containsExactly(0, 1, 0, 1);
        Tensor trained = new Csv().target("kind").read(new StringReader(TRAIN), "train.csv").x();
        assertThat(original.x().toArray()).containsExactly(trained.toArray());
        assertThat(shuffled.featureNames()).isEqualTo(s.featureNames());
    }

    @Test
    void categoriesKeepTheirTrainingColumnsWhereAFreshReadWouldRenumberThem() {
        String text = "colour,size,rooms\nred,1,2\nred,2,3\n";
        CsvData fresh = read(new Csv().noTarget(), text);
        assertThat(fresh.featureNames()).as("alone, 'red' is the only category").containsExactly("colour=red", "size", "rooms");
        CsvData withSchema = read(new Csv().schema(schema()), text);
        // size, then colour=blue, colour=green, colour=red, then rooms: the training layout
        assertThat(withSchema.featureNames()).containsExactly("size", "colour=blue", "colour=green", "colour=red", "rooms");
        assertThat(withSchema.x().toArray2d()[0]).containsExactly(1, 0, 0, 1, 2);
        assertThat(withSchema.x().toArray2d()[1]).containsExactly(2, 0, 0, 1, 3);
    }

    @Test
    void theTargetIsReadWhenPresentAndIgnoredWhenAbsentOrNotWanted() {
        TableSchema s = schema();
        CsvData absent = read(new Csv().schema(s), "size,colour,rooms\n70,blue,3\n");
        assertThat(absent.y()).isNull();
        assertThat(absent.targetNames()).isEmpty();
        CsvData ignored = read(new Csv().schema(s).noTarget(), "size,colour,rooms,kind\n70,blue,3,castle\n");
        assertThat(ignored.y()).as("noTarget never reads the target, not even an unknown label").isNull();
        assertThat(ignored.x().toArray()).containsExactly(70, 1, 0, 0, 3);
        CsvData hot = read(new Csv().schema(s).oneHotTarget(true), "size,colour,rooms,kind\n70,blue,3,house\n");
        assertThat(hot.y().toArray()).containsExactly(0, 1);
    }

    @Test
    void aMissingColumnNamesTheColumnAndTheFile() {
        DataFormatException e = (DataFormatException) catchThrowable(() -> read(new Csv().schema(schema()),
                "size,rooms,kind\n70,3,flat\n"));
        assertThat(e.getMessage()).startsWith("new.csv: has no column 'colour', which the model needs")
                .contains("[size, rooms, kind]");
        assertThat(e.file()).isEqualTo("new.csv");
    }

    @Test
    void anUnseenCategoryNamesRowColumnValueAndTheKnownCategories() {
        DataFormatException e = (DataFormatException) catchThrowable(() -> read(new Csv().schema(schema()),
                "kind,size,colour,rooms\nflat,70,blue,3\nflat,75,purple,2\n"));
        assertThat(e.getMessage()).isEqualTo("new.csv, row 3, column 'colour' (3): unknown category 'purple'; "
                + "the model knows [blue, green, red]");
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("'colour' (3)");
        assertThat(catchThrowable(() -> read(new Csv().schema(schema()), "size,colour,rooms,kind\n70,blue,3,castle\n")))
                .hasMessageContaining("row 2, column 'kind' (4): unknown label 'castle'; the model knows [flat, house]");
        assertThat(catchThrowable(() -> read(new Csv().schema(schema()), "size,colour,rooms\nbig,blue,3\n")))
                .hasMessageContaining("row 2, column 'size' (1): 'big' is not a number");
    }

    @Test
    void aFileWithoutHeaderIsReadByPosition() {
        TableSchema s = schema();
        CsvData all = read(new Csv().schema(s), "80,blue,3,house\n");
        assertThat(all.x().toArray()).containsExactly(80, 1, 0, 0, 3);
        assertThat(all.y().toArray()).containsExactly(1);
        CsvData features = read(new Csv().schema(s), "80,blue,3\n");
        assertThat(features.x().toArray()).containsExactly(80, 1, 0, 0, 3);
        assertThat(features.y()).isNull();
        assertThat(catchThrowable(() -> read(new Csv().schema(s), "80,blue\n")))
                .hasMessageContaining("has 2 columns and no header row").hasMessageContaining("[size, colour, rooms]");
    }

    @Test
    void missingCellsFailOrAreDroppedOrFilledWithTheTrainingValues() {
        TableSchema s = schema();
        String text = "size,colour,rooms\n70,NA,3\n,blue,4\n90,green,1\n";
        MissingValueException e = (MissingValueException) catchThrowable(() -> read(new Csv().schema(s), text));
        assertThat(e.getMessage()).isEqualTo("new.csv, row 2, column 'colour' (2): missing value ('NA'); "
                + "use missing(Csv.Missing.DROP) or missing(Csv.Missing.MEAN) to handle it");
        assertThat(e.value()).isEqualTo("NA");
        assertThat(e.inTarget()).isFalse();
        assertThat(e.withAdvice("use --missing drop").getMessage())
                .isEqualTo("new.csv, row 2, column 'colour' (2): missing value ('NA'); use --missing drop");

        CsvData dropped = read(new Csv().schema(s).missing(Csv.Missing.DROP), text);
        assertThat(dropped.droppedRows()).isEqualTo(2);
        assertThat(dropped.lines()).containsExactly(4);
        assertThat(dropped.x().toArray()).containsExactly(90, 0, 1, 0, 1);

        CsvData filled = read(new Csv().schema(s).missing(Csv.Missing.MEAN), text);
        assertThat(filled.x().toArray2d()[0]).as("the training mode of colour, not this file's")
                .containsExactly(70, 0, 0, 1, 3);
        assertThat(filled.x().toArray2d()[1][0]).as("the training mean of size").isEqualTo(72.5f);

        MissingValueException target = (MissingValueException) catchThrowable(() ->
                read(new Csv().schema(s).missing(Csv.Missing.MEAN), "size,colour,rooms,kind\n70,red,3,?\n"));
        assertThat(target.inTarget()).isTrue();
        assertThat(target.getMessage()).contains("missing value ('?') in the target; use missing(Csv.Missing.DROP)");
    }

    @Test
    void aScalerIsAppliedAfterEncodingAndSurvivesTheConfig() {
        TableSchema s = schema();
        CsvData train = new Csv().target("kind").read(new StringReader(TRAIN), "train.csv");
        StandardScaler scaler = new StandardScaler();
        Tensor scaled = scaler.fitTransform(train.x());
        TableSchema withScaler = s.withScaler(scaler);
        assertThat(read(new Csv().schema(withScaler), TRAIN).x().toArray()).containsExactly(scaled.toArray());
        assertThat(TableSchema.fromConfig(withScaler.config())).isEqualTo(withScaler).isNotEqualTo(s);

        MinMaxScaler minMax = new MinMaxScaler(-1, 1);
        Tensor mm = minMax.fitTransform(train.x());
        TableSchema withMinMax = TableSchema.fromConfig(s.withScaler(minMax).config());
        assertThat(read(new Csv().schema(withMinMax), TRAIN).x().toArray()).containsExactly(mm.toArray());
        assertThat(withMinMax.withScaler(null)).isEqualTo(s);

        assertThatThrownBy(() -> s.withScaler(new StandardScaler())).hasMessageContaining("not fitted");
        assertThatThrownBy(() -> s.withScaler(new StandardScaler().fit(Tensor.of(new float[][] {{1, 2}, {3, 4}}))))
                .hasMessageContaining("fitted on 2 features but the schema encodes 5");
    }

    @Test
    void theConfigRoundTripsAndEveryBadKeyIsNamed() {
        TableSchema s = schema();
        assertThat(TableSchema.fromConfig(s.config())).isEqualTo(s);
        assertThat(s.config().get("columns").toString()).contains("{name=colour, type=categorical, categories=[blue, green, red]"
                + ", fill=red}", "target=true");

        assertBad(c -> c.put("header", "yes"), "'header' must be true or false, got \"yes\"");
        assertBad(c -> c.put("extra", 1), "'extra' is not a key of a schema");
        assertBad(c -> c.remove("columns"), "'columns' is missing");
        assertBad(c -> column(c, 1).put("categories", List.of("red", 3)), "'columns[1].categories[1]' must be a string, got 3");
        assertBad(c -> column(c, 1).put("categories", List.of("red", "red")), "'columns[1]': ", "distinct categories");
        assertBad(c -> column(c, 1).put("fill", "pink"), "'columns[1]': ", "'pink' is not one of the categories");
        assertBad(c -> column(c, 0).put("fill", "many"), "'columns[0]': ", "must be a finite number");
        assertBad(c -> column(c, 0).put("type", "date"), "'columns[0].type' must be \"numeric\" or \"categorical\"");
        assertBad(c -> column(c, 0).put("categories", List.of("a")), "'columns[0].categories': a numeric column has no categories");
        assertBad(c -> c.put("scaler", Map.of("class", "StandardScaler", "mean", List.of(1, 2), "std", List.of(1, 1))),
                "'scaler.std' must hold 5 numbers, got 2");
        assertBad(c -> c.put("scaler", Map.of("class", "RobustScaler")), "'scaler.class' must be \"StandardScaler\" or \"MinMaxScaler\"");
        assertBad(c -> c.put("class", "Other"), "'class' must be \"TableSchema\"");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> column(Map<String, Object> config, int i) {
        List<Object> columns = new ArrayList<>((List<Object>) config.get("columns"));
        Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) columns.get(i));
        columns.set(i, c);
        config.put("columns", columns);
        return c;
    }

    private static void assertBad(java.util.function.Consumer<Map<String, Object>> edit, String... parts) {
        Map<String, Object> config = new LinkedHashMap<>(schema().config());
        edit.accept(config);
        assertThatThrownBy(() -> TableSchema.fromConfig(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(parts[0]).hasMessageContainingAll(parts);
    }
}
