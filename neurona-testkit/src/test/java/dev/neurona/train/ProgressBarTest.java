package dev.neurona.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static Map<String, Double> logs() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.42131);
        logs.put("accuracy", 0.85119);
        return logs;
    }

    private static String run(int verbose, boolean interactive) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), verbose, interactive);
        bar.epochBegin(2, 10, 1688);
        for (int step = 1; step <= 1688; step++) {
            bar.batchEnd(step, logs());
        }
        Map<String, Double> end = new LinkedHashMap<>(logs());
        end.put("val_loss", 0.5);
        end.put("val_accuracy", 0.8);
        bar.epochEnd(end);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void notATerminalPrintsOneLinePerEpoch() {
        String out = run(1, false);
        assertThat(out.lines().toList()).hasSize(2);
        assertThat(out.lines().toList().get(0)).isEqualTo("Epoch 3/10");
        assertThat(out.lines().toList().get(1))
                .matches("1688/1688 \\[={30}\\] - \\d+s \\d+(us|ms|s)/step - loss: 0\\.4213 - accuracy: 0\\.8512"
                        + " - val_loss: 0\\.5000 - val_accuracy: 0\\.8000");
        assertThat(out).doesNotContain("\r");
    }

    @Test
    void aTerminalRewritesTheLineInPlace() {
        String out = run(1, true);
        assertThat(out).contains("\r").contains("1688/1688 [==============================]");
        assertThat(out.lines().filter(l -> l.startsWith("Epoch")).count()).isEqualTo(1);
    }

    @Test
    void verboseTwoIsOneShortLineAndZeroIsSilent() {
        String out = run(2, false);
        assertThat(out.lines().toList()).hasSize(2);
        assertThat(out.lines().toList().get(1)).startsWith("1688/1688 - ").contains("loss: 0.4213").doesNotContain("[");
        assertThat(run(0, true)).isEmpty();
    }

    @Test
    void aMessageInTheMiddleOfABarGetsALineOfItsOwn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, true);
        bar.epochBegin(0, 1, 2);
        bar.batchEnd(1, logs());
        bar.message("Warning: the loss became NaN at epoch 1, batch 1");
        bar.batchEnd(2, logs());
        bar.epochEnd(logs());
        bar.message("after the epoch");
        java.util.List<String> lines = java.util.List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("\r1/2 [").doesNotContain("Warning");
        assertThat(lines.get(2)).isEqualTo("Warning: the loss became NaN at epoch 1, batch 1");
        assertThat(lines.get(3)).startsWith("\r2/2 [");
        assertThat(lines.get(4)).isEqualTo("after the epoch");
    }
}
