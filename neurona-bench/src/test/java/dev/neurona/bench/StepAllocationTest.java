package dev.neurona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation count runs every configuration and its table subtracts the result (never timed). */
class StepAllocationTest {

    @Test
    void everyConfigurationTrainsAStepAndIsCounted() {
        for (FashionConfig c : List.of(FashionConfig.values())) {
            StepAllocation.Row r = StepAllocation.measure(new StepFixture(c), 1, 1, 1);
            assertThat(r.train().calls()).as(c.id()).isEqualTo(1);
            assertThat(r.predictBatch().calls()).as(c.id()).isEqualTo(1);
            // a [1, 10] and a [batch, 10] float result: at least their data
            assertThat(r.resultOne()).as(c.id()).isGreaterThanOrEqualTo(40);
            assertThat(r.resultBatch()).as(c.id()).isGreaterThanOrEqualTo(40L * c.batchSize());
        }
    }

    @Test
    void theConvnetsTrainAStepAndAreCounted() {
        for (StepFixture f : StepAllocation.fixtures("convnet,vgg")) {
            StepAllocation.Row r = StepAllocation.measure(f, 1, 1, 1);
            assertThat(r.train().calls()).as(r.id()).isEqualTo(1);
            assertThat(r.batch()).as(r.id()).isEqualTo(128);
            assertThat(r.resultBatch()).as(r.id()).isGreaterThanOrEqualTo(40L * 128);
        }
    }

    @Test
    void theTableSubtractsTheResult() {
        StepAllocation.Row r = new StepAllocation.Row(FashionConfig.HUBER.id(), FashionConfig.HUBER.batchSize(), 3, new StepAllocation.Count(0, 5),
                new StepAllocation.Count(1600, 10), new StepAllocation.Count(25, 10), 160, 2);
        String table = StepAllocation.table(List.of(r));
        assertThat(table).contains("| huber | 128 | 3 | 5 | 0 | 10 / 10 | 0 (160 − 160) | 0.5 (2.5 − 2) |");
    }
}
