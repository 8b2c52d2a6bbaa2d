package dev.neurona.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example's {@code main} (except the two on Fashion-MNIST, {@code FashionMnistExample}
 * and {@code ConvnetFashionExample}, which take minutes; the end-to-end tests train both networks)
 * with standard output captured, and checks the line that carries the slide's message, so
 * that the examples cannot silently rot; and checks that each wrote its figures, here into a
 * temporary folder (through {@code -Dneurona.figures}) rather than the working directory.
 */
class ExamplesTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path figures;

    @BeforeEach
    void writeFiguresIntoTheTemporaryFolder() {
        System.setProperty(Figures.PROPERTY, figures.toString());
    }

    @AfterEach
    void restoreTheFiguresFolder() {
        System.clearProperty(Figures.PROPERTY);
    }

    /** Each named figure was written as a non-empty PNG, and the example said so. */
    private void assertFigures(String output, String... names) throws Exception {
        for (String name : names) {
            Path file = figures.resolve(name);
            assertThat(file).as(name).isRegularFile().isNotEmptyFile();
            assertThat(Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length)).as(name + " is a PNG")
                    .isEqualTo(PNG_SIGNATURE);
            assertThat(output).contains("Wrote " + file);
        }
        try (var written = Files.list(figures)) {
            assertThat(written).as("no other files").hasSize(names.length);
        }
    }

    /** Runs {@code main} and returns what it printed. */
    private static String run(Consumer<String[]> main) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.accept(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        original.print(output);   // keep it visible in the test report
        return output;
    }

    /** The number after {@code prefix} in the first line that has it. */
    private static double number(String output, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\s*(-?[0-9.]+)").matcher(output);
        assertThat(m.find()).as("output has '%s'", prefix).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void perceptronConvergesOnSeparableDataAndNotOnXor() throws Exception {
        String out = run(PerceptronExample::main);
        assertThat(out).contains("converged after 3 epochs (4 updates)");
        assertThat(out).contains("not converged after 12 epochs: still 4 mistakes in the last epoch");
        assertFigures(out, "perceptron_steps.png", "perceptron_xor.png");
    }

    @Test
    void combinedPerceptronsComputeXor() throws Exception {
        String out = run(XorNetworkExample::main);
        // the hand-wired network's truth table: x1, x2 | h1 (OR), h2 (NAND) | y (XOR)
        assertThat(out).contains("  -1   -1 | -1.00   1.00 | -1.00", "  -1    1 |  1.00   1.00 |  1.00",
                "   1   -1 |  1.00   1.00 |  1.00", "   1    1 |  1.00  -1.00 | -1.00");
        assertThat(out).contains("accuracy on the four corners: 1.00");
        assertFigures(out, "xor_decision_boundary.png", "xor_network.png");
    }

    @Test
    void learningRatesAreTooSmallGoodAndDiverging() throws Exception {
        String out = run(GradientDescentExample::main);
        assertThat(out).contains("eta = 0.02: too small", "eta = 0.3: good: converged to w = 3.0000",
                "eta = 1.05: too large: diverges");
        assertFigures(out, "learning_rates.png");
    }

    @Test
    void backpropByHandEqualsAutogradEqualsReference() throws Exception {
        String out = run(BackpropExample::main);
        assertThat(out).contains("OK: the 5 derivatives by hand and by autograd agree");
        // PyTorch's float64 values of the reference case seed_backprop_example
        double[] reference = {0.007357660802089934, 0.002170816785664513, -0.0037851794908364276,
                -0.036760141907993676, -0.017969779364004252};
        String[] names = {"de/dw10", "de/dw11", "de/dw12", "de/dw20", "de/dw21"};
        for (int i = 0; i < names.length; i++) {
            Matcher m = Pattern.compile(names[i] + "\\s+(\\S+)\\s+(\\S+)").matcher(out);
            assertThat(m.find()).as(names[i]).isTrue();
            assertThat(Double.parseDouble(m.group(1))).as(names[i] + " by hand").isCloseTo(reference[i], within(1e-9));
            assertThat(Double.parseDouble(m.group(2))).as(names[i] + " by autograd").isCloseTo(reference[i], within(1e-7));
        }
        assertThat(number(out, "e    =")).isCloseTo(0.013354380672114457, within(1e-6));
        assertFigures(out);   // a worked calculation: nothing to draw
    }

    @Test
    void regressionNetworksFitOneAndTwoOutputs() throws Exception {
        String out = run(RegressionExample::main);
        List<Double> r2 = Pattern.compile("r2 = ([0-9.]+)").matcher(out).results()
                .map(r -> Double.parseDouble(r.group(1))).toList();
        assertThat(r2).hasSize(2).allSatisfy(v -> assertThat(v).isGreaterThan(0.95));
        assertFigures(out, "regression_history.png");
    }

    @Test
    void binaryNetworkSeparatesTheMoons() throws Exception {
        String out = run(BinaryClassificationExample::main);
        assertThat(number(out, "accuracy =")).isGreaterThanOrEqualTo(0.95);
        assertFigures(out, "moons_decision_boundary.png");
    }

    @Test
    void multiClassNetworkSeparatesTheSpirals() throws Exception {
        String out = run(MultiClassExample::main);
        assertThat(number(out, "accuracy =")).isGreaterThanOrEqualTo(0.95);
        assertFigures(out, "spirals_decision_boundary.png", "spirals_confusion_matrix.png");
    }

    @Test
    void everyOptimizerTrainsAndMomentumBeatsPlainFullBatchDescent() throws Exception {
        String out = run(OptimizersExample::main);
        String[] rows = {"GD (full batch)", "SGD (batch 1)", "mini-batch SGD", "momentum 0.9", "Nesterov 0.9",
                "Adagrad", "RMSprop", "Adadelta", "Adam", "AdamW", "Adamax", "Nadam"};
        double gd = Double.NaN;
        for (String row : rows) {
            double[] values = Arrays.stream(out.lines().filter(l -> l.startsWith(row + " ")).findFirst()
                            .orElseThrow(() -> new AssertionError("no row " + row)).substring(row.length()).trim().split("\\s+"))
                    .mapToDouble(Double::parseDouble).toArray();
            double first = values[2];
            double last = values[5];
            assertThat(last).as(row + ": loss after 20 epochs below the first epoch's").isLessThan(first);
            if (row.startsWith("GD")) {
                gd = last;
            } else {
                assertThat(last).as(row + " ahead of full-batch GD").isLessThan(gd);
            }
        }
        assertFigures(out, "optimizer_paths.png");
    }

    @Test
    void aConvolutionByHandEqualsTheConv2dLayer() throws Exception {
        String out = run(ConvolutionExample::main);
        assertThat(out).contains("OK: the loops and the conv2d layer agree");
        // the edge runs between columns 2 and 3 in the top rows and 1 and 2 below: the kernel finds it
        String byHand = out.substring(out.indexOf("By hand"), out.indexOf("conv2d(1, 3) layer"));
        String byLayer = out.substring(out.indexOf("conv2d(1, 3) layer"), out.indexOf("largest difference"));
        assertThat(byHand).contains("  0.0  3.0  3.0", "  1.0  3.0  2.0", "  2.0  3.0  1.0");
        assertThat(byLayer.substring(byLayer.indexOf('\n'))).isEqualTo(byHand.substring(byHand.indexOf('\n')));
        assertFigures(out);   // a worked calculation: nothing to draw
    }
}
