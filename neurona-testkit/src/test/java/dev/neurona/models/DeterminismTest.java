package dev.neurona.models;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static List<Tensor> train(long seed) {
        Tensor[] data = LectureNetworksTest.twoClassSpiralish(new Random(1), 200);
        Sequential model = new Sequential(input(2), dense(8, "relu"), dropout(0.2), dense(1, "sigmoid")).seed(seed);
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        model.fit(data[0], data[1], Fit.epochs(3).batchSize(16).verbose(0));
        return model.getWeights();
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        List<Tensor> a = train(42);
        List<Tensor> b = train(42);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).toArray()).containsExactly(b.get(i).toArray());
        }
        assertThat(train(43).get(0).toArray()).isNotEqualTo(a.get(0).toArray());
    }
}
