package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private static Dataset numbered(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return Dataset.of(Tensor.of(x, n, 1), Tensor.of(x.clone(), n, 1));
    }

    private static List<Float> visit(Iterator<Batch> it, List<Integer> sizes) {
        List<Float> seen = new ArrayList<>();
        while (it.hasNext()) {
            Batch b = it.next();
            sizes.add(b.size());
            assertThat(b.x().toArray()).containsExactly(b.y().toArray());   // rows stay paired
            for (float v : b.x().toArray()) {
                seen.add(v);
            }
        }
        return seen;
    }

    @Test
    void batchesCoverEverySampleOnceInOrderOrSeededShuffle() {
        Dataset d = numbered(10);
        List<Integer> sizes = new ArrayList<>();
        assertThat(visit(d.batches(4, false, 0), sizes)).containsExactly(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(d.batchCount(4)).isEqualTo(3);

        List<Float> a = visit(d.batches(3, true, 7), new ArrayList<>());
        List<Float> b = visit(d.batches(3, true, 7), new ArrayList<>());
        List<Float> c = visit(d.batches(3, true, 8), new ArrayList<>());
        assertThat(a).isEqualTo(b).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
        assertThat(c).isNotEqualTo(a);
        assertThat(d.sampleCount()).isEqualTo(10L);
        assertThatThrownBy(() -> d.batches(0, false, 0)).hasMessageContaining("batch size must be >= 1");
    }

    @Test
    void shuffleKeepsPairsAndOfArraysWorks() {
        Dataset d = numbered(20).shuffle(3);
        assertThat(d.x().toArray()).containsExactly(d.y().toArray());
        assertThat(d.x().toArray()).isNotEqualTo(numbered(20).x().toArray());
        Dataset arrays = Dataset.of(new float[][] {{1, 2}, {3, 4}}, new float[][] {{0}, {1}});
        assertThat(arrays.x().shape()).containsExactly(2, 2);
        assertThatThrownBy(() -> Dataset.of(Tensor.zeros(3, 2), Tensor.zeros(2, 1))).hasMessageContaining("they must match");
    }

    @Test
    void stratifiedSplitKeepsClassRatios() {
        // 60 of class 0, 30 of class 1, 10 of class 2
        float[] ids = new float[100];
        for (int i = 0; i < 100; i++) {
            ids[i] = i < 60 ? 0 : i < 90 ? 1 : 2;
        }
        Dataset d = Dataset.of(Tensor.arange(100).reshape(100, 1), OneHot.toCategorical(Tensor.of(ids, 100), 3));
        Split s = Datasets.trainTestSplit(d, 0.2, 1, true);
        assertThat(counts(s.test())).containsExactly(12, 6, 2);
        assertThat(counts(s.train())).containsExactly(48, 24, 8);
        // disjoint and complete
        List<Float> all = new ArrayList<>();
        for (float v : s.train().x().toArray()) {
            all.add(v);
        }
        for (float v : s.test().x().toArray()) {
            all.add(v);
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(100);
        // deterministic
        assertThat(Datasets.trainTestSplit(d, 0.2, 1, true).test().x().toArray()).containsExactly(s.test().x().toArray());
        // plain random split
        Split r = Datasets.trainTestSplit(d, 0.25, 1, false);
        assertThat(r.test().size()).isEqualTo(25);
        assertThat(r.train().size()).isEqualTo(75);
    }

    @Test
    void splitRejectsBadArguments() {
        Dataset d = numbered(10);
        assertThatThrownBy(() -> Datasets.trainTestSplit(d, 1.0, 0, false)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> Datasets.trainTestSplit(d, 0.01, 0, false)).hasMessageContaining("empty test set");
        Dataset regression = Dataset.of(Tensor.zeros(4, 1), Tensor.of(new float[] {0.5f, 1, 2, 3}, 4, 1));
        assertThatThrownBy(() -> Datasets.trainTestSplit(regression, 0.5, 0, true)).hasMessageContaining("stratified=false");
    }

    static int[] counts(Dataset d) {
        int[] c = new int[d.y().dim(1)];
        for (int id : OneHot.classIds(d.y())) {
            c[id]++;
        }
        return c;
    }
}
