package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.data.DatasetUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a command-line user sees when something is wrong: one line of command-line advice, and exit 2 for usage errors. */
class CliErrorsTest {

    @TempDir
    Path tmp;

    private CliTest.Result train(String... flags) {
        String[] args = new String[flags.length + 4];
        args[0] = "train";
        args[1] = "--quiet";
        args[2] = "--out";
        args[3] = tmp.resolve("runs").toString();
        System.arraycopy(flags, 0, args, 4, flags.length);
        return CliTest.run(args);
    }

    @Test
    void aMistypedCommandGetsADidYouMean() {
        CliTest.Result r = CliTest.run("trian");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'trian' (did you mean 'train'?)");
    }

    @Test
    void aMistypedOptionGetsADidYouMean() {
        CliTest.Result r = train("--epoch", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option '--epoch' for 'neurona train' (did you mean '--epochs'?)");
        assertThat(train("--batchsize=8").err()).contains("(did you mean '--batch-size'?)");
    }

    @Test
    void aMistypedDataSetGetsADidYouMean() {
        CliTest.Result r = train("--data", "irsi");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--data irsi: unknown data set (did you mean 'iris'?)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--epochs, 0, a positive number of passes", "--epochs, -3, a positive number of passes",
            "--batch-size, 0, a positive number of samples", "--validation-split, -0.1, a fraction in [0, 1)",
            "--validation-split, 1, a fraction in [0, 1)", "--lr, 0, a positive learning rate",
            "--layers, 0, every size must be a positive integer"})
    void outOfRangeNumbersAreUsageErrorsNamingTheFlagAndTheRange(String flag, String value, String expected) {
        CliTest.Result r = train("--data", "xor", flag, value);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(flag).contains(expected).doesNotContain("Exception");
    }

    @Test
    void unknownNamesAreUsageErrors() {
        CliTest.Result r = train("--data", "xor", "--optimizer", "adamm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("adamm").contains("adam");
        assertThat(train("--data", "xor", "--activation", "rleu").code()).isEqualTo(2);
        assertThat(train("--data", "xor", "--loss", "mse2").code()).isEqualTo(2);
    }

    @Test
    void earlyStoppingWithoutValidationDataIsAnError() {
        CliTest.Result r = train("--data", "xor", "--early-stopping", "3", "--validation-split", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--early-stopping").contains("--validation-split 0.2");
    }

    @Test
    void anOutThatIsAFileOrCannotBeCreatedSaysWhatFailed() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        CliTest.Result r = CliTest.run("train", "--data", "xor", "--quiet", "--out", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--out " + file + ": that is a file; give a folder");

        Path below = file.resolve("runs");
        r = CliTest.run("train", "--data", "xor", "--quiet", "--out", below.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--out " + below + ": cannot create the run folder");
    }

    /** A small model trained on a CSV file, and that file. */
    private Path[] csvModel() throws Exception {
        Path csv = tmp.resolve("points.csv");
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Files.writeString(csv, rows);
        CliTest.Result r = train("--data", "csv:" + csv, "--target", "label", "--epochs", "2");
        assertThat(r.code()).as(r.err()).isZero();
        try (var runs = Files.list(tmp.resolve("runs"))) {
            return new Path[] {runs.findFirst().orElseThrow().resolve("model.nrn"), csv};
        }
    }

    @Test
    void inputFilesThatAreFoldersOrMissingAreNamedAsSuch() throws Exception {
        Path[] m = csvModel();
        CliTest.Result folder = CliTest.run("predict", m[0].toString(), "--input", tmp.toString());
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("--input " + tmp + ": " + tmp.toAbsolutePath() + " is a folder; give a file");
        CliTest.Result missing = CliTest.run("predict", m[0].toString(), "--input", "missing.csv");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--input missing.csv: no such file ");
        CliTest.Result data = CliTest.run("evaluate", m[0].toString(), "--data", "csv:" + tmp);
        assertThat(data.code()).isEqualTo(2);
        assertThat(data.err()).contains("is a folder; give a file");
    }

    @Test
    void outputsGoIntoNewFoldersAtomicallyAndErrorsNameTheUsersPath() throws Exception {
        Path[] m = csvModel();
        Path predictions = tmp.resolve("out/deeper/predictions.csv");
        CliTest.Result ok = CliTest.run("predict", m[0].toString(), "--input", m[1].toString(), "--output",
                predictions.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(41).first().asString().isEqualTo("p_odd,label");

        Path onnx = tmp.resolve("export/onnx/model.onnx");
        assertThat(CliTest.run("export", m[0].toString(), "--out", onnx.toString()).code()).isZero();
        assertThat(Files.size(onnx)).isPositive();

        Path blocked = m[1].resolve("predictions.csv");   // below a plain file
        CliTest.Result bad = CliTest.run("predict", m[0].toString(), "--input", m[1].toString(), "--output",
                blocked.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("cannot write " + blocked).doesNotContain(".tmp");
    }

    @Test
    void aPathOnlyGoesWithTheSetsThatReadFiles() {
        CliTest.Result r = train("--data", "iris:/tmp");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("only csv:FILE, mnist:DIR, fashion-mnist:DIR and cifar10:DIR take a path");
    }

    @Test
    void aMissingDownloadableSetIsExplainedInCommandLineTerms() {
        DatasetUnavailableException e = new DatasetUnavailableException("MNIST is not available ... into ~/x",
                "a directory you pass to Datasets.mnist(Path)", null);
        assertThat(e.getMessage()).endsWith("into ~/x or a directory you pass to Datasets.mnist(Path)");
        assertThat(e.messageWithFolderAdvice("a folder you give as --data mnist:DIR"))
                .endsWith("into ~/x or a folder you give as --data mnist:DIR").doesNotContain("Datasets.");
    }

    @Test
    void everyHelpExampleFitsOnAnEightyColumnLine() {
        picocli.CommandLine root = new picocli.CommandLine(new Neurona());
        java.util.List<picocli.CommandLine> commands = new java.util.ArrayList<>(root.getSubcommands().values());
        commands.add(root);
        for (picocli.CommandLine c : commands) {
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                assertThat(line.length()).as(c.getCommandName() + ": " + line).isLessThanOrEqualTo(80);
            }
        }
    }

    @Test
    void suggestionsOnlyForCloseNames() {
        assertThat(Suggestions.didYouMean("trian", java.util.List.of("train", "evaluate"))).contains("'train'");
        assertThat(Suggestions.didYouMean("xyzzy", java.util.List.of("train", "evaluate"))).isEmpty();
    }
}
