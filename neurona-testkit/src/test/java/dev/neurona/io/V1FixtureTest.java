package dev.neurona.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of format version 1, as main wrote them before the functional Model (issue 16),
 * keep loading: each fixture ({@link V1Fixtures}) loads, predicts what it predicted when it was
 * saved, bit for bit, and trains on from its saved optimizer state.
 */
class V1FixtureTest {

    @Test
    void everyVersion1FileLoadsPredictsAsSavedAndTrainsOn(@TempDir Path dir) throws Exception {
        JsonNode expected;
        try (InputStream in = V1FixtureTest.class.getResourceAsStream("/dev/neurona/io/v1/expected.json")) {
            assertThat(in).isNotNull();
            expected = new ObjectMapper().readTree(in);
        }
        assertThat(expected.size()).isEqualTo(V1Fixtures.fixtures().size());
        for (V1Fixtures.Fixture f : V1Fixtures.fixtures()) {
            Path file = dir.resolve(f.name() + ".nrn");
            try (InputStream in = V1FixtureTest.class.getResourceAsStream("/dev/neurona/io/v1/" + f.name() + ".nrn")) {
                assertThat(in).as(f.name()).isNotNull();
                Files.copy(in, file);
            }
            Sequential m = Sequential.load(file);
            JsonNode e = expected.get(f.name());
            int[] shape = new int[e.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.get("shape").get(i).asInt();
            }
            float[] inputs = new float[e.get("inputs").size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = e.get("inputs").get(i).floatValue();
            }
            float[] want = new float[e.get("predictions").size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = e.get("predictions").get(i).floatValue();
            }
            assertThat(m.predict(Tensor.of(inputs, shape)).toArray()).as(f.name() + " predictions").containsExactly(want);
            Tensor[] d = V1Fixtures.data(f, 16);
            m.fit(d[0], d[1], Fit.epochs(1).batchSize(8).verbose(0));
            assertThat(m.optimizer().iterations()).as(f.name() + " optimizer steps, saved ones included").isGreaterThan(2L);
        }
    }
}
