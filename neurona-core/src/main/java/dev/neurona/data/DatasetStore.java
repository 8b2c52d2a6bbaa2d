package dev.neurona.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the files of a downloadable data set on disk, or downloads and verifies them.
 *
 * <p>Search order: the directory the caller gives, then {@code <home>/<name>} (by default
 * {@code ~/.neurona/datasets/<name>}), then the data set's system directory (Debian's
 * {@code /usr/share/datasets/fashion-mnist}). A directory counts when it holds every file, gzipped
 * ({@code x.gz}) or not ({@code x}). Found files are used as they are (the IDX reader checks their
 * structure; Debian recompresses its copies, so their bytes differ from the originals). CIFAR-10's
 * {@link Cifar10} searches the same directories ({@link #searchPath}) for its archive, whose digest
 * it checks as it reads it, or the extracted batch files, and asks {@link #locate} only for a download.
 *
 * <p>Otherwise each missing file is downloaded from {@code baseUrl + file name} into
 * {@code <home>/<name>}: streamed to a temporary file in that directory while its SHA-256 is
 * computed, then renamed into place only when the digest matches; on a mismatch or a failure the
 * temporary file is deleted. The base URL, home directory, HTTP client and progress sink are
 * injectable for tests.
 */
final class DatasetStore {

    /** One file of a remote data set and the SHA-256 (hex) of its official bytes. */
    record RemoteFile(String name, String sha256) {
    }

    /**
     * A downloadable data set.
     *
     * @param name       the directory name under the home directory, e.g. {@code fashion-mnist}
     * @param title      the name shown to people, e.g. {@code Fashion-MNIST}
     * @param baseUrl    the official location; file names are appended
     * @param files      the files and their digests
     * @param systemDir  where a system package installs them, or {@code null}
     * @param aptPackage the Debian package that ships them, or {@code null}
     * @param javaLoader the {@code Datasets} method that takes a directory, for the advice at the end of an error
     * @param alsoAccepted what a directory may hold instead of the files (said in the error), or {@code null}
     */
    record Source(String name, String title, String baseUrl, List<RemoteFile> files, Path systemDir, String aptPackage,
            String javaLoader, String alsoAccepted) {

        /** An IDX set: found as its four files; the Java advice names {@code mnist} or {@code fashionMnist}. */
        Source(String name, String title, String baseUrl, List<RemoteFile> files, Path systemDir, String aptPackage) {
            this(name, title, baseUrl, files, systemDir, aptPackage, name.equals("mnist") ? "mnist" : "fashionMnist", null);
        }
    }

    static final Source MNIST = new Source("mnist", "MNIST", "https://ossci-datasets.s3.amazonaws.com/mnist/", List.of(
            new RemoteFile("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new RemoteFile("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new RemoteFile("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new RemoteFile("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
            null, null);

    static final Source FASHION_MNIST = new Source("fashion-mnist", "Fashion-MNIST",
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", List.of(
            new RemoteFile("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            new RemoteFile("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            new RemoteFile("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            new RemoteFile("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")),
            Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist");

    /**
     * CIFAR-10's binary archive (170,052,171 bytes; its MD5 c32a1d4ab5d03f1284b67883e8d87530 is the
     * one published next to it, and the SHA-256 is the one torchvision's and MLDatasets.jl's
     * loaders pin). Read by {@link Cifar10}, which also takes an extracted directory.
     */
    static final Source CIFAR10 = new Source("cifar-10", "CIFAR-10", "https://www.cs.toronto.edu/~kriz/", List.of(
            new RemoteFile(Cifar10.ARCHIVE, "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")),
            null, null, "cifar10", "the extracted " + Cifar10.EXTRACTED_DIR + "/ directory or its six .bin files");

    private final Path home;
    private final HttpClient client;
    private final Consumer<String> progress;
    private final boolean useSystemDirs;

    DatasetStore(Path home, HttpClient client, Consumer<String> progress, boolean useSystemDirs) {
        this.home = home;
        this.client = client;
        this.progress = progress;
        this.useSystemDirs = useSystemDirs;
    }

    /** The store of a user's machine: {@code ~/.neurona/datasets}, progress on standard error. */
    static DatasetStore standard() {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        return new DatasetStore(Path.of(System.getProperty("user.home"), ".neurona", "datasets"), client,
                System.err::println, true);
    }

    /**
     * The path of every file of {@code source} (keyed by its remote name), from the first directory
     * that has them all, or downloaded with {@code baseUrl} as the location.
     *
     * @param userDir a directory to search first, or {@code null}
     * @throws DatasetUnavailableException naming every directory searched and how to get the files
     */
    Map<String, Path> locate(Source source, Path userDir, String baseUrl) {
        List<Path> searched = searchPath(source, userDir);
        Path target = home.resolve(source.name());
        for (Path dir : searched) {
            Map<String, Path> found = findAll(source, dir);
            if (found != null) {
                return found;
            }
        }
        try {
            Files.createDirectories(target);
            for (RemoteFile file : source.files()) {
                if (find(target, file.name()) == null) {
                    download(URI.create(baseUrl + file.name()), file, target.resolve(file.name()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new DatasetUnavailableException(unavailable(source, searched, target, baseUrl, e), javaAdvice(source), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetUnavailableException(unavailable(source, searched, target, baseUrl, e), javaAdvice(source), e);
        }
        return findAll(source, target);
    }

    /**
     * The directories searched for {@code source}, in order: {@code userDir} (if not {@code null}),
     * {@code <home>/<name>}, then the system directory (if any and if this store uses them).
     */
    List<Path> searchPath(Source source, Path userDir) {
        List<Path> searched = new ArrayList<>();
        if (userDir != null) {
            searched.add(userDir);
        }
        searched.add(home.resolve(source.name()));
        if (useSystemDirs && source.systemDir() != null) {
            searched.add(source.systemDir());
        }
        return searched;
    }

    /** {@code dir/name}, or the same without {@code .gz}, or {@code null}. */
    static Path findFile(Path dir, String name) {
        return find(dir, name);
    }

    private static Map<String, Path> findAll(Source source, Path dir) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (RemoteFile file : source.files()) {
            Path p = find(dir, file.name());
            if (p == null) {
                return null;
            }
            found.put(file.name(), p);
        }
        return found;
    }

    /** {@code dir/name}, or the same without {@code .gz}, or {@code null}. */
    private static Path find(Path dir, String name) {
        Path gz = dir.resolve(name);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
        return Files.isRegularFile(plain) ? plain : null;
    }

    private void download(URI uri, RemoteFile file, Path destination) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Path tmp = Files.createTempFile(destination.getParent(), file.name(), ".part");
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest sha = sha256();
            long read = 0;
            int reported = -1;
            progress.accept("Downloading " + uri + (total > 0 ? " (" + megabytes(total) + ")" : ""));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buffer = new byte[1 << 16];
                for (int r; (r = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, r);
                    sha.update(buffer, 0, r);
                    read += r;
                    int percent = total > 0 ? (int) (100 * read / total) : -1;
                    if (percent >= 0 && percent / 10 > reported) {
                        reported = percent / 10;
                        progress.accept("  " + file.name() + ": " + percent + "% of " + megabytes(total));
                    }
                }
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equalsIgnoreCase(file.sha256())) {
                throw new IOException("SHA-256 mismatch for " + uri + ": expected " + file.sha256() + ", got " + actual
                        + " (" + read + " bytes); the partial download was deleted");
            }
            Files.move(tmp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            progress.accept("  " + file.name() + ": done, SHA-256 verified");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String unavailable(Source source, List<Path> searched, Path target, String baseUrl, Exception cause) {
        StringBuilder sb = new StringBuilder(source.title() + " is not available.\nSearched for ");
        List<String> names = new ArrayList<>();
        for (RemoteFile f : source.files()) {
            names.add(f.name());
        }
        sb.append(String.join(", ", names)).append(" (or the same without .gz")
                .append(source.alsoAccepted() != null ? ", or " + source.alsoAccepted() : "").append(") in:\n");
        for (Path dir : searched) {
            sb.append("  ").append(dir.toAbsolutePath()).append(Files.isDirectory(dir) ? "" : " (no such directory)").append('\n');
        }
        sb.append("Downloading from ").append(baseUrl).append(" failed: ").append(cause.getMessage() != null
                ? cause.getMessage() : cause.getClass().getSimpleName()).append('\n');
        sb.append("To get the files:\n");
        if (source.aptPackage() != null) {
            sb.append("  - on Debian/Ubuntu: apt-get install ").append(source.aptPackage())
                    .append(" (installs them in ").append(source.systemDir()).append(")\n");
        }
        sb.append(source.aptPackage() != null ? "  - or download " : "  - download ");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(baseUrl).append(names.get(i));
        }
        sb.append("\n    into ").append(target.toAbsolutePath());
        return sb.toString();
    }

    private static String javaAdvice(Source source) {
        return "a directory you pass to Datasets." + source.javaLoader() + "(Path)";
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
