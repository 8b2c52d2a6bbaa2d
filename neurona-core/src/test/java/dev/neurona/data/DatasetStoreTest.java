package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download logic against a local HTTP server on 127.0.0.1; never touches ~/.neurona or the network. */
class DatasetStoreTest {

    @TempDir
    Path home;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> progress = new ArrayList<>();
    private String baseUrl;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
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

    private DatasetStore store() {
        return new DatasetStore(home, HttpClient.newHttpClient(), progress::add, false);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A tiny MNIST-like set: 3 training and 2 test images of 2×2 pixels, gzipped. */
    private DatasetStore.Source serveTinySet(boolean corruptLabels) throws Exception {
        Map<String, byte[]> files = Map.of(
                "train-images-idx3-ubyte.gz", IdxTest.gzip(IdxTest.idx(8, new byte[12], 3, 2, 2)),
                "train-labels-idx1-ubyte.gz", IdxTest.gzip(IdxTest.idx(8, new byte[] {1, 2, 3}, 3)),
                "t10k-images-idx3-ubyte.gz", IdxTest.gzip(IdxTest.idx(8, new byte[] {0, 0, 0, (byte) 255, 1, 2, 3, 4}, 2, 2, 2)),
                "t10k-labels-idx1-ubyte.gz", IdxTest.gzip(IdxTest.idx(8, new byte[] {9, 0}, 2)));
        List<DatasetStore.RemoteFile> remote = new ArrayList<>();
        for (String name : DatasetStore.FASHION_MNIST.files().stream().map(DatasetStore.RemoteFile::name).toList()) {
            served.put(name, files.get(name));
            String digest = sha256(files.get(name));
            if (corruptLabels && name.startsWith("t10k-labels")) {
                digest = "0".repeat(64);
            }
            remote.add(new DatasetStore.RemoteFile(name, digest));
        }
        return new DatasetStore.Source("tiny", "Tiny", baseUrl, remote, null, "dataset-tiny");
    }

    @Test
    void downloadsVerifiesAndLoads() throws Exception {
        DatasetStore.Source source = serveTinySet(false);
        Split split = Datasets.idxSplit(store(), source, null, baseUrl);
        assertThat(split.train().x().shape()).containsExactly(3, 2, 2);
        assertThat(split.test().x().toArray()).containsExactly(0, 0, 0, 1, 1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f);
        assertThat(OneHot.classIds(split.test().y())).containsExactly(9, 0);
        try (var listing = Files.list(home.resolve("tiny"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        }
        assertThat(progress).anyMatch(line -> line.contains("100%")).anyMatch(line -> line.contains("SHA-256 verified"));

        // found on disk the second time: no request needed
        served.clear();
        assertThat(Datasets.idxSplit(store(), source, null, baseUrl).train().size()).isEqualTo(3);
    }

    @Test
    void checksumMismatchDeletesThePartialFile() throws Exception {
        DatasetStore.Source source = serveTinySet(true);
        assertThatThrownBy(() -> Datasets.idxSplit(store(), source, null, baseUrl))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("SHA-256 mismatch for " + baseUrl + "t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining("the partial download was deleted");
        try (var listing = Files.list(home.resolve("tiny"))) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .doesNotContain("t10k-labels-idx1-ubyte.gz")
                    .noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void offlineErrorNamesEveryPathSearchedAndHowToGetTheFiles(@TempDir Path userDir) throws Exception {
        DatasetStore.Source source = serveTinySet(false);
        server.stop(0);   // nothing listens there any more
        assertThatThrownBy(() -> Datasets.idxSplit(store(), source, userDir, baseUrl))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("Tiny is not available")
                .hasMessageContaining(userDir.toAbsolutePath().toString())
                .hasMessageContaining(home.resolve("tiny").toAbsolutePath().toString())
                .hasMessageContaining("apt-get install dataset-tiny")
                .hasMessageContaining(baseUrl + "train-images-idx3-ubyte.gz");
    }

    @Test
    void prefersTheUserDirectoryAndAcceptsUnzippedFiles(@TempDir Path userDir) throws Exception {
        DatasetStore.Source source = serveTinySet(false);
        Idx.write(userDir.resolve("train-images-idx3-ubyte"), new byte[4], 1, 2, 2);
        Idx.write(userDir.resolve("train-labels-idx1-ubyte"), new byte[] {5}, 1);
        Idx.write(userDir.resolve("t10k-images-idx3-ubyte.gz"), new byte[4], 1, 2, 2);
        Idx.write(userDir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {6}, 1);
        Split split = Datasets.idxSplit(store(), source, userDir, baseUrl);
        assertThat(OneHot.classIds(split.train().y())).containsExactly(5);
        assertThat(Files.exists(home.resolve("tiny"))).isFalse();
    }

    @Test
    void knownSourcesArePinned() {
        assertThat(DatasetStore.FASHION_MNIST.systemDir()).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
        for (DatasetStore.Source s : List.of(DatasetStore.MNIST, DatasetStore.FASHION_MNIST)) {
            assertThat(s.files()).hasSize(4).allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
        }
    }
}
