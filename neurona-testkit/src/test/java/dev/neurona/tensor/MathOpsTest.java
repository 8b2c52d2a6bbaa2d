package dev.neurona.tensor;

import static dev.neurona.testkit.OpTable.op;
import static dev.neurona.testkit.OpTable.op2;
import static dev.neurona.testkit.OpTable.opN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.testkit.OpTable;
import dev.neurona.testkit.Tolerance;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Batched and transposed matmul, reductions over several axes (sum, mean, var, logsumexp),
 * cumsum and clamp to tensor bounds: a gradient check and a compiled replay per case, values
 * worked out by hand at the edges (infinities, 3e38), every error message, and replays of
 * the new kernels that allocate nothing.
 */
class MathOpsTest {

    private static int[] s(int... shape) {
        return shape;
    }

    private static int[] axes(int... a) {
        return a;
    }

    /** The cases, also counted by {@link OpGradientTest#everyDifferentiableOpOfTensorIsInTheTables}. */
    @TestFactory
    Stream<DynamicTest> math() {
        return OpTable.tests(
                op2("matmul transposeA", (a, b) -> a.matmul(b, true, false)).shapes(s(4, 3), s(4, 5)).expectShape(3, 5),
                op2("matmul transposeB", (a, b) -> a.matmul(b, false, true)).shapes(s(3, 4), s(5, 4)).expectShape(3, 5),
                op2("matmul transposeA and B", (a, b) -> a.matmul(b, true, true)).shapes(s(4, 3), s(5, 4))
                        .expectShape(3, 5),
                op2("matmul broadcast batches [2,1,3,4]x[5,4,2]", Tensor::matmul).shapes(s(2, 1, 3, 4), s(5, 4, 2))
                        .expectShape(2, 5, 3, 2),
                op2("matmul one A for a batch of B [3,4]x[2,4,5]", Tensor::matmul).shapes(s(3, 4), s(2, 4, 5))
                        .expectShape(2, 3, 5),
                op2("matmul broadcast A [1,3,4]x[3,4,2]", Tensor::matmul).shapes(s(1, 3, 4), s(3, 4, 2))
                        .expectShape(3, 3, 2),
                op2("matmul batched, both transposed", (a, b) -> a.matmul(b, true, true)).shapes(s(2, 4, 3), s(2, 5, 4))
                        .expectShape(2, 3, 5),
                op2("matmul transposed broadcast A [3,2,4]^T x [1,2,5]", (a, b) -> a.matmul(b, true, false))
                        .shapes(s(3, 2, 4), s(1, 2, 5)).expectShape(3, 4, 5),
                op2("matmul folded batch, B [1,4,5]", Tensor::matmul).shapes(s(2, 3, 4), s(1, 4, 5)).expectShape(2, 3, 5),
                op2("matmul folded batch, B transposed", (a, b) -> a.matmul(b, false, true)).shapes(s(2, 3, 4), s(5, 4))
                        .expectShape(2, 3, 5),
                op("matmul q·qᵀ by flags (same tensor twice)", q -> q.matmul(q, false, true)).shapes(s(2, 3, 4))
                        .expectShape(2, 3, 3),
                op("sum axes [0, 2]", x -> x.sum(axes(0, 2), false)).shapes(s(2, 3, 4)).expectShape(3),
                op("sum axes [-1, 0] keepDims", x -> x.sum(axes(-1, 0), true)).shapes(s(2, 3, 4)).expectShape(1, 3, 1),
                op("sum axes [1, 2] of 4-D", x -> x.sum(axes(1, 2), false)).shapes(s(2, 3, 2, 2)).expectShape(2, 2),
                op("mean axes [1, 2] keepDims", x -> x.mean(axes(1, 2), true)).shapes(s(2, 3, 4)).expectShape(2, 1, 1),
                op("mean axes [0]", x -> x.mean(axes(0), false)).shapes(s(2, 3, 4)).expectShape(3, 4),
                op("var axes [-1] keepDims", x -> x.var(axes(-1), true)).shapes(s(2, 3, 4)).expectShape(2, 3, 1),
                op("var axes [0, 2]", x -> x.var(axes(0, 2), false)).shapes(s(2, 3, 4)).expectShape(3),
                op("var every axis", x -> x.var(axes(0, 1), false)).expectShape(),
                op("logsumexp axes [1]", x -> x.logsumexp(axes(1), false)).shapes(s(2, 3, 4)).range(-4, 4)
                        .expectShape(2, 4),
                op("logsumexp axes [0, 2] keepDims", x -> x.logsumexp(axes(0, 2), true)).shapes(s(2, 3, 4))
                        .expectShape(1, 3, 1),
                op("sumOfSquares", Tensor::sumOfSquares).shapes(s(3, 5)).expectShape(),
                op("dropout 0.3 on a fixed stream", x -> x.dropout(0.3f, () -> 12345L)).shapes(s(4, 7)),
                op("dropout 0.5 on an odd size", x -> x.dropout(0.5f, () -> -9L)).shapes(s(3, 3)),
                op("sumOfSquares of 4-D (a remainder past the four lanes)", Tensor::sumOfSquares).shapes(s(2, 1, 3, 3)),
                op("cumsum axis 0", x -> x.cumsum(0)).shapes(s(2, 3, 4)).expectShape(2, 3, 4),
                op("cumsum axis 1", x -> x.cumsum(1)).shapes(s(2, 3, 4)),
                op("cumsum axis -1", x -> x.cumsum(-1)).shapes(s(2, 3, 4)),
                opN("clamp tensor bounds, broadcasting", 3, in -> in[0].clamp(in[1], in[2])).inputs(
                        Tensor.of(new float[] {-1.7f, -0.4f, 0.3f, 1.6f, 0.9f, -1.1f, 0.05f, 1.2f}, 2, 4),
                        Tensor.of(-1f, -0.6f, -0.2f, -0.8f),
                        Tensor.of(new float[] {0.5f, 1f}, 2, 1)).expectShape(2, 4));
    }

    @Test
    void transposeFlagsEqualMaterializedTransposes() {
        Random r = new Random(3);
        Tensor a = Tensor.randn(r, 5, 3);
        Tensor b = Tensor.randn(r, 4, 5);
        Tensor expected = a.transpose().matmul(b.transpose());
        new Tolerance(1e-6, 1e-6).assertClose(a.matmul(b, true, true), doubles(expected), "aᵀ·bᵀ");
        Tensor batch = Tensor.randn(r, 2, 3, 5);
        Tensor perMatrix = Tensor.concat(0, batch.take(0, Tensor.scalar(0f)).matmul(a).reshape(1, 3, 3),
                batch.take(0, Tensor.scalar(1f)).matmul(a).reshape(1, 3, 3));
        new Tolerance(1e-6, 1e-6).assertClose(batch.matmul(a), doubles(perMatrix), "[2,3,5]·[5,3]");
    }

    private static double[] doubles(Tensor t) {
        float[] f = t.toArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void varIsThePopulationVariance() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 2, 2, 2, 2}, 2, 4);
        assertThat(x.var(axes(1), false).toArray()).containsExactly(1.25f, 0f);
        assertThat(x.var(axes(0, 1), true).shape()).containsExactly(1, 1);
        assertThat(x.var(axes(0, 1), true).item()).isEqualTo(0.6875f);   // mean 2.25, squared deviations sum to 5.5
    }

    @Test
    void multiAxisReductionsAgreeWithOneAxisAtATime() {
        Tensor x = Tensor.randn(new Random(5), 3, 4, 5);
        new Tolerance(1e-6, 1e-6).assertClose(x.sum(axes(2, 0), false), doubles(x.sum(2).sum(0)), "sum [2, 0]");
        new Tolerance(1e-6, 1e-6).assertClose(x.mean(axes(1), true), doubles(x.mean(1, true)), "mean [1]");
    }

    @Test
    void logsumexpIsStableAtTheEdgesOfTheFloatRange() {
        float inf = Float.POSITIVE_INFINITY;
        Tensor x = Tensor.of(new float[] {-inf, -inf, inf, 0f, 3e38f, 3e38f, 1e4f, 1e4f}, 4, 2);
        float[] y = x.logsumexp(axes(1), false).toArray();
        assertThat(y[0]).isEqualTo(-inf);
        assertThat(y[1]).isEqualTo(inf);
        assertThat(y[2]).isEqualTo(3e38f);    // 3e38 + log 2, rounded: finite, where exp overflows
        assertThat(y[3]).isEqualTo((float) (1e4 + Math.log(2)));
        assertThat(Tensor.of(1f, Float.NaN).logsumexp(axes(0), false).item()).isNaN();
    }

    @Test
    void cumsumRunsAlongItsAxis() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(x.cumsum(1).toArray()).containsExactly(1, 3, 6, 4, 9, 15);
        assertThat(x.cumsum(0).toArray()).containsExactly(1, 2, 3, 5, 7, 9);
        Tensor leaf = x.requiresGrad(true);
        leaf.cumsum(-1).sum().backward();
        assertThat(leaf.grad().toArray()).containsExactly(3, 2, 1, 3, 2, 1);
    }

    @Test
    void clampToTensorBoundsFollowsPyTorch() {
        Tensor x = Tensor.of(-2f, 0f, 2f, 0.5f);
        Tensor out = x.clamp(Tensor.of(-1f, -1f, -1f, 1f), Tensor.of(1f, 1f, 1f, 0f));
        // where min > max, max wins (torch.clamp is min(max(x, min), max))
        assertThat(out.toArray()).containsExactly(-1, 0, 1, 0);
    }

    @Test
    void axisErrorsNameTheAxesAndTheRank() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertThatThrownBy(() -> x.sum(new int[0], false)).hasMessage("sum: give at least one axis to reduce (got [])");
        assertThatThrownBy(() -> x.mean(null, false)).hasMessage("mean: give at least one axis to reduce (got null)");
        assertThatThrownBy(() -> x.var(axes(1, -2), false))
                .hasMessage("var: axis 1 is given twice in [1, -2] (a tensor of rank 3); give each axis once");
        assertThatThrownBy(() -> x.logsumexp(axes(0, 3), true))
                .hasMessage("logsumexp: axis 3 is out of range for a tensor of rank 3 (expected -3 to 2)");
        assertThatThrownBy(() -> x.cumsum(-4))
                .hasMessage("cumsum: axis -4 is out of range for a tensor of rank 3 (expected -3 to 2)");
        assertThatThrownBy(() -> Tensor.scalar(1f).cumsum(0))
                .hasMessage("cumsum: needs a tensor of rank 1 or more, got a scalar");
    }

    @Test
    void matmulErrorsNameBothShapesAndTheFlags() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4, 5).matmul(Tensor.zeros(4, 5, 6)))
                .hasMessage("matmul: [2, 3, 4, 5] x [4, 5, 6]: batch sizes differ (3 vs 4) at batch dimension 1 of "
                        + "the result; batch dimensions must be equal or 1 to broadcast");
        assertThatThrownBy(() -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2), true, false))
                .hasMessage("matmul: [3, 4]^T x [5, 2]: inner dimensions differ (3 vs 5)");
        assertThatThrownBy(() -> Tensor.zeros(3, 4).matmul(Tensor.zeros(2, 5), false, true))
                .hasMessage("matmul: [3, 4] x [2, 5]^T: inner dimensions differ (4 vs 5)");
        assertThatThrownBy(() -> Tensor.zeros(4).matmul(Tensor.zeros(4, 2)))
                .hasMessage("matmul: [4] x [4, 2]: expected [m, k] x [k, n] or batches of them, [..., m, k] x [..., k, n] "
                        + "(rank 2 or more; the batch dimensions broadcast); reshape a vector to [1, k] or [k, 1]");
        assertThatThrownBy(() -> Tensor.zeros(4, 2).matmul(null)).hasMessage("matmul: operands must not be null");
        assertThatThrownBy(() -> Tensor.zeros(100000, 1, 1).matmul(Tensor.zeros(1, 100000)))
                .hasMessageStartingWith("matmul: [100000, 1, 1] x [1, 100000] gives shape [100000, 1, 100000], which "
                        + "would hold 10,000,000,000 floats");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).clamp(Tensor.zeros(3), Tensor.zeros(1)))
                .hasMessageStartingWith("clamp: shapes [2, 2] and [3] cannot be broadcast");
    }

    /** The kernels of the new ops and their backward rules allocate nothing once traced. */
    @Test
    void compiledReplaysAllocateNothing() {
        Tensor positive = Tensor.zeros(2, 3, 3);
        Tensor gatherIndex = Tensor.of(new float[] {2, 0, 1, 1}, 2, 2, 1);
        Tensor scatterIndex = Tensor.of(new float[] {0, 1, 1, 0, 0, 0, 1, 1}, 2, 1, 4);
        Compiled step = new Compiled("indexing and math", in -> {
            Tensor x = in[0].requiresGrad(true);
            Tensor picked = x.take(1, in[1]);                                        // [2, 2, 4]
            Tensor gathered = x.gather(2, gatherIndex);                                // [2, 2, 1]
            Tensor scattered = x.scatterAdd(1, scatterIndex, picked);                // [2, 3, 4]
            Tensor chosen = Tensor.where(scattered.take(2, in[2]).gt(positive), scattered.take(2, in[2]),
                    scattered.take(2, in[2]).maskedFill(positive, 1f));             // [2, 3, 3]
            Tensor loss = chosen.logsumexp(axes(1, 2), false).sum()
                    .add(x.var(axes(0, 2), true).sum())
                    .add(x.cumsum(1).sum(axes(0, 1), false).sum())
                    .add(x.mean(axes(2), true).sum())
                    .add(gathered.sum());
            loss.backward();
            return new Tensor[] {loss, x.grad()};
        });
        Tensor[] inputs = {Tensor.randn(new Random(9), 2, 3, 4), Tensor.of(2f, 0f), Tensor.of(3f, 1f, 0f)};
        step.run(inputs);
        assertThat(step.isEager()).as(String.valueOf(step.eagerReason())).isFalse();
        for (int i = 0; i < 200; i++) {
            step.run(inputs);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // a one-off allocation (the JIT finishing a method, later on a busy machine) may fall into
        // a window; an allocation per replay would show in every window: steady state is three
        // windows of 100 replays in a row without a byte
        java.util.List<Long> windows = new java.util.ArrayList<>();
        int zeros = 0;
        for (int w = 0; w < 50 && zeros < 3; w++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                step.run(inputs);
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            windows.add(bytes);
            zeros = bytes == 0 ? zeros + 1 : 0;
        }
        assertThat(zeros).as("consecutive 100-replay windows without allocation; bytes per window: " + windows)
                .isEqualTo(3);
    }
}
