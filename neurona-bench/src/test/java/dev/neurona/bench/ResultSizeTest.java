package dev.neurona.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.Tensor;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The layout rule {@link StepAllocation} subtracts, against the bytes the JVM counts for the same allocations. */
class ResultSizeTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static volatile Object escape;

    /** Fields of every width, a reference among them. */
    static final class Probe {
        long a;
        int b;
        boolean c;
        Object d;
        short e;
    }

    @Test
    void objectsAndArraysAsTheJvmCountsThem() {
        for (int i = 0; i < 3; i++) {   // the first allocation of a class may count more (class loading)
            assertThat(ResultSize.shallow(Probe.class)).isEqualTo(counted(Probe::new));
            assertThat(ResultSize.array(float.class, 10)).isEqualTo(counted(() -> new float[10]));
            assertThat(ResultSize.array(float.class, 1281)).isEqualTo(counted(() -> new float[1281]));
            assertThat(ResultSize.array(int.class, 2)).isEqualTo(counted(() -> new int[2]));
            assertThat(ResultSize.array(double.class, 3)).isEqualTo(counted(() -> new double[3]));
        }
    }

    @Test
    void aTensorIsItsObjectItsDataAndItsShape() {
        Tensor t = Tensor.zeros(32, 10);
        long arrays = ResultSize.array(float.class, 320) + ResultSize.array(int.class, 2);
        assertThat(ResultSize.of(t)).isGreaterThanOrEqualTo(arrays + ResultSize.shallow(Tensor.class))
                .isLessThan(arrays + 200);   // a storage object, if any, is a few dozen bytes
        assertThat(ResultSize.of(new Object[] {t, t})).as("an object array, its elements not followed")
                .isEqualTo(ResultSize.array(Object.class, 2));
    }

    private static long counted(java.util.function.Supplier<Object> allocation) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            escape = allocation.get();
            fewest = Math.min(fewest, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return fewest;
    }
}
