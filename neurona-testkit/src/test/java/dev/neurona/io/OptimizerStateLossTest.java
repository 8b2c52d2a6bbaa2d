package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.normalization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Normalization;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An optimizer state that lost slots, by damage or by omission, is an error naming the file,
 * the entry and what is missing, never a resume that silently restarts those slots from zero.
 */
class OptimizerStateLossTest {

    private static final Tensor[] DATA = Fixtures.classification(12, 24, 3, 2);

    @TempDir
    Path dir;
    private Path valid;
    private Path bad;

    @BeforeEach
    void saveATrainedModel() throws IOException {
        Sequential model = new Sequential(input(3), dense(4, "relu"), dense(2, "softmax")).seed(4);
        model.compile(new Adam(0.01), "categorical_crossentropy");
        model.fit(DATA[0], DATA[1], Fit.epochs(1).batchSize(8).verbose(0));
        valid = dir.resolve("valid.nrn");
        bad = dir.resolve("bad.nrn");
        model.save(valid);
    }

    private AbstractThrowableAssert<?, ?> assertRejected(Path file) {
        return assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.toString());
    }

    private byte[] optimizerNpz() throws IOException {
        return Fixtures.entries(valid).get("optimizer.npz");
    }

    /** The optimizer.npz's arrays, by entry name. */
    private Map<String, byte[]> slots() throws IOException {
        Path npz = dir.resolve("o.npz");
        Files.write(npz, optimizerNpz());
        return new LinkedHashMap<>(Fixtures.entries(npz));
    }

    /** The offset of the {@code n}-th local header (0-based) of a zip. */
    private static int localHeader(byte[] zip, int n) {
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4 && n-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no local header " + n);
    }

    @Test
    void aDamagedLocalHeaderInsideOptimizerNpzIsAnErrorNamingTheEntry() throws IOException {
        byte[] npz = optimizerNpz();
        int third = localHeader(npz, 3);
        byte[] signature = npz.clone();
        signature[third] = 'X';   // the central directory still lists the entry: it must be found damaged
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", signature)))
                .hasMessageContaining("optimizer.npz: the local header of 'dense_1/bias/m.npy' is damaged");
        byte[] nameLength = npz.clone();
        nameLength[third + 26] += 3;
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", nameLength)))
                .hasMessageContaining("optimizer.npz: the local header of 'dense_1/bias/m.npy'");
        byte[] size = npz.clone();
        size[third + 22] ^= 0x10;
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", size)))
                .hasMessageContaining("disagrees with the central directory");
    }

    @Test
    void aTruncatedOptimizerNpzIsAnError() throws IOException {
        byte[] npz = optimizerNpz();
        for (int keep : new int[] {localHeader(npz, 3), npz.length / 2, npz.length - 1}) {
            assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", Arrays.copyOf(npz, keep))))
                    .hasMessageContaining("optimizer.npz");
        }
    }

    @Test
    void slotsLeftOutOfAConsistentArchiveAreNamed() throws IOException {
        Map<String, byte[]> slots = slots();
        slots.remove("dense_2/bias/m.npy");
        slots.remove("dense_2/bias/v.npy");
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", Fixtures.zip(slots))))
                .hasMessageContaining("optimizer.npz lacks the slots 'dense_2/bias/m' of shape [2], "
                        + "'dense_2/bias/v' of shape [2] that the optimizer adam (slots: m, v of every trainable parameter) "
                        + "needs");
        Map<String, byte[]> none = new LinkedHashMap<>();
        none.put("iterations.npy", slots.get("iterations.npy"));
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", Fixtures.zip(none))))
                .hasMessageContaining("optimizer.npz holds no slots, but its step count says adam has taken steps");
    }

    @Test
    void anUntrainedCompiledModelHasNoSlotsAndLoads() throws IOException {
        Sequential model = new Sequential(input(3), dense(2)).seed(1);
        model.compile(new Adam(), "mse");
        Path file = dir.resolve("untrained.nrn");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertThat(loaded.optimizer().exportState()).containsOnlyKeys("iterations");
        loaded.fit(DATA[0], Tensor.zeros(24, 2), Fit.epochs(1).verbose(0));
    }

    @Test
    void statisticsTheArchitectureKeepsFrozenNeedNoSlots() throws IOException {
        Normalization norm = normalization();
        Sequential model = new Sequential(input(3), norm, dense(2, "softmax")).seed(2);
        model.build(3);
        norm.adapt(DATA[0]);
        model.compile(new Adam(0.01), "categorical_crossentropy");
        model.fit(DATA[0], DATA[1], Fit.epochs(1).batchSize(8).verbose(0));
        Path file = dir.resolve("normalized.nrn");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertThat(loaded.optimizer().exportState()).doesNotContainKey("normalization_1/mean/m")
                .containsKey("dense_1/kernel/v");
        loaded.resume(DATA[0], DATA[1], Fit.epochs(2).batchSize(8).verbose(0));
    }

    @Test
    void aParameterFrozenByTheCallerGetsFreshSlotsInTheFileAndResumes() throws IOException {
        Sequential model = new Sequential(input(3), dense(4, "relu"), dense(2, "softmax")).seed(3);
        model.compile(new Adam(0.01), "categorical_crossentropy");
        model.build(3);
        model.parameters().get(0).trainable(false);   // dense_1/kernel: trains nothing, so the optimizer has no slots for it
        model.fit(DATA[0], DATA[1], Fit.epochs(1).batchSize(8).verbose(0));
        assertThat(model.optimizer().exportState()).doesNotContainKey("dense_1/kernel/m");
        Path file = dir.resolve("frozen.nrn");
        model.save(file);
        Sequential loaded = Sequential.load(file);   // where it is trainable again, as the file keeps no freezing
        assertThat(loaded.optimizer().exportState().get("dense_1/kernel/m")).containsOnly(0f);
        loaded.resume(DATA[0], DATA[1], Fit.epochs(2).batchSize(8).verbose(0));
    }
}
