package dev.neurona.cli;

import static dev.neurona.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.cli.CliTest.Result;
import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.data.OneHot;
import dev.neurona.data.Split;
import dev.neurona.data.TableSchema;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained on a CSV file keeps its columns and encodings: predict and evaluate read new files through them. */
class CsvSchemaCliTest {

    private static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
    private static final List<String> DISTRICTS = List.of("north", "south", "east", "west");

    @TempDir
    static Path tmp;
    static Path iris;
    static Path irisModel;
    static Path houses;
    static Path housesModel;

    @BeforeAll
    static void trainOnIrisAndHouses() throws Exception {
        iris = tmp.resolve("iris.csv");
        Files.writeString(iris, irisCsv());
        irisModel = train("iris", "csv:" + iris, "--target", "species", "--layers", "16", "--epochs", "60",
                "--batch-size", "16", "--lr", "0.01");
        houses = tmp.resolve("houses.csv");
        Files.writeString(houses, housesCsv(200, 3));
        housesModel = train("houses", "csv:" + houses, "--target", "price", "--layers", "16", "--epochs", "40",
                "--lr", "0.01");
    }

    private static Path train(String name, String data, String... flags) throws Exception {
        Path runs = tmp.resolve("runs-" + name);
        List<String> args = new ArrayList<>(List.of("train", "--data", data, "--out", runs.toString(), "--quiet"));
        args.addAll(List.of(flags));
        Result train = run(args.toArray(String[]::new));
        assertThat(train.code()).as(train.err()).isZero();
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.findFirst().orElseThrow().resolve("model.nrn");
        }
    }

    /** All 150 flowers with a header and the species by name, from the shipped set. */
    private static String irisCsv() {
        Split split = Datasets.iris();
        StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        for (Dataset part : List.of(split.train(), split.test())) {
            float[][] x = part.x().toArray2d();
            int[] ids = OneHot.classIds(part.y());
            for (int i = 0; i < x.length; i++) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s%n", x[i][0], x[i][1], x[i][2], x[i][3], SPECIES.get(ids[i])));
            }
        }
        return csv.toString();
    }

    /** Prices from size, a district (a categorical column) and rooms. */
    private static String housesCsv(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("size,district,rooms,price\n");
        for (int i = 0; i < n; i++) {
            double size = 50 + 100 * r.nextDouble();
            int district = r.nextInt(DISTRICTS.size());
            int rooms = 1 + r.nextInt(5);
            double price = 2 * size + 40 * district + 10 * rooms + r.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.1f,%s,%d,%.2f%n", size, DISTRICTS.get(district), rooms, price));
        }
        return csv.toString();
    }

    private static List<String> predict(Path model, String csv, String... flags) throws Exception {
        Path input = Files.createTempFile(tmp, "input", ".csv");
        Files.writeString(input, csv);
        Path output = Files.createTempFile(tmp, "predictions", ".csv");
        List<String> args = new ArrayList<>(List.of("predict", model.toString(), "--input", input.toString(),
                "--output", output.toString()));
        args.addAll(List.of(flags));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return Files.readAllLines(output);
    }

    /** The file with its columns in another order and an extra column. */
    private static String shuffled(String csv, int[] order, String extra) {
        StringBuilder out = new StringBuilder();
        String[] lines = csv.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            List<String> row = new ArrayList<>();
            row.add(i == 0 ? extra : "x" + i);
            for (int c : order) {
                row.add(cells[c]);
            }
            out.append(String.join(",", row)).append('\n');
        }
        return out.toString();
    }

    @Test
    void theSchemaIsSavedWithTheModel() throws Exception {
        TableSchema schema = Sequential.load(irisModel).preprocessing().orElseThrow();
        assertThat(schema.targets()).containsExactly("species");
        assertThat(schema.labels()).isEqualTo(SPECIES);
        assertThat(schema.featureNames()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(schema.scaler()).as("the model's Normalization layer scales; the schema does not").isEmpty();
        TableSchema houseSchema = Sequential.load(housesModel).preprocessing().orElseThrow();
        assertThat(houseSchema.columns().get(1).categories()).containsExactly("east", "north", "south", "west");
    }

    @Test
    void classificationWritesProbabilitiesPerLabelAndTheLabel() throws Exception {
        List<String> rows = predict(irisModel, "petal_width,species,sepal_length,petal_length,sepal_width,notes\n"
                + "0.2,,5.1,1.4,3.5,first\n2.3,,6.7,5.2,3.0,second\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo("p_setosa,p_versicolor,p_virginica,species");
        assertThat(rows.get(1)).endsWith(",setosa");
        assertThat(rows.get(2)).endsWith(",virginica");
        double sum = Stream.of(rows.get(1).split(",")).limit(3).mapToDouble(Double::parseDouble).sum();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void regressionNamesTheOutputAfterTheTargetAndShuffledColumnsPredictAlike() throws Exception {
        String csv = Files.readString(houses);
        List<String> original = predict(housesModel, csv);
        assertThat(original).hasSize(201);
        assertThat(original.get(0)).isEqualTo("price");
        List<String> moved = predict(housesModel, shuffled(csv, new int[] {3, 1, 2, 0}, "note"));
        assertThat(moved).isEqualTo(original);

        Sequential model = Sequential.load(housesModel);
        CsvData read = new Csv().target("price").read(houses);
        float[] expected = model.predict(read.x()).toArray();
        for (int i = 0; i < 5; i++) {
            assertThat(original.get(i + 1)).isEqualTo(String.format(Locale.ROOT, "%.6g", expected[i]));
        }
    }

    @Test
    void categoriesAreEncodedAsInTraining() throws Exception {
        // only the north rows: alone, 'north' would be the only category and get other columns
        String[] lines = Files.readString(houses).split("\n");
        List<String> all = predict(housesModel, Files.readString(houses));
        StringBuilder north = new StringBuilder(lines[0]).append('\n');
        List<String> expected = new ArrayList<>(List.of("price"));
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].contains(",north,")) {
                north.append(lines[i]).append('\n');
                expected.add(all.get(i));
            }
        }
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(predict(housesModel, north.toString())).isEqualTo(expected);
    }

    @Test
    void anUnseenCategoryOrAMissingColumnIsNamed() throws Exception {
        Path input = tmp.resolve("unseen.csv");
        Files.writeString(input, "size,district,rooms\n70,north,3\n80,central,2\n");
        Result unseen = run("predict", housesModel.toString(), "--input", input.toString());
        assertThat(unseen.code()).isEqualTo(1);
        assertThat(unseen.err()).contains(input + ", row 3, column 'district' (2): unknown category 'central'; "
                + "the model knows [east, north, south, west]");

        Path lacking = tmp.resolve("lacking.csv");
        Files.writeString(lacking, "size,district\n70,north\n");
        Result missing = run("predict", housesModel.toString(), "--input", lacking.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains(lacking + ": has no column 'rooms', which the model needs");
    }

    @Test
    void evaluateScoresEveryRowOfTheFileThroughTheSchema() throws Exception {
        Result evaluate = run("evaluate", irisModel.toString(), "--data", "csv:" + iris);
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        long rows = Files.readAllLines(iris).size() - 1;
        assertThat(evaluate.out()).contains("Scored all " + rows + " rows of " + iris);

        // the numbers are those of all rows: the same as Java's evaluate on the whole file
        Sequential model = Sequential.load(irisModel);
        CsvData all = new Csv().schema(model.preprocessing().orElseThrow()).read(iris);
        Tensor y = OneHot.toCategorical(all.y(), 3);
        assertThat(evaluate.out()).contains(TrainCommand.format(model.evaluate(Dataset.of(all.x(), y))));

        Result builtin = run("evaluate", irisModel.toString(), "--data", "iris");
        assertThat(builtin.out()).contains("Scored the test part of iris (30 samples)");

        Result wrongTarget = run("evaluate", irisModel.toString(), "--data", "csv:" + iris, "--target", "petal_width");
        assertThat(wrongTarget.code()).isEqualTo(2);
        assertThat(wrongTarget.err()).contains("--target petal_width: the model was trained to predict 'species'");
        assertThat(run("evaluate", irisModel.toString(), "--data", "csv:" + iris, "--target", "species").code()).isZero();

        Path features = tmp.resolve("features-only.csv");
        Files.writeString(features, "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n");
        Result noTarget = run("evaluate", irisModel.toString(), "--data", "csv:" + features);
        assertThat(noTarget.code()).isEqualTo(1);
        assertThat(noTarget.err()).contains("has no target column 'species'");
    }

    @Test
    void binaryStringLabelsGetTheirNames(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("a,b,answer\n");
        for (int i = 0; i < 200; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", a, b, a + b > 0 ? "yes" : "no"));
        }
        Path file = dir.resolve("answers.csv");
        Files.writeString(file, csv);
        Path model = train("answers", "csv:" + file, "--target", "answer", "--layers", "8", "--epochs", "30", "--lr", "0.02");
        List<String> rows = predict(model, "b,a\n2,2\n-2,-2\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo("p_yes,answer");
        assertThat(rows.get(1)).endsWith(",yes");
        assertThat(rows.get(2)).endsWith(",no");
    }

    @Test
    void missingCellsFollowTheMissingFlagWithCommandLineAdvice() throws Exception {
        String csv = housesCsv(60, 9).replaceFirst("\n([0-9.]+),", "\nNA,");
        Path withGaps = tmp.resolve("gaps.csv");
        Files.writeString(withGaps, csv);
        Result refused = run("train", "--data", "csv:" + withGaps, "--target", "price", "--epochs", "1", "--quiet",
                "--out", tmp.resolve("runs-gaps").toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains(withGaps + ", row 2, column 'size' (1): missing value ('NA'); "
                + "use --missing drop to leave such rows out, or --missing mean to fill them in").doesNotContain("Csv.Missing");
        for (String how : List.of("drop", "mean")) {
            Result ok = run("train", "--data", "csv:" + withGaps, "--target", "price", "--epochs", "1", "--quiet",
                    "--out", tmp.resolve("runs-gaps-" + how).toString(), "--missing", how);
            assertThat(ok.code()).as(how + ": " + ok.err()).isZero();
        }
        Result badFlag = run("train", "--data", "csv:" + withGaps, "--target", "price", "--missing", "sometimes");
        assertThat(badFlag.code()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--missing sometimes: use error, drop or mean");

        String input = "size,district,rooms\n70,north,3\n,south,2\n90,west,?\n100,east,4\n";
        Path gapsIn = tmp.resolve("gaps-in.csv");
        Files.writeString(gapsIn, input);
        Result predictRefused = run("predict", housesModel.toString(), "--input", gapsIn.toString());
        assertThat(predictRefused.code()).isEqualTo(1);
        assertThat(predictRefused.err()).contains(gapsIn + ", row 3, column 'size' (1): missing value ('')", "--missing drop",
                "--missing mean").doesNotContain("Csv.Missing");
        List<String> dropped = predict(housesModel, input, "--missing", "drop");
        assertThat(dropped.get(0)).isEqualTo("row,price");
        assertThat(dropped.subList(1, dropped.size())).extracting(l -> l.split(",")[0]).containsExactly("2", "5");
        List<String> filled = predict(housesModel, input, "--missing", "mean");
        assertThat(filled).hasSize(5);
        assertThat(filled.get(1)).isEqualTo(dropped.get(1).split(",")[1]);

        Result evaluate = run("evaluate", housesModel.toString(), "--data", "csv:" + withGaps, "--missing", "drop");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Scored 59 of the 60 rows of " + withGaps + " (1 left out for missing values)");
        Result evaluateRefused = run("evaluate", housesModel.toString(), "--data", "csv:" + withGaps);
        assertThat(evaluateRefused.err()).contains("--missing drop").doesNotContain("Csv.Missing");
    }

    /** {@code iris-without-schema.nrn} was written by {@code neurona train --data csv:iris.csv --target species} before schemas existed. */
    @Test
    void anOldModelWithoutSchemaStillLoadsAndPredicts() throws Exception {
        Path old = tmp.resolve("old.nrn");
        try (InputStream in = CsvSchemaCliTest.class.getResourceAsStream("iris-without-schema.nrn")) {
            Files.copy(in, old);
        }
        Sequential loaded = Sequential.load(old);
        assertThat(loaded.preprocessing()).isEmpty();
        List<String> rows = predict(old, "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n"
                + "6.7,3.0,5.2,2.3\n5.9,2.8,4.2,1.3\n");
        assertThat(rows.get(0)).isEqualTo("p_0,p_1,p_2,class");
        assertThat(rows.subList(1, 4)).extracting(l -> l.substring(l.lastIndexOf(',') + 1)).containsExactly("0", "2", "1");

        Result evaluate = run("evaluate", old.toString(), "--data", "csv:" + iris, "--target", "species");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Scored all 150 rows of " + iris);
        double accuracy = Double.parseDouble(evaluate.out().replaceAll("(?s).*accuracy: ([0-9.]+).*", "$1"));
        assertThat(accuracy).isGreaterThan(0.9);
    }
}
