package dev.neurona.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelRangeTest {

    @Test
    void everyIndexIsVisitedExactlyOnceForLargeAndSmallRanges() {
        for (int n : new int[] {0, 1, 1000, ParallelRange.MIN_PARALLEL - 1, ParallelRange.MIN_PARALLEL, 300_001}) {
            AtomicIntegerArray visits = new AtomicIntegerArray(n);
            ParallelRange.run(n, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    visits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertThat(visits.get(i)).as("n=%d, index %d", n, i).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailureInAPartReachesTheCaller() {
        assertThatThrownBy(() -> ParallelRange.run(200_000, (lo, hi) -> {
            if (lo > 0) {
                throw new IllegalStateException("part from " + lo);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("part from");
        // the workers are free again afterwards
        int[] sum = new int[1];
        ParallelRange.run(10, (lo, hi) -> sum[0] += hi - lo);
        assertThat(sum[0]).isEqualTo(10);
    }
}
