package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.StandardScaler;
import dev.neurona.data.TableSchema;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.train.Fit;
import dev.neurona.train.ModelCheckpoint;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's preprocessing schema is saved in {@code preprocessing.json}, read back checked, and optional. */
class PreprocessingFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = """
            size,colour,price
            50,red,100
            80,blue,170
            60,green,125
            100,red,210
            """;

    @TempDir
    Path dir;

    private static CsvData data() {
        return new Csv().target("price").read(new StringReader(CSV), "houses.csv");
    }

    /** A regression on the 4 encoded columns of the CSV, trained a little, with its schema (and a scaler). */
    private static Sequential model(TableSchema schema) {
        Sequential model = new Sequential(input(schema.width()), dense(3, "relu"), dense(1)).seed(5);
        model.compile(new Adam(0.01), "mse");
        return model.preprocessing(schema);
    }

    @Test
    void theSchemaRoundTripsThroughSaveAndLoadAndPredictsAlike() throws IOException {
        CsvData d = data();
        StandardScaler scaler = new StandardScaler();
        TableSchema schema = d.schema().withScaler(scaler.fit(d.x()));
        Sequential model = model(schema);
        model.fit(scaler.transform(d.x()), d.y(), Fit.epochs(2).verbose(0));
        Path file = dir.resolve("houses.nrn");
        model.save(file);
        assertThat(Fixtures.entries(file)).containsKey("preprocessing.json");

        Sequential loaded = Sequential.load(file);
        assertThat(loaded.preprocessing()).contains(schema);
        Path shuffled = dir.resolve("shuffled.csv");
        java.nio.file.Files.writeString(shuffled, "colour,note,size\nred,x,50\nblue,y,80\ngreen,z,60\nred,w,100\n");
        CsvData fresh = new Csv().schema(loaded.preprocessing().orElseThrow()).read(shuffled);
        assertThat(loaded.predict(fresh.x()).toArray()).containsExactly(model.predict(scaler.transform(d.x())).toArray());

        Path again = dir.resolve("again.nrn");
        loaded.save(again);
        assertThat(Fixtures.entries(again).get("preprocessing.json")).as("the same bytes on a second save")
                .isEqualTo(Fixtures.entries(file).get("preprocessing.json"));
    }

    @Test
    void aModelWithoutSchemaHasNoEntryAndLoadsWithNone() throws IOException {
        Sequential model = new Sequential(input(4), dense(1)).seed(1);
        Path file = dir.resolve("plain.nrn");
        model.save(file);
        assertThat(Fixtures.entries(file).keySet()).containsExactly("config.json", "weights.npz");
        assertThat(Sequential.load(file).preprocessing()).isEmpty();
        Sequential removed = model(data().schema()).preprocessing(null);
        removed.save(file, false);
        assertThat(Sequential.load(file).preprocessing()).isEmpty();
    }

    @Test
    void checkpointsCarryTheSchema() throws IOException {
        CsvData d = data();
        Sequential model = model(d.schema());
        model.fit(d.x(), d.y(), Fit.epochs(2).verbose(0).callbacks(new ModelCheckpoint(dir.resolve("epoch-{epoch}.nrn"))));
        assertThat(Sequential.load(dir.resolve("epoch-1.nrn")).preprocessing()).contains(d.schema());
        assertThat(Sequential.load(dir.resolve("epoch-2.nrn")).preprocessing()).contains(d.schema());
    }

    @Test
    void aSchemaOfAnotherWidthIsRefused() throws IOException {
        TableSchema schema = data().schema();
        Sequential built = new Sequential(input(3), dense(1));
        assertThatThrownBy(() -> built.preprocessing(schema)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the schema encodes 4 input columns [size, colour=blue, colour=green, colour=red]")
                .hasMessageContaining("the model's input [3] has 3");
        Sequential unbuilt = new Sequential(dense(1)).preprocessing(schema);
        unbuilt.build(3);
        assertThatThrownBy(() -> unbuilt.save(dir.resolve("x.nrn"))).hasMessageContaining("the schema encodes 4");
    }

    @Test
    void aBadPreprocessingEntryIsNamedWithItsKey() throws IOException {
        Path valid = dir.resolve("valid.nrn");
        model(data().schema()).save(valid);
        Path bad = dir.resolve("bad.nrn");

        assertBad(valid, bad, "{not json".getBytes(StandardCharsets.UTF_8), "preprocessing.json is not valid JSON");
        assertBad(valid, bad, "[1, 2]".getBytes(StandardCharsets.UTF_8),
                "preprocessing.json: the content must be a JSON object, got [1, 2]");
        Map<String, Object> config = schemaJson(valid);
        columns(config).get(1).put("categories", List.of(7));
        assertBad(valid, bad, JSON.writeValueAsBytes(config),
                "preprocessing.json: 'columns[1].categories[0]' must be a string, got 7");
        config = schemaJson(valid);
        columns(config).get(0).put("type", "categorical");
        columns(config).get(0).put("categories", List.of("a", "b", "c"));
        columns(config).get(0).remove("fill");
        assertBad(valid, bad, JSON.writeValueAsBytes(config),
                "preprocessing.json: preprocessing: the schema encodes 6 input columns");
        config = schemaJson(valid);
        config.put("header", 1);
        assertBad(valid, bad, JSON.writeValueAsBytes(config), "preprocessing.json: 'header' must be true or false, got 1");

        // a valid schema larger than config.json: the JSON bound applies to it too
        config = schemaJson(valid);
        columns(config).get(0).put("name", "s".repeat(20_000));
        Fixtures.rewrite(valid, bad, Map.of("preprocessing.json", JSON.writeValueAsBytes(config)));
        assertThat(Sequential.load(bad).preprocessing().orElseThrow().columns().get(0).name()).hasSize(20_000);
        assertThatThrownBy(() -> Sequential.load(bad, new ModelFileLimits(1 << 20, 100, 10_000, 1 << 20)))
                .isInstanceOf(ModelFileException.class)
                .hasMessageMatching(".*preprocessing\\.json: \\d+ bytes uncompressed, more than the limit of 10000");
    }

    private static void assertBad(Path valid, Path bad, byte[] entry, String message) throws IOException {
        Fixtures.rewrite(valid, bad, Map.of("preprocessing.json", entry));
        assertThatThrownBy(() -> Sequential.load(bad)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(bad + ": " + message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemaJson(Path file) throws IOException {
        return JSON.readValue(Fixtures.entries(file).get("preprocessing.json"), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> columns(Map<String, Object> config) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Object c : (List<Object>) config.get("columns")) {
            columns.add((Map<String, Object>) c);
        }
        config.put("columns", columns);
        return columns;
    }
}
