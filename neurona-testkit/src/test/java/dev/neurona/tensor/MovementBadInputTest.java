package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every error of the movement ops: the op, the arguments, the shape and the expected form. */
class MovementBadInputTest {

    private static final Tensor X = Tensor.zeros(2, 3, 4);

    @Test
    void permuteNeedsAPermutation() {
        assertThatThrownBy(() -> X.permute(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permute([0, 2]) on a tensor of rank 3: give a permutation of 0..2 "
                        + "(each axis once; negative axes count from the end)");
        assertThatThrownBy(() -> X.permute(0, 0, 1)).hasMessageStartingWith("permute([0, 0, 1]) on a tensor of rank 3");
        assertThatThrownBy(() -> X.permute(0, -1, 2)).hasMessageStartingWith("permute([0, -1, 2])");
        assertThatThrownBy(() -> X.permute(0, 1, 3)).hasMessageContaining("permutation of 0..2");
        assertThatThrownBy(() -> X.permute(0, 1, -4)).hasMessageContaining("permutation of 0..2");
        assertThatThrownBy(() -> Tensor.scalar(1f).permute(0)).hasMessageContaining("rank 0: give a permutation of no axes");
    }

    @Test
    void axesOutOfRangeNameTheRange() {
        assertThatThrownBy(() -> X.transpose(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transpose: axis 3 is out of range for a tensor of rank 3 (expected -3 to 2)");
        assertThatThrownBy(() -> X.transpose(-4, 0)).hasMessageContaining("axis -4 is out of range");
        assertThatThrownBy(() -> X.squeeze(3)).hasMessage("squeeze: axis 3 is out of range for a tensor of rank 3 (expected -3 to 2)");
        assertThatThrownBy(() -> X.unsqueeze(4)).hasMessage("unsqueeze: axis 4 is out of range for a tensor of rank 3, "
                + "which gains one (expected -4 to 3)");
        assertThatThrownBy(() -> X.unsqueeze(-5)).hasMessageContaining("axis -5 is out of range");
        assertThatThrownBy(() -> X.flip(3)).hasMessage("flip: axis 3 is out of range for a tensor of rank 3 (expected -3 to 2)");
        assertThatThrownBy(() -> X.slice(-4, 0, 1, 1)).hasMessageContaining("slice: axis -4 is out of range");
        assertThatThrownBy(() -> X.split(3, 1, 1)).hasMessageContaining("split: axis 3 is out of range");
        assertThatThrownBy(() -> X.chunk(-4, 2)).hasMessageContaining("chunk: axis -4 is out of range");
        assertThatThrownBy(() -> Tensor.stack(4, X, X)).hasMessage("stack: axis 4 is out of range for tensors of rank 3, "
                + "stacked into rank 4 (expected -4 to 3)");
        assertThatThrownBy(() -> Tensor.concat(-4, X, X)).hasMessageContaining("concat: axis -4 is out of range");
    }

    @Test
    void squeezeOnlyRemovesASizeOneDimension() {
        assertThatThrownBy(() -> X.squeeze(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("squeeze(1) on shape [2, 3, 4]: dimension 1 has size 3; only a dimension of size 1 can be removed");
        assertThatThrownBy(() -> X.squeeze(-1)).hasMessageContaining("dimension 2 has size 4");
    }

    @Test
    void viewNamesItselfAndBothShapes() {
        assertThatThrownBy(() -> X.view(5, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: cannot reshape [2, 3, 4] (24 elements) into [5, -1]");
        assertThatThrownBy(() -> X.view(5, 5)).hasMessage("view: cannot reshape [2, 3, 4] (24 elements) into [5, 5] (25 elements)");
        assertThatThrownBy(() -> X.view(-1, -1)).hasMessageStartingWith("view: dimension 1 of [-1, -1] is -1");
    }

    @Test
    void expandSaysWhichSizeCannotBe() {
        Tensor x = Tensor.zeros(3, 1);
        assertThatThrownBy(() -> x.expand(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expand([4]) on shape [3, 1]: give at least 2 sizes, one per dimension "
                        + "(new leading dimensions may be added)");
        assertThatThrownBy(() -> x.expand(4, 5)).hasMessage("expand([4, 5]) on shape [3, 1]: size 4 at position 0 "
                + "is not possible; that dimension of the tensor has size 3: give 3 or -1 there (only a dimension of size 1 expands)");
        assertThatThrownBy(() -> x.expand(-1, 2, 5)).hasMessage("expand([-1, 2, 5]) on shape [3, 1]: size -1 at position 0 "
                + "is not possible; a new leading dimension needs a size of at least 1 (-1 only keeps an existing one)");
        assertThatThrownBy(() -> x.expand(3, 0)).hasMessage("expand([3, 0]) on shape [3, 1]: size 0 at position 1 "
                + "is not possible; give a size of at least 1, or -1 to keep it");
        assertThatThrownBy(() -> Tensor.zeros(1).expand(100_000, 100_000)).hasMessageStartingWith(
                "expand: shape [100000, 100000] would hold 10,000,000,000 floats (40 GB)");
    }

    @Test
    void sliceNamesTheRangeAndTheStep() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.slice(1, 2, 2, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("slice(1, 2, 2, 1) on shape [2, 3]: the range 2:2 selects nothing of axis 1 (size 3), "
                        + "where it means [2, 2); give start < stop");
        assertThatThrownBy(() -> x.slice(-1, -1, -2, 1)).hasMessageContaining("the range -1:-2 selects nothing of axis 1 "
                + "(size 3), where it means [2, 1)");
        assertThatThrownBy(() -> x.slice(0, 5, 9, 1)).hasMessageContaining("where it means [2, 2)");
        assertThatThrownBy(() -> x.slice(1, 0, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice(1, 0, 3, 0) on shape [2, 3]: step 0 is not possible; give a step of 1 or more");
        assertThatThrownBy(() -> x.slice(1, 3, 0, -1)).hasMessageContaining("step -1 is not possible");
        assertThatThrownBy(() -> Tensor.scalar(1f).slice(0, 0, 1, 1)).hasMessage("slice(0, 0, 1, 1) on shape []: "
                + "a scalar has no axis to slice; reshape it to [1] first");
    }

    @Test
    void padNeedsPairsOfNonNegativeAmounts() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.pad(new int[] {1, -1}, 0f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pad([1, -1]) on shape [2, 3]: amount -1 at position 1 is negative; padding amounts must be "
                        + "0 or more (use slice to crop)");
        assertThatThrownBy(() -> x.pad(new int[] {1, 1, 1}, 0f)).hasMessage("pad([1, 1, 1]) on shape [2, 3]: give pairs "
                + "(before, after) from the last axis backwards, at most 2 pairs for rank 2, such as {left, right, top, bottom}");
        assertThatThrownBy(() -> x.pad(new int[] {1, 1, 1, 1, 1, 1}, 0f)).hasMessageContaining("at most 2 pairs for rank 2");
        assertThatThrownBy(() -> x.pad(new int[0], 0f)).hasMessageContaining("give pairs (before, after)");
        assertThatThrownBy(() -> x.pad(new int[] {Integer.MAX_VALUE, 1}, 0f)).hasMessageStartingWith(
                "pad([2147483647, 1]) on shape [2, 3]: axis 1 would have 2147483651 entries, which would hold");
        assertThatThrownBy(() -> x.pad(new int[] {100_000, 0, 100_000, 0}, 0f)).hasMessageStartingWith(
                "pad([100000, 0, 100000, 0]) on shape [2, 3]: the result [100002, 100003] would hold 10,000,500,006 floats");
    }

    @Test
    void flipNamesARepeatedAxis() {
        assertThatThrownBy(() -> X.flip(0, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flip([0, -3]) on shape [2, 3, 4]: axis 0 is given twice; name each axis once");
    }

    @Test
    void splitSizesMustSumToTheAxis() {
        assertThatThrownBy(() -> X.split(1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split(1, [1, 1]) on shape [2, 3, 4]: the sizes sum to 2 but axis 1 has size 3; they must sum "
                        + "to it (chunk(axis, n) cuts n equal pieces)");
        assertThatThrownBy(() -> X.split(-1, 2, 0, 2)).hasMessage("split(-1, [2, 0, 2]) on shape [2, 3, 4]: piece size 0 "
                + "is not possible; every piece needs a size of at least 1");
        assertThatThrownBy(() -> X.split(0)).hasMessage("split(0, []) on shape [2, 3, 4]: give the size of each piece");
        assertThatThrownBy(() -> X.chunk(2, 3)).hasMessage("chunk(2, 3) on shape [2, 3, 4]: axis 2 of size 4 does not divide "
                + "into 3 equal pieces; give a divisor of 4 (or split(axis, sizes...) for unequal pieces)");
        assertThatThrownBy(() -> X.chunk(0, 0)).hasMessageContaining("does not divide into 0 equal pieces");
        assertThatThrownBy(() -> Tensor.scalar(1f).split(0, 1)).hasMessageContaining("a scalar has no axis to split");
    }

    @Test
    void stackNeedsTensorsOfOneShape() {
        assertThatThrownBy(() -> Tensor.stack(0, Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stack: tensor 2 has shape [3, 2] but tensor 0 has [2, 3]; stack needs tensors of one shape");
        assertThatThrownBy(() -> Tensor.stack(0)).hasMessage("stack: need at least one tensor");
    }
}
