package dev.neurona.cli;

import static dev.neurona.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.cli.CliTest.Result;
import dev.neurona.models.Sequential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV data on the command line: what the reader refuses is named with its line and column, with flag advice. */
class CsvReadingCliTest {

    @TempDir
    Path tmp;

    /** {@code zip,size,price}: zip codes that look like numbers, a size, and a price to predict. */
    private static String houses(int n) {
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("zip,size,price\n");
        for (int i = 0; i < n; i++) {
            int zip = 1000 * (1 + r.nextInt(3));
            double size = 50 + 100 * r.nextDouble();
            csv.append(String.format(Locale.ROOT, "%d,%.2f,%.2f%n", zip, size, 2 * size + zip / 100.0));
        }
        return csv.toString();
    }

    private Result train(String file, String... flags) {
        List<String> args = new ArrayList<>(List.of("train", "--data", "csv:" + file, "--out",
                tmp.resolve("runs").toString(), "--quiet", "--epochs", "2", "--layers", "4"));
        args.addAll(List.of(flags));
        return run(args.toArray(String[]::new));
    }

    private Path onlyRun() throws Exception {
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    @Test
    void aHeaderWithAByteOrderMarkNamesItsFirstColumnAsTheTarget() throws Exception {
        Path file = tmp.resolve("bom.csv");
        String text = "price,zip,size\n" + houses(40).lines().skip(1)
                .map(l -> { String[] c = l.split(","); return c[2] + "," + c[0] + "," + c[1]; })
                .reduce("", (a, b) -> a + b + "\n");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(file, bytes);
        Result r = train(file.toString(), "--target", "price");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void aWordAmongNumbersNamesTheCellAndAdvisesCategorical() throws Exception {
        Path file = tmp.resolve("houses.csv");
        String text = houses(30).replaceFirst("\n(\\d+),", "\nnorth,");   // the first data row's zip
        Files.writeString(file, text);
        Result r = train(file.toString(), "--target", "price");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(file + ", row 2, column 'zip' (1): 'north' is not a number; the column is numeric "
                + "(29 of its 30 values are numbers); use --categorical zip if the column holds categories");
        assertThat(r.err()).doesNotContain("categorical(");
    }

    @Test
    void categoricalMakesNumberLikeColumnsOneHotAndIsRecordedForPlot() throws Exception {
        Path file = tmp.resolve("houses.csv");
        Files.writeString(file, houses(40));
        Result r = train(file.toString(), "--target", "price", "--categorical", "zip");
        assertThat(r.code()).as(r.err()).isZero();
        Path run = onlyRun();
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertThat(config.get("categorical").get(0).asText()).isEqualTo("zip");
        // the saved columns: three zip categories and the size
        assertThat(Sequential.load(run.resolve("model.nrn")).preprocessing().orElseThrow().featureNames())
                .containsExactly("zip=1000", "zip=2000", "zip=3000", "size");
        Result plot = run("plot", run.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
    }

    @Test
    void categoricalNeedsCsvDataAndAKnownColumn() throws Exception {
        Result builtIn = run("train", "--data", "xor", "--categorical", "a", "--quiet", "--epochs", "1",
                "--out", tmp.resolve("runs").toString());
        assertThat(builtIn.code()).isEqualTo(2);
        assertThat(builtIn.err()).contains("--categorical a: only csv:FILE data has columns to name");
        Path file = tmp.resolve("houses.csv");
        Files.writeString(file, houses(20));
        Result unknown = train(file.toString(), "--target", "price", "--categorical", "zp");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("column 'zp': unknown column named categorical; the columns are "
                + "[zip, size, price]; did you mean 'zip'?");
    }

    @Test
    void filesThatAreNotCsvTextSaySo() throws Exception {
        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "city,price\nMálaga,3\n".getBytes(StandardCharsets.ISO_8859_1));
        Result r = train(latin1.toString(), "--target", "price");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(latin1 + ", row 2: not UTF-8 text: byte 0xE1 at byte offset 12 (line 2)");
        Path folder = Files.createDirectory(tmp.resolve("data"));
        Result dir = train(folder.toString(), "--target", "price");
        assertThat(dir.code()).isEqualTo(2);
        assertThat(dir.err()).contains("is a folder; give a file");
    }
}
