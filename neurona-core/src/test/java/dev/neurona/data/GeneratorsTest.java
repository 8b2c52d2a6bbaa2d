package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    record Case(String name, LongFunction<Dataset> make, int n, int features, int targets) {
    }

    private static final List<Case> CASES = List.of(
            new Case("linearlySeparable", s -> Datasets.linearlySeparable(50, s), 50, 2, 1),
            new Case("blobs", s -> Datasets.blobs(61, 4, 1.0, s), 61, 2, 4),
            new Case("moons", s -> Datasets.moons(51, 0.1, s), 51, 2, 1),
            new Case("circles", s -> Datasets.circles(40, 0.05, 0.5, s), 40, 2, 1),
            new Case("spirals", s -> Datasets.spirals(90, 3, 0.2, s), 90, 2, 3),
            new Case("regression1d", s -> Datasets.regression1d(30, 0.1, s), 30, 1, 1));

    @Test
    void shapesAndDeterminism() {
        for (Case c : CASES) {
            Dataset a = c.make().apply(1);
            assertThat(a.x().shape()).as(c.name()).containsExactly(c.n(), c.features());
            assertThat(a.y().shape()).as(c.name()).containsExactly(c.n(), c.targets());
            assertThat(c.make().apply(1).x().toArray()).as(c.name() + " same seed").containsExactly(a.x().toArray());
            assertThat(c.make().apply(1).y().toArray()).as(c.name() + " same seed").containsExactly(a.y().toArray());
            assertThat(c.make().apply(2).x().toArray()).as(c.name() + " other seed").isNotEqualTo(a.x().toArray());
        }
    }

    @Test
    void classificationTargetsAreBinaryOrOneHotAndBalanced() {
        for (Case c : CASES.subList(0, 5)) {
            Dataset d = c.make().apply(3);
            int[] counts = new int[Math.max(2, d.y().dim(1))];
            for (int id : OneHot.classIds(d.y())) {
                counts[id]++;
            }
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int k : counts) {
                min = Math.min(min, k);
                max = Math.max(max, k);
            }
            assertThat(max - min).as(c.name() + " balance %s", java.util.Arrays.toString(counts)).isLessThanOrEqualTo(1);
            for (float v : d.y().toArray()) {
                assertThat(v).as(c.name()).isIn(0f, 1f);
            }
        }
    }

    @Test
    void logicTablesAndGeometry() {
        assertThat(Datasets.xor().y().toArray()).containsExactly(0, 1, 1, 0);
        assertThat(Datasets.and().y().toArray()).containsExactly(0, 0, 0, 1);
        assertThat(Datasets.or().y().toArray()).containsExactly(0, 1, 1, 1);
        assertThat(Datasets.xor().x().toArray()).containsExactly(-1, -1, -1, 1, 1, -1, 1, 1);
        // noise-free circles lie on radius 1 and factor
        Dataset circles = Datasets.circles(20, 0, 0.3, 0);
        float[][] x = circles.x().toArray2d();
        float[] y = circles.y().toArray();
        for (int i = 0; i < x.length; i++) {
            double r = Math.hypot(x[i][0], x[i][1]);
            assertThat(r).isCloseTo(y[i] == 0 ? 1 : 0.3, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> Datasets.circles(10, 0.1, 1.5, 0)).hasMessageContaining("factor");
        assertThatThrownBy(() -> Datasets.moons(10, -1, 0)).hasMessageContaining("noise must be finite and >= 0");
        assertThatThrownBy(() -> Datasets.blobs(10, 1, 1, 0)).hasMessageContaining("at least 2 centers");
        assertThatThrownBy(() -> Datasets.spirals(2, 3, 0, 0)).hasMessageContaining("at least 3 samples");
    }
}
