package dev.neurona.tensor;

import static dev.neurona.testkit.OpTable.op;
import static dev.neurona.testkit.OpTable.op2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.testkit.OpTable;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * take, gather, scatterAdd, where and maskedFill: a finite-difference gradient check and a
 * compiled replay per case (the index tensors are constants of the case, only the float
 * inputs are checked), masks without gradient, and every error message, including the index
 * checks a compiled step repeats at each replay.
 */
class IndexingOpsTest {

    private static int[] s(int... shape) {
        return shape;
    }

    private static Tensor index(float[] values, int... shape) {
        return Tensor.of(values, shape);
    }

    /** The cases, also counted by {@link OpGradientTest#everyDifferentiableOpOfTensorIsInTheTables}. */
    @TestFactory
    Stream<DynamicTest> indexing() {
        Tensor repeated = Tensor.of(4f, 0f, 4f, 2f);
        Tensor pairs = index(new float[] {1, 3, 3, 0}, 2, 2);
        Tensor gather0 = index(new float[] {0, 2, 1, 2, 2, 2, 0, 1}, 2, 4);
        Tensor gather1 = index(new float[] {4, 0, 0, 3, 1, 1, 2, 0, 4, 4, 2, 3}, 2, 6);
        Tensor gatherLast = index(new float[] {3, 0, 1, 1, 2, 3, 0, 0, 2, 1, 3, 3, 1, 2, 0, 0, 3, 2}, 2, 3, 3);
        Tensor scatter0 = index(new float[] {0, 2, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2}, 3, 4);
        Tensor scatterNarrow = index(new float[] {2, 0, 2, 1, 0, 0}, 2, 3);
        Tensor condition = Tensor.of(new float[] {1, 0, 1}, 3, 1);
        Tensor mask = Tensor.of(0f, 1f, 1f, 0f);
        return OpTable.tests(
                op("take axis 0 with repeated indices", x -> x.take(0, repeated)).shapes(s(5, 3)).expectShape(4, 3),
                op("take axis 1 with a 2-D index", x -> x.take(1, pairs)).shapes(s(3, 5)).expectShape(3, 2, 2),
                op("take axis -1 of 3-D", x -> x.take(-1, Tensor.of(3f, 1f, 1f, 0f))).shapes(s(2, 3, 4)).expectShape(2, 3, 4),
                op("take a scalar index removes the axis", x -> x.take(1, Tensor.scalar(2f))).shapes(s(2, 3, 4))
                        .expectShape(2, 4),
                op("gather axis 0", x -> x.gather(0, gather0)).shapes(s(3, 4)).expectShape(2, 4),
                op("gather axis 1, index wider along the axis", x -> x.gather(1, gather1)).shapes(s(3, 5))
                        .expectShape(2, 6),
                op("gather axis -1 of 3-D", x -> x.gather(-1, gatherLast)).shapes(s(2, 3, 4)).expectShape(2, 3, 3),
                op2("scatterAdd axis 0 with duplicates", (x, src) -> x.scatterAdd(0, scatter0, src))
                        .shapes(s(3, 4), s(3, 4)).expectShape(3, 4),
                op2("scatterAdd axis 1, src larger than the index", (x, src) -> x.scatterAdd(1, scatterNarrow, src))
                        .shapes(s(2, 3), s(3, 5)).expectShape(2, 3),
                op2("where [3,1] condition, [3,4] a, [4] b", (a, b) -> Tensor.where(condition, a, b))
                        .shapes(s(3, 4), s(4)).expectShape(3, 4),
                op2("where scalar a", (a, b) -> Tensor.where(condition, a, b)).shapes(s(), s(3, 2)).expectShape(3, 2),
                // a fill of -1e9 (PyTorch's case) would drown the finite differences of sum(f · w) in float rounding
                op("maskedFill [4] mask on [3,4]", x -> x.maskedFill(mask, -5f)).expectShape(3, 4),
                op("maskedFill a mask from the input itself", x -> x.maskedFill(x.lt(0f), 0f)).avoid(-0.1, 0.1));
    }

    @Test
    void takeMatchesRowSelection() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(x.take(0, Tensor.of(2f, 0f, 2f)).toArray()).containsExactly(x.take(2, 0, 2).toArray());
        assertThat(x.take(1, Tensor.of(1f)).toArray()).containsExactly(2, 4, 6);
    }

    @Test
    void duplicateIndicesAccumulateTheirGradients() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        x.take(0, Tensor.of(2f, 2f, 0f, 2f)).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(1, 0, 3);
        Tensor y = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        y.reshape(1, 3).gather(1, Tensor.of(new float[] {1, 1, 0, 1, 1}, 1, 5)).sum().backward();
        assertThat(y.grad().toArray()).containsExactly(1, 4, 0);
    }

    @Test
    void scatterAddAddsDuplicatesIntoACopy() {
        Tensor x = Tensor.zeros(2, 3);
        Tensor out = x.scatterAdd(1, Tensor.of(new float[] {0, 0, 2, 1, 1, 1}, 2, 3), Tensor.of(new float[] {1, 2, 4, 8,
                16, 32}, 2, 3));
        assertThat(out.toArray()).containsExactly(3, 0, 4, 0, 56, 0);
        assertThat(x.toArray()).containsOnly(0f);
    }

    @Test
    void whereSelectsByNonzeroConditionIncludingNaN() {
        Tensor c = Tensor.of(0f, 2f, Float.NaN, -1f);
        assertThat(Tensor.where(c, Tensor.scalar(1f), Tensor.scalar(-1f)).toArray()).containsExactly(-1, 1, 1, 1);
        // infinities on the unselected side do not leak (a·m + b·(1 − m) would give NaN)
        Tensor a = Tensor.of(Float.POSITIVE_INFINITY, 1f, 2f, 3f);
        assertThat(Tensor.where(c, a, Tensor.zeros(4)).toArray()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void masksCarryNoGradient() {
        Tensor x = Tensor.of(-1f, 0f, 2f).requiresGrad(true);
        Tensor y = Tensor.of(0f, 0f, 1f).requiresGrad(true);
        List<BinaryOperator<Tensor>> comparisons = List.of(Tensor::gt, Tensor::ge, Tensor::lt, Tensor::le, Tensor::eq,
                Tensor::ne);
        for (BinaryOperator<Tensor> cmp : comparisons) {
            Tensor mask = cmp.apply(x, y);
            assertThat(mask.isRequiresGrad()).isFalse();
            assertThat(mask.isLeaf()).isTrue();
        }
        // a condition that requires grad gets none through where
        Tensor cond = Tensor.of(1f, 0f, 1f).requiresGrad(true);
        Tensor.where(cond, x, y).sum().backward();
        assertThat(cond.grad()).isNull();
        assertThat(x.grad().toArray()).containsExactly(1, 0, 1);
        assertThat(y.grad().toArray()).containsExactly(0, 1, 0);
    }

    @Test
    void neIsTheComplementOfEqIncludingNaN() {
        Tensor a = Tensor.of(1f, Float.NaN, 3f, 0f);
        Tensor b = Tensor.of(1f, Float.NaN, 2f, -0f);
        assertThat(a.ne(b).toArray()).containsExactly(0, 1, 1, 0);
        assertThat(a.ne(3f).toArray()).containsExactly(1, 1, 0, 1);
        assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).ne(Tensor.of(1f, 4f)).toArray()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void indexErrorsNameTheValueItsPositionAndTheAxis() {
        Tensor x = Tensor.zeros(3, 5);
        assertThatThrownBy(() -> x.take(1, index(new float[] {0, 1, 7, 2}, 2, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("take: index 7 at [1, 0] is out of range for axis 1 of size 5 (shape [3, 5])");
        assertThatThrownBy(() -> x.take(0, Tensor.of(0f, -1f)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("take: index -1 at [1] is out of range for axis 0 of size 3 (shape [3, 5])");
        assertThatThrownBy(() -> x.take(-1, Tensor.scalar(5f)))
                .hasMessage("take: index 5 is out of range for axis 1 of size 5 (shape [3, 5])");
        assertThatThrownBy(() -> x.take(1, Tensor.of(0f, 2.5f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("take: index 2.5 at [1] is not a whole number (axis 1 of size 5, shape [3, 5]); "
                        + "indices are float tensors holding integers 0 to 4");
        assertThatThrownBy(() -> x.take(1, Tensor.of(Float.NaN)))
                .hasMessageStartingWith("take: index NaN at [0] is not a whole number");
        assertThatThrownBy(() -> x.gather(0, index(new float[] {0, 1, 2, 3}, 1, 4)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("gather: index 3 at [0, 3] is out of range for axis 0 of size 3 (shape [3, 5])");
        assertThatThrownBy(() -> x.scatterAdd(1, index(new float[] {1, 1e9f}, 1, 2), Tensor.ones(1, 2)))
                .hasMessage("scatterAdd: index 1000000000 at [0, 1] is out of range for axis 1 of size 5 (shape [3, 5])");
    }

    @Test
    void indexShapeErrorsNameBothShapes() {
        Tensor x = Tensor.zeros(3, 4);
        assertThatThrownBy(() -> x.gather(1, Tensor.zeros(3)))
                .hasMessage("gather: the index of shape [3] has rank 1 but the input [3, 4] has rank 2; "
                        + "give an index of the input's rank");
        assertThatThrownBy(() -> x.gather(1, Tensor.zeros(4, 2)))
                .hasMessage("gather: the index of shape [4, 2] does not fit the input [3, 4] outside axis 1: "
                        + "dimension 0 is 4 > 3 (need index.shape[d] <= input.shape[d] for d != axis)");
        assertThatThrownBy(() -> x.gather(2, Tensor.zeros(3, 4)))
                .hasMessage("gather: axis 2 is out of range for a tensor of rank 2 (expected -2 to 1)");
        assertThatThrownBy(() -> x.take(-3, Tensor.zeros(1)))
                .hasMessage("take: axis -3 is out of range for a tensor of rank 2 (expected -2 to 1)");
        assertThatThrownBy(() -> Tensor.scalar(1f).take(0, Tensor.zeros(1)))
                .hasMessage("take: needs a tensor of rank 1 or more, got a scalar");
        assertThatThrownBy(() -> Tensor.scalar(1f).gather(0, Tensor.scalar(0f)))
                .hasMessage("gather: needs a tensor of rank 1 or more, got a scalar");
        assertThatThrownBy(() -> x.take(0, null)).hasMessage("take: the tensor and its index must not be null");
        assertThatThrownBy(() -> x.scatterAdd(0, Tensor.zeros(2, 4), Tensor.zeros(8)))
                .hasMessage("scatterAdd: src of shape [8] has rank 1 but the index [2, 4] has rank 2; "
                        + "give src of the input's rank");
        assertThatThrownBy(() -> x.scatterAdd(0, Tensor.zeros(2, 4), Tensor.zeros(2, 3)))
                .hasMessage("scatterAdd: the index of shape [2, 4] does not fit in src of shape [2, 3]: "
                        + "dimension 1 is 4 > 3 (need index.shape[d] <= src.shape[d])");
        assertThatThrownBy(() -> x.scatterAdd(0, Tensor.zeros(2, 4), null))
                .hasMessage("scatterAdd: src must not be null");
    }

    @Test
    void whereAndMaskedFillShapeErrorsNameEveryShape() {
        assertThatThrownBy(() -> Tensor.where(Tensor.zeros(3, 2), Tensor.zeros(3, 4), Tensor.zeros(4)))
                .hasMessage("where: condition [3, 2], a [3, 4] and b [4] cannot be broadcast together "
                        + "(dimension 1: 2, 4 and 4; sizes must be equal or 1)");
        assertThatThrownBy(() -> Tensor.where(null, Tensor.zeros(1), Tensor.zeros(1)))
                .hasMessage("where: condition, a and b must not be null");
        assertThatThrownBy(() -> Tensor.zeros(4).maskedFill(Tensor.zeros(3, 4), 0f))
                .hasMessage("maskedFill: a mask of shape [3, 4] does not broadcast to the input's shape [4]");
        assertThatThrownBy(() -> Tensor.zeros(3, 4).maskedFill(Tensor.zeros(3), 0f))
                .hasMessageStartingWith("maskedFill: shapes [3] and [3, 4] cannot be broadcast");
        assertThatThrownBy(() -> Tensor.zeros(3, 4).maskedFill(null, 0f)).hasMessage("maskedFill: mask must not be null");
    }

    @Test
    void aCompiledStepChecksTheIndicesOfEveryReplay() {
        Compiled step = new Compiled("take", in -> {
            in[0].requiresGrad(true);
            Tensor y = in[0].take(1, in[1]).gather(0, in[2]);
            y.sum().backward();
            return new Tensor[] {y, in[0].grad()};
        });
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        step.run(x, Tensor.of(0f, 2f), Tensor.of(new float[] {1, 0}, 1, 2));
        assertThat(step.isEager()).isFalse();
        Tensor[] replay = step.run(x, Tensor.of(2f, 2f), Tensor.of(new float[] {0, 1}, 1, 2));
        assertThat(replay[0].toArray()).containsExactly(3, 6);
        assertThat(replay[1].toArray()).containsExactly(0, 0, 1, 0, 0, 1);
        assertThatThrownBy(() -> step.run(x, Tensor.of(1f, 3f), Tensor.of(new float[] {0, 1}, 1, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("take: index 3 at [1] is out of range for axis 1 of size 3 (shape [2, 3])");
        assertThatThrownBy(() -> step.run(x, Tensor.of(1f, 0f), Tensor.of(new float[] {0, 0.5f}, 1, 2)))
                .hasMessageStartingWith("gather: index 0.5 at [0, 1] is not a whole number");
        // a valid batch after a failed one replays normally
        assertThat(step.run(x, Tensor.of(1f, 0f), Tensor.of(new float[] {1, 1}, 1, 2))[0].toArray())
                .containsExactly(5, 4);
    }
}
