package dev.neurona.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsing and statistics helpers of the end-to-end benchmark (the benchmarks themselves are never tests). */
class HelpersTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.median(3, 1, 2)).isEqualTo(2);
        assertThat(Stats.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Stats.median()).isNaN();
    }

    @Test
    void steadyEpochsSkipTheFirst() {
        assertThat(Stats.steadyEpochSeconds(new double[] {10, 2, 4})).isEqualTo(3);
        assertThat(Stats.steadyEpochSeconds(new double[] {7})).isEqualTo(7);
    }

    @Test
    void readsThePythonContendersLine() {
        Map<String, Object> r = JsonLine.parse("{\"contender\": \"pytorch\", \"threads\": 1, \"ok\": true, \"blas\": null, "
                + "\"epoch_s\": [2.78, 2.99e0], \"reason\": \"a \\\"quoted\\\" \\u00b5s\", \"samples_per_s\": -1.5E+4}");
        assertThat(r).containsEntry("contender", "pytorch").containsEntry("threads", 1.0).containsEntry("ok", true)
                .containsEntry("blas", null).containsEntry("reason", "a \"quoted\" µs").containsEntry("samples_per_s", -15000.0);
        assertThat((double[]) r.get("epoch_s")).containsExactly(2.78, 2.99);
        assertThatThrownBy(() -> JsonLine.parse("{\"a\": [\"x\"]}")).hasMessageContaining("numbers only");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\": 1} x")).hasMessageContaining("trailing");
    }

    @Test
    void writesWhatItReads() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "tab\there");
        m.put("n", 0.25);
        m.put("a", new double[] {1, 2.5});
        m.put("nan", Double.NaN);
        Map<String, Object> back = JsonLine.parse(JsonLine.write(m));
        assertThat(back).containsEntry("s", "tab\there").containsEntry("n", 0.25).containsEntry("nan", null);
        assertThat((double[]) back.get("a")).containsExactly(1, 2.5);
    }

    @Test
    void readsPeakRssAndSummarizesRuns() {
        assertThat(PeakRss.parseKb("VmPeak:\t 100 kB\nVmHWM:\t   2048 kB\nVmRSS: 1 kB\n")).isEqualTo(2048);
        Map<String, Object> run = new LinkedHashMap<>(Map.of("status", "ok", "train_samples", 600.0,
                "epoch_s", new double[] {9, 2, 4}, "test_accuracy", 0.8, "predict_us", 10.0,
                "infer_samples_per_s", 1e5, "peak_rss_mb", 300.0));
        ResultTable.Summary s = ResultTable.summarize("x", List.of(run));
        assertThat(s.samplesPerSecond()).isEqualTo(200);
        assertThat(s.epochs()).isEqualTo(3);
        assertThat(ResultTable.summarize("y", List.of(Map.of("status", "unavailable", "reason", "no lib"))).reason())
                .isEqualTo("no lib");
        ResultTable.Summary one = new ResultTable.Summary("PyTorch 1t", "ok", "", 1, 3, 100, 0.8, 20, 5e5, 400);
        ResultTable.Summary two = new ResultTable.Summary("PyTorch 2t", "ok", "", 1, 3, 50, 0.8, 10, 9e5, 450);
        ResultTable.Summary best = ResultTable.bestOf(one, List.of(one, two));
        assertThat(best.label()).isEqualTo("PyTorch best (1t)");
        assertThat(best.samplesPerSecond()).isEqualTo(100);
        assertThat(best.predictMicros()).isEqualTo(10);
        assertThat(best.inferSamplesPerSecond()).isEqualTo(9e5);
        assertThat(best.peakRssMb()).isEqualTo(400);
    }
}
