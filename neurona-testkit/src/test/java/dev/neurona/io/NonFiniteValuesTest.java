package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.normalization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights and optimizer slots holding NaN or ±Infinity, a negative variance and a negative
 * second moment are refused at load, naming the entry, the array and the first bad index;
 * {@link ModelFileLimits#allowNonFinite(boolean)} loads non-finite values on request.
 */
class NonFiniteValuesTest {

    private static final Tensor[] DATA = Fixtures.classification(5, 20, 3, 2);

    @TempDir
    Path dir;
    private Path valid;
    private Path bad;

    @BeforeEach
    void saveATrainedModel() throws IOException {
        Sequential model = new Sequential(input(3), normalization(), dense(4, "relu"), dense(2, "softmax")).seed(8);
        model.compile(new Adam(0.01), "categorical_crossentropy");
        model.fit(DATA[0], DATA[1], Fit.epochs(1).batchSize(8).verbose(0));
        valid = dir.resolve("valid.nrn");
        bad = dir.resolve("bad.nrn");
        model.save(valid);
    }

    /** {@code npz} of the valid file with value {@code index} of {@code array} set to {@code value}, checksums valid. */
    private Path withValue(String npz, String array, int index, float value) throws IOException {
        Path inner = dir.resolve("inner.npz");
        Files.write(inner, Fixtures.entries(valid).get(npz));
        Map<String, byte[]> arrays = new LinkedHashMap<>(Fixtures.entries(inner));
        byte[] npy = arrays.get(array + ".npy").clone();
        int header = npy.length - 4 * count(npy);
        ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).putFloat(header + 4 * index, value);
        arrays.put(array + ".npy", npy);
        return Fixtures.rewrite(valid, bad, Map.of(npz, Fixtures.zip(arrays)));
    }

    /** The number of values of an .npy written by Neurona (its header is 128 bytes). */
    private static int count(byte[] npy) {
        return (npy.length - 128) / 4;
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheArrayAndTheIndex() throws IOException {
        for (float v : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Path file = withValue("weights.npz", "dense_1/kernel", 6, v);
            assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("weights.npz: 'dense_1/kernel' holds " + v + " at [1, 2] (value 6 of 12)");
            assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("'dense_1/kernel' holds " + v);
        }
    }

    @Test
    void theyLoadWhenAllowedExplicitly() throws IOException {
        Path file = withValue("weights.npz", "dense_2/bias", 1, Float.NaN);
        Sequential loaded = Sequential.load(file, ModelFileLimits.DEFAULT.allowNonFinite(true));
        assertThat(loaded.parameters().get(5).toArray()[1]).isNaN();
        assertThat(ModelFileLimits.DEFAULT.allowNonFinite()).isFalse();
        assertThat(ModelFileLimits.DEFAULT.allowNonFinite(true).maxArrayBytes()).isEqualTo(ModelFileLimits.DEFAULT.maxArrayBytes());
        Path slot = withValue("optimizer.npz", "dense_1/kernel/m", 0, Float.POSITIVE_INFINITY);
        assertThat(Sequential.load(slot, ModelFileLimits.DEFAULT.allowNonFinite(true)).optimizer().exportState()
                .get("dense_1/kernel/m")[0]).isInfinite();
    }

    @Test
    void nonFiniteOptimizerSlotsAreRefused() throws IOException {
        Path file = withValue("optimizer.npz", "dense_2/kernel/v", 3, Float.NaN);
        assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("optimizer.npz: 'dense_2/kernel/v' holds NaN at [1, 1]");
    }

    @Test
    void aNegativeVarianceOrSecondMomentIsRefused() throws IOException {
        Path variance = withValue("weights.npz", "normalization_1/variance", 2, -1f);
        assertThatThrownBy(() -> Sequential.load(variance)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("weights.npz: 'normalization_1/variance' holds -1.0 at [2]; a variance cannot be "
                        + "negative");
        Path moment = withValue("optimizer.npz", "dense_1/bias/v", 0, -0.5f);
        assertThatThrownBy(() -> Sequential.load(moment)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("optimizer.npz: 'dense_1/bias/v' holds -0.5 at index 0; the slot 'v' of adam "
                        + "cannot be negative");
        Path first = withValue("optimizer.npz", "dense_1/bias/m", 0, -0.5f);
        assertThat(Sequential.load(first).optimizer().exportState().get("dense_1/bias/m")[0]).isEqualTo(-0.5f);
    }
}
