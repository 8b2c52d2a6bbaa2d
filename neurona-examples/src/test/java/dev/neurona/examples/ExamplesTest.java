package dev.neurona.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs every example's {@code main} (except Fashion-MNIST's, which the end-to-end tests cover)
 * with standard output captured, and checks the line that carries the slide's message, so
 * that the examples cannot silently rot.
 */
class ExamplesTest {

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
    void perceptronConvergesOnSeparableDataAndNotOnXor() {
        String out = run(PerceptronExample::main);
        assertThat(out).contains("converged after 3 epochs (4 updates)");
        assertThat(out).contains("not converged after 12 epochs: still 4 mistakes in the last epoch");
    }

    @Test
    void combinedPerceptronsComputeXor() {
        String out = run(XorNetworkExample::main);
        // the hand-wired network's truth table: x1, x2 | h1 (OR), h2 (NAND) | y (XOR)
        assertThat(out).contains("  -1   -1 | -1.00   1.00 | -1.00", "  -1    1 |  1.00   1.00 |  1.00",
                "   1   -1 |  1.00   1.00 |  1.00", "   1    1 |  1.00  -1.00 | -1.00");
        assertThat(out).contains("accuracy on the four corners: 1.00");
    }

    @Test
    void learningRatesAreTooSmallGoodAndDiverging() {
        String out = run(GradientDescentExample::main);
        assertThat(out).contains("eta = 0.02: too small", "eta = 0.3: good: converged to w = 3.0000",
                "eta = 1.05: too large: diverges");
    }

    @Test
    void backpropByHandEqualsAutogradEqualsReference() {
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
    }

    @Test
    void regressionNetworksFitOneAndTwoOutputs() {
        String out = run(RegressionExample::main);
        List<Double> r2 = Pattern.compile("r2 = ([0-9.]+)").matcher(out).results()
                .map(r -> Double.parseDouble(r.group(1))).toList();
        assertThat(r2).hasSize(2).allSatisfy(v -> assertThat(v).isGreaterThan(0.95));
    }

    @Test
    void binaryNetworkSeparatesTheMoons() {
        assertThat(number(run(BinaryClassificationExample::main), "accuracy =")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void multiClassNetworkSeparatesTheSpirals() {
        assertThat(number(run(MultiClassExample::main), "accuracy =")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void everyOptimizerTrainsAndMomentumBeatsPlainFullBatchDescent() {
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
    }
}
