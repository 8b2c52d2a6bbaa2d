package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a file can be wrong gets a {@link ModelFileException} naming the file and the problem. */
class BadModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path valid;
    private Path bad;

    @BeforeEach
    void saveAValidModel() throws IOException {
        Sequential model = new Sequential(input(2), dense(3, "relu"), dense(1)).seed(3);
        model.compile(new Adam(0.01), "mse");
        model.fit(Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(new float[][] {{1}, {0}}), Fit.epochs(1).verbose(0));
        valid = dir.resolve("valid.nrn");
        bad = dir.resolve("bad.nrn");
        model.save(valid);
    }

    private AbstractThrowableAssert<?, ?> assertRejected(Path file) {
        return assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.toString());
    }

    private AbstractThrowableAssert<?, ?> assertRejected(Path file, ModelFileLimits limits) {
        return assertThatThrownBy(() -> Sequential.load(file, limits)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.toString());
    }

    @SuppressWarnings("unchecked")
    private Path withConfig(Consumer<Map<String, Object>> edit) throws IOException {
        Map<String, Object> config = JSON.readValue(Fixtures.entries(valid).get("config.json"), Map.class);
        edit.accept(config);
        return Fixtures.rewrite(valid, bad, Map.of("config.json", JSON.writeValueAsBytes(config)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(Map<String, Object> config) {
        return (Map<String, Object>) config.get("model");
    }

    /** weights.npz with some arrays replaced (a null value removes one). */
    private Path withArrays(Map<String, byte[]> changes) throws IOException {
        Path npz = dir.resolve("w.npz");
        Files.write(npz, Fixtures.entries(valid).get("weights.npz"));
        Map<String, byte[]> arrays = Fixtures.entries(npz);
        changes.forEach((k, v) -> {
            if (v == null) {
                arrays.remove(k);
            } else {
                arrays.put(k, v);
            }
        });
        return Fixtures.rewrite(valid, bad, Map.of("weights.npz", Fixtures.zip(arrays)));
    }

    private static byte[] floats(int n) {
        return ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN).array();
    }

    @Test
    void aNewerFormatVersionIsRefusedNamingBothVersions() throws IOException {
        assertRejected(withConfig(c -> c.put("format_version", ModelSnapshot.FORMAT_VERSION + 1)))
                .hasMessageContaining("format version " + (ModelSnapshot.FORMAT_VERSION + 1))
                .hasMessageContaining("up to " + ModelSnapshot.FORMAT_VERSION);
        assertRejected(withConfig(c -> c.put("format_version", "1"))).hasMessageContaining("'format_version' must be an integer");
    }

    @Test
    void notAModelFile() throws IOException {
        assertRejected(dir.resolve("missing.nrn")).hasMessageContaining("no such file");
        Files.writeString(bad, "just text");
        assertRejected(bad).hasMessageContaining("not a valid zip archive");
        Files.write(bad, new byte[0]);
        assertRejected(bad).hasMessageContaining("zip");
        assertRejected(Fixtures.rewrite(valid, bad, removal("weights.npz"))).hasMessageContaining("lacks weights.npz");
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("Evil.class", new byte[] {(byte) 0xCA, (byte) 0xFE})))
                .hasMessageContaining("unexpected entry 'Evil.class'");
    }

    private static Map<String, byte[]> removal(String name) {
        Map<String, byte[]> m = new HashMap<>();
        m.put(name, null);
        return m;
    }

    @Test
    void weightsThatDoNotFitTheArchitectureNameTheParameter() throws IOException {
        byte[] kernel = Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", floats(6));
        assertRejected(withArrays(Map.of("dense_1/kernel.npy", kernel)))
                .hasMessageContaining("'dense_1/kernel' has shape [3, 2] but the architecture needs [2, 3]");

        Map<String, byte[]> renamed = removal("dense_2/bias.npy");
        renamed.put("dense_2/offset.npy", Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                floats(1)));
        assertRejected(withArrays(renamed)).hasMessageContaining("lacks the parameter 'dense_2/bias'");

        Map<String, byte[]> extra = new HashMap<>();
        extra.put("dense_3/bias.npy", Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                floats(1)));
        assertRejected(withArrays(extra)).hasMessageContaining("'dense_3/bias', which is not a parameter of the architecture");
    }

    @Test
    void malformedArraysAreNamed() throws IOException {
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", new byte[48]))))
                .hasMessageContaining("dense_1/kernel.npy").hasMessageContaining("dtype '<f8' is not supported");
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", floats(6)))))
                .hasMessageContaining("Fortran");
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", floats(5)))))
                .hasMessageContaining("truncated");
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", floats(7)))))
                .hasMessageContaining("bytes after");
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ", floats(6)))))
                .hasMessageContaining("malformed header");
        assertRejected(withArrays(Map.of("dense_1/kernel.npy", "not numpy ".repeat(15).getBytes(StandardCharsets.US_ASCII))))
                .hasMessageContaining("magic");
        // too short for the kernel's 6 values: refused by its declared size, before it is read
        assertRejected(withArrays(Map.of("dense_1/kernel.npy", "not numpy".getBytes(StandardCharsets.US_ASCII))))
                .hasMessageContaining("'dense_1/kernel.npy' declares 9 bytes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void hugeDeclaredShapesFailWithoutAllocating() throws IOException {
        // checksums are valid here: only the header lies, and it is refused for the shape the architecture implies
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (50000, 40000), }", floats(6)))))
                .hasMessageContaining("'dense_1/kernel' has 2000000000 values (shape [50000, 40000])")
                .hasMessageContaining("needs 6");
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4000000000, 4000000000), }", floats(6)))))
                .hasMessageContaining("dimension 4000000000 is too large");
        assertRejected(withArrays(Map.of("dense_1/kernel.npy",
                Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2000000000, 2000000000), }", floats(6)))))
                .hasMessageContaining("more values than the limit");
        // a config that asks for a huge layer is refused before the layer is built
        assertRejected(withConfig(c -> ((Map<String, Object>) ((List<?>) model(c).get("layers")).get(1)).put("units", 1_000_000_000)))
                .hasMessageContaining("weight values");
    }

    @Test
    void limitsBoundEverySize() throws IOException {
        long size = Files.size(valid);
        assertRejected(valid, new ModelFileLimits(size - 1, 100, 1 << 20, 1 << 20)).hasMessageContaining("limit of " + (size - 1));
        assertRejected(valid, new ModelFileLimits(1 << 20, 100, 100, 1 << 20)).hasMessageContaining("config.json");
        assertRejected(valid, new ModelFileLimits(1 << 20, 100, 1 << 20, 16)).hasMessageContaining("limit");
        assertRejected(valid, new ModelFileLimits(1 << 20, 2, 1 << 20, 1 << 20)).hasMessageContaining("more than 2");
        assertThat(Sequential.load(valid, new ModelFileLimits(size, 9, 1 << 16, 1 << 12)).isBuilt()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void badConfigFieldsAreNamed() throws IOException {
        assertRejected(withConfig(c -> model(c).put("input_shape", "two"))).hasMessageContaining("'model.input_shape' must be a list");
        assertRejected(withConfig(c -> model(c).put("input_shape", List.of(0)))).hasMessageContaining("model.input_shape[0]");
        assertRejected(withConfig(c -> c.remove("model"))).hasMessageContaining("'model' is missing");
        assertRejected(withConfig(c -> ((Map<String, Object>) ((List<?>) model(c).get("layers")).get(1)).put("type", "Conv9")))
                .hasMessageContaining("model.layers[1].type").hasMessageContaining("unknown layer type 'Conv9'");
        assertRejected(withConfig(c -> ((Map<String, Object>) ((List<?>) model(c).get("layers")).get(1)).put("units", "many")))
                .hasMessageContaining("model.layers[1].units");
        assertRejected(withConfig(c -> ((Map<String, Object>) c.get("compile")).put("loss", Map.of("name", "nonsense"))))
                .hasMessageContaining("config.json: compile.loss.name").hasMessageContaining("nonsense");
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("config.json", "{\"a\": 1} trailing".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not valid JSON");
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("config.json", "{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("Duplicate");
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("config.json", "[[[[[[[[[[".repeat(20).getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void optimizerStateThatDoesNotFitIsNamed() throws IOException {
        Path npz = dir.resolve("o.npz");
        Files.write(npz, Fixtures.entries(valid).get("optimizer.npz"));
        Map<String, byte[]> arrays = new LinkedHashMap<>(Fixtures.entries(npz));
        arrays.put("dense_7/kernel/m.npy", Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", floats(6)));
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", Fixtures.zip(arrays))))
                .hasMessageContaining("dense_7/kernel/m");
        arrays.remove("dense_7/kernel/m.npy");
        arrays.put("dense_1/kernel/m.npy", Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", floats(5)));
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", Fixtures.zip(arrays))))
                .hasMessageContaining("'dense_1/kernel/m' has 5 values");
        arrays.remove("iterations.npy");
        assertRejected(Fixtures.rewrite(valid, bad, Map.of("optimizer.npz", Fixtures.zip(arrays))))
                .hasMessageContaining("iterations");
    }

    @Test
    void deflatedArchivesAreReadToo() throws IOException {
        // Fixtures.zip deflates every entry, as numpy.savez_compressed does
        Path npz = dir.resolve("w.npz");
        Files.write(npz, Fixtures.entries(valid).get("weights.npz"));
        Path deflated = Fixtures.rewrite(valid, bad, Map.of("weights.npz", Fixtures.zip(Fixtures.entries(npz))));
        Fixtures.assertSameModel(Sequential.load(valid), Sequential.load(deflated));
    }
}
