package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.train.History;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochAxisTest {

    @Test
    void shortRunsLabelEveryEpoch() {
        assertThat(EpochAxis.spacing(5)).isEqualTo(1);
        assertThat(EpochAxis.ticks(5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(EpochAxis.ticks(1)).containsExactly(1);
        assertThat(EpochAxis.ticks(10)).hasSize(10);
    }

    @Test
    void longerRunsLabelRoundEpochs() {
        assertThat(EpochAxis.ticks(20)).containsExactly(2, 4, 6, 8, 10, 12, 14, 16, 18, 20);
        assertThat(EpochAxis.ticks(77)).containsExactly(10, 20, 30, 40, 50, 60, 70);
        assertThat(EpochAxis.ticks(100)).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(EpochAxis.ticks(300)).containsExactly(50, 100, 150, 200, 250, 300);
    }

    @Test
    void theSpacingIsTheSmallestRoundStepWithAtMostTenLabels() {
        List<Integer> round = List.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000);
        for (int n = 1; n <= 20_000; n += n < 400 ? 1 : 37) {
            int s = EpochAxis.spacing(n);
            assertThat(round).as("spacing of %d epochs", n).contains(s);
            assertThat(n / s).as("labels for %d epochs", n).isBetween(1, EpochAxis.MAX_LABELS);
            int smaller = round.indexOf(s) == 0 ? 0 : round.get(round.indexOf(s) - 1);
            if (smaller > 0) {
                assertThat(n / smaller).as("the next smaller step for %d epochs", n).isGreaterThan(EpochAxis.MAX_LABELS);
            }
        }
        assertThatThrownBy(() -> EpochAxis.spacing(0)).hasMessageContaining("at least 1 epoch, got 0");
    }

    @Test
    void historyPlotsOfLongRunsRender() throws Exception {
        for (int n : new int[] {1, 5, 20, 77, 300}) {
            History h = new History();
            IntStream.range(0, n).forEach(e -> h.add(Map.of("loss", 1.0 / (e + 1), "val_loss", 1.1 / (e + 1))));
            Pictures.renderedPng(Plots.history(h), 600, 400);
        }
    }
}
