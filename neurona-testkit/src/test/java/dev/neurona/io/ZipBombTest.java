package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip bombs, built here small on disk: entries whose content inflates to gigabytes, declared
 * honestly or not. Each is refused with a {@link ModelFileException} before it can exhaust
 * memory: a declared size beyond what the architecture's shapes take is refused before
 * inflating, and no inflation goes past the declared size. The build runs this class in a JVM
 * of 256 MiB of heap (the {@code small-heap} execution of this module's pom), and each case
 * also measures what the loading thread allocated.
 */
class ZipBombTest {

    private static final int GIB_IN_MIB = 2048;
    /** A bomb whose compressed data fit in the slack a small model's weights.npz has for headers. */
    private static final int SMALL_MIB = 48;
    /** Far above a few copies of the model (under 1 MB), far below any bomb. */
    private static final long ALLOCATION_BOUND = 64L << 20;

    @TempDir
    Path dir;
    private Path valid;
    private Path bomb;
    private Map<String, byte[]> entries;

    @BeforeEach
    void saveAValidModel() throws IOException {
        Tensor[] data = Fixtures.classification(3, 30, 4, 3);
        Sequential model = new Sequential(input(4), dense(32, "relu"), dense(3, "softmax")).seed(9);
        model.compile(new Adam(0.01), "categorical_crossentropy");
        model.fit(data[0], data[1], Fit.epochs(1).batchSize(10).verbose(0));
        valid = dir.resolve("valid.nrn");
        bomb = dir.resolve("bomb.nrn");
        model.save(valid);
        entries = Fixtures.entries(valid);
    }

    @Test
    void theBombsOfTheseTestsInflateAsAdvertised() {
        byte[] b = RawZip.bomb("head".getBytes(StandardCharsets.US_ASCII), 16, (byte) 0);
        Inflater inflater = new Inflater(true);
        inflater.setInput(b);
        byte[] out = new byte[1 << 16];
        long total = 0;
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(out);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
                total += n;
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        assertThat(total).isEqualTo(4 + (16L << 20));
        assertThat(b.length).isLessThan(20_000);
    }

    /** The model file with {@code replaced} entries, written raw so that their headers say what the test wants. */
    private Path file(Map<String, RawZip.Entry> replaced) throws IOException {
        List<RawZip.Entry> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            out.add(replaced.getOrDefault(e.getKey(), RawZip.stored(e.getKey(), e.getValue())));
        }
        Files.write(bomb, RawZip.write(out));
        return bomb;
    }

    /** weights.npz (or optimizer.npz) with its array {@code array} replaced, the rest as saved. */
    private byte[] npzWith(String npz, String array, RawZip.Entry replacement) throws IOException {
        Path inner = dir.resolve("inner.npz");
        Files.write(inner, entries.get(npz));
        List<RawZip.Entry> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : Fixtures.entries(inner).entrySet()) {
            out.add(e.getKey().equals(array) ? replacement : RawZip.stored(e.getKey(), e.getValue()));
        }
        return RawZip.write(out);
    }

    private static byte[] npyHeader(String shape) throws IOException {
        return Fixtures.npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", new byte[0]);
    }

    /** Loads {@code file} expecting a ModelFileException containing {@code message}, with little allocated. */
    private static void assertRefused(Path file, String message) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while refusing the bomb").isLessThan(ALLOCATION_BOUND);
        assertThat(System.nanoTime() - start).as("nanoseconds to refuse it (nothing large is inflated)")
                .isLessThan(10_000_000_000L);
    }

    @Test
    void anOuterEntryDeclaringGigabytesIsRefusedBeforeInflating() throws IOException {
        byte[] zeros = RawZip.bomb(new byte[0], GIB_IN_MIB, (byte) 0);   // 2 GiB of zeros in about 2 MB
        RawZip.Entry weights = new RawZip.Entry("weights.npz", 8, zeros, 0, zeros.length, 1L << 31);
        assertRefused(file(Map.of("weights.npz", weights)), "weights.npz declares 2147483648 bytes uncompressed, "
                + "but the arrays the architecture needs take at most");
        RawZip.Entry optimizer = new RawZip.Entry("optimizer.npz", 8, zeros, 0, zeros.length, 1L << 31);
        assertRefused(file(Map.of("optimizer.npz", optimizer)), "optimizer.npz declares 2147483648 bytes");
        RawZip.Entry config = new RawZip.Entry("config.json", 8, zeros, 0, zeros.length, 1L << 31);
        assertRefused(file(Map.of("config.json", config)), "config.json: 2147483648 bytes uncompressed, more than the "
                + "limit of " + ModelFileLimits.DEFAULT.maxJsonBytes());
    }

    @Test
    void anOuterEntryThatLiesAboutItsSizeStopsInflatingThere() throws IOException {
        byte[] zeros = RawZip.bomb(new byte[0], GIB_IN_MIB, (byte) 0);
        for (String name : new String[] {"weights.npz", "optimizer.npz", "config.json"}) {
            byte[] real = entries.get(name);
            RawZip.Entry lying = new RawZip.Entry(name, 8, zeros, RawZip.crc(real), zeros.length, real.length);
            assertRefused(file(Map.of(name, lying)), name + ": longer than the " + real.length + " bytes it declares");
        }
        // the limits-only reader stops there too
        byte[] real = entries.get("weights.npz");
        file(Map.of("weights.npz", new RawZip.Entry("weights.npz", 8, zeros, RawZip.crc(real), zeros.length,
                real.length)));
        assertThatThrownBy(() -> ModelFiles.read(bomb)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void anInnerArrayDeflatedFromGigabytesIsRefusedByItsDeclaredSize() throws IOException {
        byte[] header = npyHeader("(4, 32)");
        // 2 GiB in one array: its compressed data alone are larger than the model, so weights.npz is refused first
        byte[] kernel = RawZip.bomb(header, GIB_IN_MIB, (byte) 0);
        RawZip.Entry honest = new RawZip.Entry("dense_1/kernel.npy", 8, kernel, 0, kernel.length,
                header.length + (1L << 31));
        assertRefused(file(Map.of("weights.npz", RawZip.stored("weights.npz",
                npzWith("weights.npz", "dense_1/kernel.npy", honest)))), "but the arrays the architecture needs take at most");
        // 48 MiB fit in the slack weights.npz has for headers: the array's own declared size is refused
        byte[] smaller = RawZip.bomb(header, SMALL_MIB, (byte) 0);
        RawZip.Entry declared = new RawZip.Entry("dense_1/kernel.npy", 8, smaller, 0, smaller.length,
                header.length + ((long) SMALL_MIB << 20));
        assertRefused(file(Map.of("weights.npz", RawZip.stored("weights.npz",
                npzWith("weights.npz", "dense_1/kernel.npy", declared)))), "weights.npz: 'dense_1/kernel.npy' declares "
                + (header.length + ((long) SMALL_MIB << 20)) + " bytes, but the parameter 'dense_1/kernel' of shape "
                + "[4, 32] takes 512");

        byte[] slot = RawZip.bomb(header, 400, (byte) 0);
        RawZip.Entry m = new RawZip.Entry("dense_1/kernel/m.npy", 8, slot, 0, slot.length, header.length + (400L << 20));
        assertRefused(file(Map.of("optimizer.npz", RawZip.stored("optimizer.npz",
                npzWith("optimizer.npz", "dense_1/kernel/m.npy", m)))), "optimizer.npz declares");
        RawZip.Entry small = new RawZip.Entry("dense_1/kernel/m.npy", 8, smaller, 0, smaller.length,
                header.length + ((long) SMALL_MIB << 20));
        assertRefused(file(Map.of("optimizer.npz", RawZip.stored("optimizer.npz",
                npzWith("optimizer.npz", "dense_1/kernel/m.npy", small)))), "optimizer.npz: 'dense_1/kernel/m.npy' declares "
                + (header.length + ((long) SMALL_MIB << 20)) + " bytes");
    }

    @Test
    void anInnerArrayThatLiesAboutItsSizeStopsInflatingThere() throws IOException {
        Path inner = dir.resolve("w.npz");
        Files.write(inner, entries.get("weights.npz"));
        byte[] real = Fixtures.entries(inner).get("dense_1/kernel.npy");
        byte[] header = java.util.Arrays.copyOf(real, real.length - 4 * 4 * 32);   // the real header: only the values lie
        byte[] kernel = RawZip.bomb(header, SMALL_MIB, (byte) 0);   // 48 MiB of zeros where 512 bytes belong
        RawZip.Entry lying = new RawZip.Entry("dense_1/kernel.npy", 8, kernel, RawZip.crc(real), kernel.length,
                real.length);
        assertRefused(file(Map.of("weights.npz", RawZip.stored("weights.npz",
                npzWith("weights.npz", "dense_1/kernel.npy", lying)))), "inflates to more than the " + real.length
                + " bytes it declares");
        // a header that lies about the shape is refused by the architecture's shape before its values are read
        byte[] big = npyHeader("(40000, 10000)");
        byte[] huge = RawZip.bomb(big, SMALL_MIB, (byte) 0);
        RawZip.Entry shape = new RawZip.Entry("dense_1/kernel.npy", 8, huge, 0, huge.length, real.length);
        assertRefused(file(Map.of("weights.npz", RawZip.stored("weights.npz",
                npzWith("weights.npz", "dense_1/kernel.npy", shape)))), "has 400000000 values (shape [40000, 10000])");
    }
}
