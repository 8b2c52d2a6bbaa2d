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

    @Test
    void partsRunsEachPartOnceWhoeverRunsIt() {
        for (int parts : new int[] {1, 2, 3, 7}) {
            AtomicIntegerArray visits = new AtomicIntegerArray(parts);
            ParallelRange.parts(parts, (lo, hi) -> {
                for (int p = lo; p < hi; p++) {
                    visits.incrementAndGet(p);
                }
            });
            for (int p = 0; p < parts; p++) {
                assertThat(visits.get(p)).as("parts=%d, part %d", parts, p).isEqualTo(1);
            }
        }
        // from inside another split, the workers are busy: the caller runs every part itself
        AtomicIntegerArray nested = new AtomicIntegerArray(2);
        ParallelRange.run(200_000, (lo, hi) -> {
            if (lo == 0) {
                ParallelRange.parts(2, (a, b) -> {
                    for (int p = a; p < b; p++) {
                        nested.incrementAndGet(p);
                    }
                });
            }
        });
        assertThat(nested.get(0)).isEqualTo(1);
        assertThat(nested.get(1)).isEqualTo(1);
    }
}
