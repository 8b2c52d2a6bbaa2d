package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIFAR-10 against the tiny archives of src/test/python/cifar10_fixture.py (the official format,
 * a few records per batch) and batch files written here; downloads from a local HTTP server on
 * 127.0.0.1. Never touches ~/.neurona or the network.
 */
class Cifar10Test {

    private static final int[] TRAIN_COUNTS = {2, 3, 1, 2, 2};
    private static final int TEST_COUNT = 3;

    @TempDir
    Path home;

    @TempDir
    Path userDir;

    private HttpServer server;
    private volatile byte[] served;
    private final List<String> progress = new ArrayList<>();
    private String baseUrl;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().equals("/" + Cifar10.ARCHIVE) ? served : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = Cifar10Test.class.getResourceAsStream("cifar10/" + name)) {
            assertThat(in).as("test resource cifar10/" + name + " (run src/test/python/cifar10_fixture.py)").isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private DatasetStore store() {
        return new DatasetStore(home, HttpClient.newHttpClient(), progress::add, false);
    }

    private DatasetStore.Source source(String sha256) {
        return new DatasetStore.Source("cifar-10", "CIFAR-10", baseUrl,
                List.of(new DatasetStore.RemoteFile(Cifar10.ARCHIVE, sha256)), null, null, "cifar10",
                DatasetStore.CIFAR10.alsoAccepted());
    }

    /** The fixture script's pixel byte for record g, channel c, row y, column x. */
    private static int pixel(int g, boolean test, int c, int y, int x) {
        return (g * 37 + c * 71 + y * 13 + x * 3 + (test ? 101 : 0)) % 256;
    }

    private static int label(int g, boolean test) {
        return test ? (7 * g + 9) % 10 : (3 * g + 1) % 10;
    }

    /** Checks every value of a part against the formula: channels last, /255, one-hot labels. */
    private static void assertPart(Dataset part, int n, boolean test) {
        assertThat(part.x().shape()).containsExactly(n, 32, 32, 3);
        assertThat(part.y().shape()).containsExactly(n, 10);
        float[] x = part.x().toArray();
        int[] ids = OneHot.classIds(part.y());
        for (int g = 0; g < n; g++) {
            assertThat(ids[g]).as("label of record %d", g).isEqualTo(label(g, test));
            for (int y = 0; y < 32; y++) {
                for (int col = 0; col < 32; col++) {
                    for (int c = 0; c < 3; c++) {
                        float expected = pixel(g, test, c, y, col) / 255f;
                        if (x[((g * 32 + y) * 32 + col) * 3 + c] != expected) {
                            throw new AssertionError("record " + g + " (test " + test + ") pixel y=" + y + " x=" + col
                                    + " c=" + c + ": " + x[((g * 32 + y) * 32 + col) * 3 + c] + " != " + expected);
                        }
                    }
                }
            }
        }
    }

    private static void assertFixture(Split split) {
        assertPart(split.train(), Arrays.stream(TRAIN_COUNTS).sum(), false);
        assertPart(split.test(), TEST_COUNT, true);
    }

    /** Writes the six batch files of the fixture's formula into {@code dir}, as an extracted archive holds them. */
    private static void writeBatches(Path dir) throws Exception {
        Files.createDirectories(dir);
        int g = 0;
        for (int i = 0; i < 5; i++) {
            byte[] b = new byte[TRAIN_COUNTS[i] * Cifar10.RECORD];
            for (int k = 0; k < TRAIN_COUNTS[i]; k++, g++) {
                fillRecord(b, k, g, false);
            }
            Files.write(dir.resolve("data_batch_" + (i + 1) + ".bin"), b);
        }
        byte[] t = new byte[TEST_COUNT * Cifar10.RECORD];
        for (int k = 0; k < TEST_COUNT; k++) {
            fillRecord(t, k, k, true);
        }
        Files.write(dir.resolve("test_batch.bin"), t);
    }

    private static void fillRecord(byte[] b, int k, int g, boolean test) {
        int at = k * Cifar10.RECORD;
        b[at] = (byte) label(g, test);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 1024; p++) {
                b[at + 1 + c * 1024 + p] = (byte) pixel(g, test, c, p / 32, p % 32);
            }
        }
    }

    @Test
    void readsTheArchiveChannelsLastScaledWithOneHotLabels() throws Exception {
        byte[] archive = fixture(Cifar10.ARCHIVE);
        Files.write(userDir.resolve(Cifar10.ARCHIVE), archive);
        Split split = Cifar10.load(store(), source(sha256(archive)), userDir, baseUrl);
        assertFixture(split);
        assertThat(split.channelsLast()).isEqualTo(split);   // already has its channel axis
        assertThat(Files.exists(home.resolve("cifar-10"))).isFalse();
    }

    @Test
    void readsExtractedBatchesInTheirFolderOrDirectly() throws Exception {
        writeBatches(userDir.resolve("cifar-10-batches-bin"));
        assertFixture(Cifar10.load(store(), source("0".repeat(64)), userDir, baseUrl));   // no digest for loose files
        writeBatches(home.resolve("cifar-10"));
        assertFixture(Cifar10.load(store(), source("0".repeat(64)), null, baseUrl));
    }

    @Test
    void archiveWithAnotherChecksumIsRefusedByName() throws Exception {
        Path file = userDir.resolve(Cifar10.ARCHIVE);
        Files.write(file, fixture(Cifar10.ARCHIVE));
        assertThatThrownBy(() -> Cifar10.load(store(), source("ab".repeat(32)), userDir, baseUrl))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("SHA-256 mismatch")
                .hasMessageContaining("ab".repeat(32))
                .hasMessageContaining(sha256(Files.readAllBytes(file)));
    }

    @Test
    void truncatedRecordNamesTheArchiveEntry() throws Exception {
        byte[] archive = fixture("cifar-10-truncated-record.tar.gz");
        Path file = userDir.resolve(Cifar10.ARCHIVE);
        Files.write(file, archive);
        assertThatThrownBy(() -> Cifar10.load(store(), source(sha256(archive)), userDir, baseUrl))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(file + " (entry cifar-10-batches-bin/data_batch_3.bin)")
                .hasMessageContaining("truncated record: 3,173 bytes are 1 whole records")
                .hasMessageContaining("100 bytes of record 1");
    }

    @Test
    void labelOutOfRangeNamesTheFileAndRecord() throws Exception {
        byte[] archive = fixture("cifar-10-bad-label.tar.gz");
        Files.write(userDir.resolve(Cifar10.ARCHIVE), archive);
        assertThatThrownBy(() -> Cifar10.load(store(), source(sha256(archive)), userDir, baseUrl))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("(entry cifar-10-batches-bin/test_batch.bin)")
                .hasMessageContaining("record 2 (0-based, at byte 6,146) has label 12");

        Path dir = userDir.resolve("loose");
        writeBatches(dir);
        byte[] b = Files.readAllBytes(dir.resolve("data_batch_2.bin"));
        b[Cifar10.RECORD] = 10;
        Files.write(dir.resolve("data_batch_2.bin"), b);
        assertThatThrownBy(() -> Cifar10.readDirectory(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(dir.resolve("data_batch_2.bin").toString())
                .hasMessageContaining("record 1 (0-based, at byte 3,073) has label 10");
    }

    @Test
    void cutArchiveIsTruncatedGzipData() throws Exception {
        byte[] archive = fixture(Cifar10.ARCHIVE);
        Path file = userDir.resolve(Cifar10.ARCHIVE);
        Files.write(file, Arrays.copyOf(archive, archive.length / 2));
        assertThatThrownBy(() -> Cifar10.load(store(), source(sha256(archive)), userDir, baseUrl))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void missingBatchInTheArchiveIsNamed() throws Exception {
        Path tar = userDir.resolve("cifar-10-binary.tar");   // an ungzipped archive: used unchecked
        Files.write(tar, fixture("names-gnu.tar"));
        assertThatThrownBy(() -> Cifar10.load(store(), source("0".repeat(64)), userDir, baseUrl))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(tar.toString())
                .hasMessageContaining("the archive holds no [data_batch_1.bin");
    }

    @Test
    void downloadsVerifiesCachesAndReadsAgainFromDisk() throws Exception {
        served = fixture(Cifar10.ARCHIVE);
        DatasetStore.Source source = source(sha256(served));
        assertFixture(Cifar10.load(store(), source, null, baseUrl));
        assertThat(home.resolve("cifar-10").resolve(Cifar10.ARCHIVE)).hasBinaryContent(served);
        try (var listing = Files.list(home.resolve("cifar-10"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(Cifar10.ARCHIVE);
        }
        assertThat(progress).anyMatch(line -> line.contains("SHA-256 verified"));

        served = null;   // found on disk the second time: no request
        assertFixture(Cifar10.load(store(), source, null, baseUrl));
    }

    @Test
    void damagedDownloadIsDeletedAndReported() throws Exception {
        served = Arrays.copyOf(fixture(Cifar10.ARCHIVE), 1000);
        assertThatThrownBy(() -> Cifar10.load(store(), source(sha256(fixture(Cifar10.ARCHIVE))), null, baseUrl))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("SHA-256 mismatch for " + baseUrl + Cifar10.ARCHIVE);
        try (var listing = Files.list(home.resolve("cifar-10"))) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void offlineErrorSaysWhatToDownloadAndWhereToPutIt() {
        server.stop(0);   // nothing listens there any more
        assertThatThrownBy(() -> Cifar10.load(store(), DatasetStore.CIFAR10, userDir, baseUrl))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("CIFAR-10 is not available")
                .hasMessageContaining(userDir.toAbsolutePath().toString())
                .hasMessageContaining(home.resolve("cifar-10").toAbsolutePath().toString())
                .hasMessageContaining("or the extracted cifar-10-batches-bin/ directory")
                .hasMessageContaining("download " + baseUrl + Cifar10.ARCHIVE)
                .hasMessageContaining("Datasets.cifar10(Path)");
    }

    @Test
    void officialArchiveAndClassesArePinned() {
        assertThat(DatasetStore.CIFAR10.baseUrl() + DatasetStore.CIFAR10.files().get(0).name())
                .isEqualTo("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThat(DatasetStore.CIFAR10.files().get(0).sha256())
                .isEqualTo("c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd");
        assertThat(Datasets.cifar10Classes()).containsExactly("airplane", "automobile", "bird", "cat", "deer", "dog",
                "frog", "horse", "ship", "truck");
    }
}
