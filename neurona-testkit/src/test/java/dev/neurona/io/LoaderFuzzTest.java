package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 seeded corruptions of a valid small file (byte flips, truncations, both): each one
 * either loads the very same model or fails with {@link ModelFileException} — never another
 * exception, an error such as OutOfMemoryError, or a hang.
 */
class LoaderFuzzTest {

    private static final int CASES = 1000;

    @TempDir
    Path dir;

    @Test
    void corruptedFilesLoadIdenticallyOrFailWithTheLibrarysException() throws IOException {
        Tensor[] data = Fixtures.classification(41, 20, 3, 2);
        Sequential model = new Sequential(input(3), dense(4, "relu"), dropout(0.25), dense(2, "softmax")).seed(5);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(data[0], data[1], Fit.epochs(1).batchSize(8).verbose(0));
        Path original = dir.resolve("original.nrn");
        model.save(original);
        byte[] valid = Files.readAllBytes(original);
        Map<String, float[]> state = model.optimizer().exportState();

        Path file = dir.resolve("corrupt.nrn");
        Random random = new Random(20240601);
        int[] outcomes = new int[2];   // identical, rejected
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] bytes = corrupt(valid, random);
                Files.write(file, bytes);
                Sequential loaded;
                try {
                    loaded = Sequential.load(file);
                } catch (ModelFileException e) {
                    assertThat(e.getMessage()).as("case %d", i).startsWith(file.toString());
                    outcomes[1]++;
                    continue;
                } catch (Throwable t) {
                    throw new AssertionError("case " + i + ": " + describe(valid, bytes) + " threw " + t, t);
                }
                Fixtures.assertSameModel(model, loaded);
                int at = i;
                Map<String, float[]> loadedState = loaded.optimizer().exportState();
                assertThat(loadedState.keySet()).as("case %d", i).isEqualTo(state.keySet());
                state.forEach((k, v) -> assertThat(loadedState.get(k)).as("case %d %s", at, k).containsExactly(v));
                outcomes[0]++;
            }
        });
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(CASES);
        assertThat(outcomes[1]).as("most corruptions are detected").isGreaterThan(CASES / 2);
    }

    /**
     * The same inside the archive: an entry's content is corrupted and the archive rebuilt with
     * valid checksums, so that the JSON, .npz and .npy parsers and the model checks see the
     * damage. A file may then describe another valid model (a flipped digit in the seed), so
     * the check is only: it loads, or fails with the library's exception.
     */
    @Test
    void corruptedEntriesWithValidChecksumsLoadOrFailWithTheLibrarysException() throws IOException {
        Tensor[] data = Fixtures.classification(42, 20, 3, 2);
        Sequential model = new Sequential(input(3), dense(4, "relu"), dropout(0.25), dense(2, "softmax")).seed(6);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(data[0], data[1], Fit.epochs(1).batchSize(8).verbose(0));
        Path original = dir.resolve("original.nrn");
        model.save(original);
        Map<String, byte[]> entries = Fixtures.entries(original);
        String[] names = entries.keySet().toArray(new String[0]);

        Path file = dir.resolve("corrupt.nrn");
        Random random = new Random(20240602);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < CASES; i++) {
                String name = names[random.nextInt(names.length)];
                byte[] content = entries.get(name);
                byte[] bytes = corrupt(content, random);
                Fixtures.rewrite(original, file, Map.of(name, bytes));
                try {
                    Sequential.load(file);
                } catch (ModelFileException e) {
                    assertThat(e.getMessage()).as("case %d", i).startsWith(file.toString());
                } catch (Throwable t) {
                    throw new AssertionError("case " + i + ": " + name + " " + describe(content, bytes) + " threw " + t, t);
                }
            }
        });
    }

    /** Flips 1–4 bytes, truncates, or both. */
    private static byte[] corrupt(byte[] valid, Random random) {
        int kind = random.nextInt(3);
        byte[] bytes = valid.clone();
        if (kind != 1) {
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
        }
        if (kind != 0) {
            bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        return bytes;
    }

    private static String describe(byte[] valid, byte[] bytes) {
        StringBuilder sb = new StringBuilder("length " + bytes.length + " of " + valid.length + ", changed at");
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != valid[i]) {
                sb.append(' ').append(i);
            }
        }
        return sb.toString();
    }
}
