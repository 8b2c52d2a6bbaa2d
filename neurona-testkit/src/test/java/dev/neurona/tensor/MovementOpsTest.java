package dev.neurona.tensor;

import static dev.neurona.testkit.OpTable.op;
import static dev.neurona.testkit.OpTable.opN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.testkit.OpTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The movement ops through {@link OpTable}: per op and typical arguments (ranks 1–4,
 * negative axes, steps above 1, padding on several axes) a finite-difference gradient check
 * and a compiled replay bit-identical to eager runs; and which of them share storage.
 * Values against PyTorch are in {@link MovementGoldenTest}, errors in {@link MovementBadInputTest}.
 */
class MovementOpsTest {

    private static int[] s(int... shape) {
        return shape;
    }

    @TestFactory
    Stream<DynamicTest> gradientsAndCompiledReplays() {
        return OpTable.tests(
                op("view [2,3,4] -> [-1,4]", x -> x.view(-1, 4)).shapes(s(2, 3, 4)).expectShape(6, 4),
                op("view scalar -> [1]", x -> x.view(1)).shapes(s()).expectShape(1),
                op("squeeze axis 1", x -> x.squeeze(1)).shapes(s(2, 1, 3)).expectShape(2, 3),
                op("squeeze axis -1 to rank 1", x -> x.squeeze(-1)).shapes(s(4, 1)).expectShape(4),
                op("unsqueeze axis 0", x -> x.unsqueeze(0)).expectShape(1, 3, 4),
                op("unsqueeze axis -1 of rank 3", x -> x.unsqueeze(-1)).shapes(s(2, 3, 4)).expectShape(2, 3, 4, 1),
                op("unsqueeze scalar", x -> x.unsqueeze(0)).shapes(s()).expectShape(1),
                op("permute rank 2", x -> x.permute(1, 0)).expectShape(4, 3),
                op("permute rank 3", x -> x.permute(2, 0, 1)).shapes(s(2, 3, 4)).expectShape(4, 2, 3),
                op("permute rank 4", x -> x.permute(0, 2, 3, 1)).shapes(s(2, 3, 2, 3)).expectShape(2, 2, 3, 3),
                op("permute negative axes", x -> x.permute(-1, 0, -2)).shapes(s(2, 3, 4)).expectShape(4, 2, 3),
                op("permute identity (an alias)", x -> x.permute(0, 1)).expectShape(3, 4),
                op("transpose(0, 2) rank 3", x -> x.transpose(0, 2)).shapes(s(2, 3, 4)).expectShape(4, 3, 2),
                op("transpose(1, -1) rank 4", x -> x.transpose(1, -1)).shapes(s(2, 3, 2, 2)).expectShape(2, 2, 2, 3),
                op("transpose(-1, -2) rank 2", x -> x.transpose(-1, -2)).expectShape(4, 3),
                op("expand [3,1] -> [2,3,4]", x -> x.expand(2, 3, 4)).shapes(s(3, 1)).expectShape(2, 3, 4),
                op("expand [1,4] -> [3,-1]", x -> x.expand(3, -1)).shapes(s(1, 4)).expectShape(3, 4),
                op("expand [2,1,3,1] -> [2,2,3,2]", x -> x.expand(2, 2, 3, 2)).shapes(s(2, 1, 3, 1))
                        .expectShape(2, 2, 3, 2),
                op("expand scalar -> [3,4]", x -> x.expand(3, 4)).shapes(s()).expectShape(3, 4),
                op("slice rank 1 step 3", x -> x.slice(0, 1, 10, 3)).shapes(s(10)).expectShape(3),
                op("slice axis -1 from -3 step 2", x -> x.slice(-1, -3, 100, 2)).shapes(s(2, 3, 7)).expectShape(2, 3, 2),
                op("slice axis 1 -100:-1:3", x -> x.slice(1, -100, -1, 3)).shapes(s(2, 8, 3)).expectShape(2, 3, 3),
                op("slice rank 4 axis 2 step 2", x -> x.slice(2, 1, 6, 2)).shapes(s(2, 3, 6, 2)).expectShape(2, 3, 3, 2),
                op("pad rank 1", x -> x.pad(new int[] {1, 2}, 0f)).shapes(s(4)).expectShape(7),
                op("pad rank 2 both axes", x -> x.pad(new int[] {1, 0, 2, 1}, 0.5f)).shapes(s(2, 3)).expectShape(5, 4),
                op("pad rank 3 three axes", x -> x.pad(new int[] {0, 1, 1, 0, 2, 2}, -1f)).shapes(s(2, 2, 3))
                        .expectShape(6, 3, 4),
                op("pad rank 4 last two axes", x -> x.pad(new int[] {1, 1, 0, 2}, 0f)).shapes(s(2, 3, 2, 2))
                        .expectShape(2, 3, 4, 4),
                op("flip rank 1", x -> x.flip(0)).shapes(s(5)).expectShape(5),
                op("flip axes 0 and 2", x -> x.flip(0, 2)).shapes(s(2, 3, 4)).expectShape(2, 3, 4),
                op("flip rank 4 three axes", x -> x.flip(1, -2, 3)).shapes(s(2, 3, 2, 3)).expectShape(2, 3, 2, 3),
                op("flip no axes (a copy)", x -> x.flip()).expectShape(3, 4),
                opN("stack axis 0", 3, in -> Tensor.stack(0, in)).shapes(s(2, 3), s(2, 3), s(2, 3)).expectShape(3, 2, 3),
                opN("stack axis -1", 2, in -> Tensor.stack(-1, in)).shapes(s(2, 3), s(2, 3)).expectShape(2, 3, 2),
                opN("stack scalars", 2, in -> Tensor.stack(0, in)).shapes(s(), s()).expectShape(2),
                opN("concat axis -3 rank 4", 2, in -> Tensor.concat(-3, in)).shapes(s(2, 1, 3, 2), s(2, 2, 3, 2))
                        .expectShape(2, 3, 3, 2),
                // the pieces recombined out of order, one scaled: each piece's gradient reaches its own entries
                op("split axis 1 [1,3,2]", x -> {
                    Tensor[] p = x.split(1, 1, 3, 2);
                    return Tensor.concat(1, p[2], p[0].mul(2f), p[1]);
                }).shapes(s(2, 6)).expectShape(2, 6),
                op("split rank 4 axis -2, a piece unused", x -> {
                    Tensor[] p = x.split(-2, 3, 1, 2);
                    return Tensor.concat(2, p[2], p[0]);
                }).shapes(s(2, 2, 6, 2)).expectShape(2, 2, 5, 2),
                op("chunk axis -2 into 2", x -> {
                    Tensor[] p = x.chunk(-2, 2);
                    return p[1].sub(p[0]);
                }).shapes(s(4, 3)).expectShape(2, 3),
                op("permute then slice, pad, flip and view", x -> x.permute(2, 0, 1).slice(-1, 0, 3, 2)
                        .pad(new int[] {1, 0, 0, 1}, 0.25f).flip(0, -1).view(4, -1)).shapes(s(2, 3, 4)).expectShape(4, 9));
    }

    @Test
    void viewsShareTheValuesAndReorderingOpsCopy() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertThat(x.view(3, 2).data()).isSameAs(x.data());
        assertThat(x.unsqueeze(1).squeeze(1).data()).isSameAs(x.data());
        assertThat(x.permute(0, 1).data()).isSameAs(x.data());
        assertThat(x.split(0, 2)[0].data()).isSameAs(x.data());
        assertThat(x.transpose(0, 1).data()).isNotSameAs(x.data());
        assertThat(x.flip().data()).isNotSameAs(x.data()).containsExactly(x.data());
    }

    @Test
    void sliceBoundsFollowPython() {
        Tensor x = Tensor.arange(7);
        assertThat(x.slice(0, -2, Integer.MAX_VALUE, 1).toArray()).containsExactly(5, 6);
        assertThat(x.slice(0, Integer.MIN_VALUE, 3, 2).toArray()).containsExactly(0, 2);
        assertThat(x.slice(0, 6, 7, Integer.MAX_VALUE).toArray()).containsExactly(6);
        assertThat(x.slice(0, 1, -1, 2).toArray()).containsExactly(1, 3, 5);
    }

    @Test
    void backwardsAreDifferentiableOpsThemselves() {
        // slice's backward is a pad with zeros and pad's backward a slice: both are recorded ops
        Tensor x = Tensor.arange(6).reshape(2, 3).requiresGrad(true);
        Tensor y = x.slice(1, 0, 3, 2);
        Tensor g = Tensor.ones(2, 2).requiresGrad(true);
        Tensor back = y.node.backward.apply(g)[0];
        assertThat(back.shape()).containsExactly(2, 3);
        assertThat(back.toArray()).containsExactly(1, 0, 1, 1, 0, 1);
        assertThat(back.op()).isEqualTo("slice_backward");
        back.mul(Tensor.arange(6).reshape(2, 3)).sum().backward();
        assertThat(g.grad().toArray()).containsExactly(0, 2, 3, 5);
    }
}
