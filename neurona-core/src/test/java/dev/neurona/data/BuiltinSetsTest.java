package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BuiltinSetsTest {

    private static void check(Split s, int n, int d, int[] classCounts, boolean oneHot) {
        assertThat(s.train().size() + s.test().size()).isEqualTo(n);
        assertThat(s.train().x().dim(1)).isEqualTo(d);
        assertThat(s.test().x().dim(1)).isEqualTo(d);
        Tensor all = Tensor.concat(0, s.train().y(), s.test().y());
        assertThat(all.dim(1)).isEqualTo(oneHot ? classCounts.length : 1);
        int[] counts = new int[classCounts.length];
        for (int id : OneHot.classIds(all)) {
            counts[id]++;
        }
        assertThat(counts).containsExactly(classCounts);
        // stratified 80/20: each class's test share is within one sample of 20 %
        int[] test = new int[classCounts.length];
        for (int id : OneHot.classIds(s.test().y())) {
            test[id]++;
        }
        for (int k = 0; k < counts.length; k++) {
            assertThat((double) test[k]).isCloseTo(counts[k] * 0.2, org.assertj.core.api.Assertions.offset(0.51));
        }
        for (float v : s.train().x().toArray()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void digits() {
        Split s = Datasets.digits();
        check(s, 1797, 64, new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, true);
        float max = s.train().x().max().item();
        assertThat(max).isEqualTo(1f);
        assertThat(s.train().x().min().item()).isZero();
    }

    @Test
    void iris() {
        check(Datasets.iris(), 150, 4, new int[] {50, 50, 50}, true);
        assertThat(Datasets.iris().test().size()).isEqualTo(30);
    }

    @Test
    void breastCancer() {
        check(Datasets.breastCancer(), 569, 30, new int[] {212, 357}, false);
    }

    @Test
    void wine() {
        check(Datasets.wine(), 178, 13, new int[] {59, 71, 48}, true);
    }

    @Test
    void theSplitIsFixed() {
        assertThat(Datasets.iris().test().x().toArray()).containsExactly(Datasets.iris().test().x().toArray());
    }
}
