package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric names in a file are checked on load as {@code compile} checks them, and a bad one
 * is a {@link ModelFileException} naming the file, not an error in the middle of a later fit.
 */
class MetricNamesInFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static Path withMetrics(Path valid, Path bad, List<Object> metrics) throws Exception {
        Map<String, Object> config = JSON.readValue(Fixtures.entries(valid).get("config.json"), Map.class);
        ((Map<String, Object>) config.get("compile")).put("metrics", metrics);
        return Fixtures.rewrite(valid, bad, Map.of("config.json", JSON.writeValueAsBytes(config)));
    }

    @Test
    void aMisspeltOrMeaninglessMetricInTheFileIsAModelFileError(@TempDir Path dir) throws Exception {
        Sequential model = new Sequential(input(2), dense(1)).seed(3);
        model.compile(new Adam(0.01), "mse", "mae");
        Path valid = dir.resolve("valid.nrn");
        model.save(valid);
        Path typo = withMetrics(valid, dir.resolve("typo.nrn"), List.of("mae", "rmsee"));
        assertThatThrownBy(() -> Sequential.load(typo)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(typo.toString())
                .hasMessageContaining("compile settings: unknown metric 'rmsee' (did you mean 'rmse'?)");
        Path accuracy = withMetrics(valid, dir.resolve("accuracy.nrn"), List.of("accuracy"));
        assertThatThrownBy(() -> Sequential.load(accuracy)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("metric 'accuracy' needs class labels, but loss 'mse' is a regression loss");
    }
}
