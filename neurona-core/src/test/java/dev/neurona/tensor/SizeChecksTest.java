package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurona.data.OneHot;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every factory and op that allocates from sizes the caller gives checks them first, through
 * one check in {@link Shape}, and fails with the size of the request instead of an
 * {@code OutOfMemoryError} (issue 14, item 6: {@code arange} of 10¹³ elements).
 */
class SizeChecksTest {

    private static final String LIMIT = "; a tensor holds at most 2,147,483,639 elements";

    @Test
    void arangeSaysHowLargeTheRangeIs() {
        assertThatThrownBy(() -> Tensor.arange(0f, 1e13f, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tensor.arange(0, 1e13) would hold 10,000,000,000,000 floats (40 TB)" + LIMIT);
        assertThatThrownBy(() -> Tensor.arange(0f, 1f, 1e-12f))
                .hasMessage("Tensor.arange(0, 1, 1e-12) would hold 1,000,000,000,000 floats (4.0 TB)" + LIMIT);
        assertThatThrownBy(() -> Tensor.arange(-Float.MAX_VALUE, Float.MAX_VALUE, 1f))
                .hasMessageStartingWith("Tensor.arange(-3.4028235e38, 3.4028235e38) would hold 680,564,700,000,")
                .hasMessageEndingWith(LIMIT);
        assertThatThrownBy(() -> Tensor.arange(0f, Float.POSITIVE_INFINITY, 1f))
                .hasMessage("Tensor.arange: start, end and step must be finite, got 0.0, Infinity, 1.0");
        assertThat(Tensor.arange(0f, 1e3f, 1f).size()).isEqualTo(1000);
    }

    @Test
    void factoriesNameTheShape() {
        String zeros = "Tensor.zeros: shape [100000, 100000] would hold 10,000,000,000 floats (40 GB)" + LIMIT;
        assertThatThrownBy(() -> Tensor.zeros(100_000, 100_000)).isInstanceOf(IllegalArgumentException.class).hasMessage(zeros);
        assertThatThrownBy(() -> Tensor.ones(100_000, 100_000)).hasMessage(zeros.replace("zeros", "full"));
        assertThatThrownBy(() -> Tensor.full(2f, 100_000, 100_000)).hasMessage(zeros.replace("zeros", "full"));
        assertThatThrownBy(() -> Tensor.eye(100_000)).hasMessage(zeros.replace("zeros", "eye"));
        assertThatThrownBy(() -> Tensor.randn(new Random(1), 100_000, 100_000)).hasMessage(zeros.replace("zeros", "randn"));
        assertThatThrownBy(() -> Tensor.rand(new Random(1), 100_000, 100_000)).hasMessage(zeros.replace("zeros", "uniform"));
        assertThatThrownBy(() -> Tensor.zeros(65_536, 65_536, 65_536))
                .hasMessage("Tensor.zeros: shape [65536, 65536, 65536] would hold 281,474,976,710,656 floats (1.1 PB)" + LIMIT);
    }

    @Test
    void resultsOfOpsNameTheOpAndTheShapes() {
        Tensor column = Tensor.zeros(100_000, 1);
        Tensor row = Tensor.zeros(1, 100_000);
        assertThatThrownBy(() -> column.add(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: broadcasting [100000, 1] and [1, 100000] gives shape [100000, 100000], which would hold "
                        + "10,000,000,000 floats (40 GB)" + LIMIT);
        assertThatThrownBy(() -> column.broadcastTo(100_000, 100_000))
                .hasMessage("broadcastTo: shape [100000, 100000] would hold 10,000,000,000 floats (40 GB)" + LIMIT);
        assertThatThrownBy(() -> column.matmul(row))
                .hasMessage("matmul: [100000, 1] x [1, 100000] gives shape [100000, 100000], which would hold "
                        + "10,000,000,000 floats (40 GB)" + LIMIT);
        assertThatThrownBy(() -> row.take(new int[30_000]))
                .hasMessage("take: 30000 rows of 100000 values would hold 3,000,000,000 floats (12 GB)" + LIMIT);
        Tensor[] parts = new Tensor[30_000];
        java.util.Arrays.fill(parts, column);
        assertThatThrownBy(() -> Tensor.concat(1, parts))
                .hasMessage("concat: joining 30000 tensors along axis 1 gives 30000 entries on it, which would hold "
                        + "3,000,000,000 floats (12 GB)" + LIMIT);
        assertThatThrownBy(() -> Tensor.zeros(6).reshape(100_000, 100_000))
                .hasMessage("reshape: cannot reshape [6] (6 elements) into [100000, 100000] (10,000,000,000 elements)");
        assertThatThrownBy(() -> Shape.size(100_000, 100_000))
                .hasMessage("shape [100000, 100000] would hold 10,000,000,000 floats (40 GB)" + LIMIT);
        assertThatThrownBy(() -> OneHot.toCategorical(new int[] {0, 1, 2}, 1_000_000_000))
                .hasMessage("OneHot.toCategorical: shape [3, 1000000000] would hold 3,000,000,000 floats (12 GB)" + LIMIT);
    }

    @Test
    void aRequestLargerThanTheWholeHeapFailsBeforeAllocating() {
        long heap = Runtime.getRuntime().maxMemory();
        assumeTrue(heap < 4L * Shape.MAX_ELEMENTS, "the heap could hold the largest tensor");
        int n = (int) (heap / 4 + 1);
        assertThatThrownBy(() -> Tensor.zeros(n))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Tensor.zeros: shape [" + n + "] would hold " + String.format(java.util.Locale.ROOT, "%,d", n)
                        + " floats (")
                .hasMessageContaining("more than this JVM's whole heap (")
                .hasMessageEndingWith("; raise it with -Xmx)");
        assertThatThrownBy(() -> Shape.allocatable("a request", (long) n)).hasMessageStartingWith("a request would hold");
    }

    @Test
    void byteCountsReadAsDecimalUnits() {
        assertThat(Shape.bytes(java.math.BigInteger.valueOf(512))).isEqualTo("512 bytes");
        assertThat(Shape.bytes(java.math.BigInteger.valueOf(4_000_000_000L))).isEqualTo("4.0 GB");
        assertThat(Shape.bytes(java.math.BigInteger.valueOf(40_000_000_000_000L))).isEqualTo("40 TB");
    }
}
