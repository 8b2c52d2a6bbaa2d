package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * CIFAR-10's binary version: {@code data_batch_1.bin} … {@code data_batch_5.bin} (training) and
 * {@code test_batch.bin} (test), each a run of 3,073-byte records — one label byte (0…9), then
 * the 32×32 red, green and blue planes, row by row — read into images {@code [n, 32, 32, 3]}
 * (channels last, as Keras's {@code Conv2D} wants them) scaled to {@code [0, 1]} by /255, as
 * {@link Idx} scales MNIST, with one-hot labels {@code [n, 10]}.
 *
 * <p>Read from the official {@code cifar-10-binary.tar.gz}, whose SHA-256 is checked while it
 * is read (a found archive as well as a downloaded one: a damaged download is refused by name),
 * or from a directory of the extracted {@code .bin} files, used as they are. Both are checked
 * record by record; a bad file raises {@link DataFormatException} naming the file (and the
 * archive entry) and the record.
 */
final class Cifar10 {

    static final String ARCHIVE = "cifar-10-binary.tar.gz";
    static final String EXTRACTED_DIR = "cifar-10-batches-bin";
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    static final int SIDE = 32;
    static final int CHANNELS = 3;
    static final int PLANE = SIDE * SIDE;
    static final int RECORD = 1 + CHANNELS * PLANE;
    static final int CLASSES = 10;

    /** The largest batch file read (the official ones are 30,730,000 bytes). */
    private static final long MAX_BATCH_BYTES = 1L << 30;

    private Cifar10() {
    }

    /**
     * The split from the first directory of {@code store}'s search path that holds the archive or
     * the extracted files, else from the archive downloaded into the store.
     */
    static Split load(DatasetStore store, DatasetStore.Source source, Path userDir, String baseUrl) {
        String sha256 = source.files().get(0).sha256();
        for (Path dir : store.searchPath(source, userDir)) {
            Path archive = DatasetStore.findFile(dir, ARCHIVE);
            if (archive != null) {
                return readArchive(archive, sha256);
            }
            Path extracted = extracted(dir);
            if (extracted != null) {
                return readDirectory(extracted);
            }
        }
        return readArchive(store.locate(source, userDir, baseUrl).get(ARCHIVE), sha256);
    }

    /** {@code dir/cifar-10-batches-bin} or {@code dir} itself, whichever holds all six batch files, or {@code null}. */
    static Path extracted(Path dir) {
        for (Path candidate : List.of(dir.resolve(EXTRACTED_DIR), dir)) {
            boolean all = Files.isRegularFile(candidate.resolve(TEST_FILE));
            for (String name : TRAIN_FILES) {
                all &= Files.isRegularFile(candidate.resolve(name));
            }
            if (all) {
                return candidate;
            }
        }
        return null;
    }

    /** Reads the six batch files of an extracted directory. */
    static Split readDirectory(Path dir) {
        Map<String, byte[]> batches = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (String name : allFiles()) {
            Path file = dir.resolve(name);
            where.put(name, file.toString());
            try {
                long size = Files.size(file);
                if (size > MAX_BATCH_BYTES) {
                    throw new DataFormatException(file.toString(), size + " bytes, more than a CIFAR-10 batch can be ("
                            + MAX_BATCH_BYTES + ")");
                }
                batches.put(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("CIFAR-10: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return split(batches, where);
    }

    /**
     * Reads the batch files out of a tar archive, gzipped or not (told apart by the gzip magic).
     * A gzipped one must have SHA-256 {@code sha256}; a plain tar (someone's gunzipped copy) is
     * not the official bytes and is used as it is, like an extracted directory.
     */
    static Split readArchive(Path archive, String sha256) {
        MessageDigest digest = sha256();
        Map<String, byte[]> batches = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        boolean gzipped;
        try (BufferedInputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            file.mark(2);
            gzipped = file.read() == 0x1f && file.read() == 0x8b;
            file.reset();
            InputStream raw = new DigestInputStream(file, digest);
            InputStream tar = gzipped ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            TarReader reader = new TarReader(tar, archive.toString());
            List<String> wanted = allFiles();
            for (TarReader.Entry e; (e = reader.next()) != null; ) {
                String base = e.name().substring(e.name().lastIndexOf('/') + 1);
                if (!e.isFile() || !wanted.contains(base)) {
                    continue;
                }
                if (batches.containsKey(base)) {
                    throw new DataFormatException(archive.toString(), "holds " + base + " twice (" + where.get(base)
                            + " and entry " + e.name() + ")");
                }
                where.put(base, archive + " (entry " + e.name() + ")");
                batches.put(base, reader.readData(MAX_BATCH_BYTES));
            }
            tar.transferTo(java.io.OutputStream.nullOutputStream());   // the rest, so the digest covers every byte
            raw.transferTo(java.io.OutputStream.nullOutputStream());
            List<String> missing = new ArrayList<>(wanted);
            missing.removeAll(batches.keySet());
            if (!missing.isEmpty()) {
                throw new DataFormatException(archive.toString(), "the archive holds no " + missing + " (expected "
                        + EXTRACTED_DIR + "/ with " + wanted + "); found " + batches.keySet());
            }
        } catch (EOFException | ZipException e) {
            throw new DataFormatException(archive.toString(), "truncated or corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("CIFAR-10: cannot read " + archive + ": " + e.getMessage(), e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (gzipped && !actual.equalsIgnoreCase(sha256)) {
            throw new DataFormatException(archive.toString(), "SHA-256 mismatch: the file's is " + actual + ", the official "
                    + ARCHIVE + "'s (170,052,171 bytes) is " + sha256 + "; the file is damaged or another archive."
                    + " Delete it to download it again, or extract its " + EXTRACTED_DIR + "/ directory to use it unchecked");
        }
        return split(batches, where);
    }

    private static List<String> allFiles() {
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        return all;
    }

    private static Split split(Map<String, byte[]> batches, Map<String, String> where) {
        Dataset train = dataset(TRAIN_FILES, batches, where);
        Dataset test = dataset(List.of(TEST_FILE), batches, where);
        return new Split(train, test);
    }

    /** The records of {@code names}, in that order; each batch's bytes are dropped once converted. */
    static Dataset dataset(List<String> names, Map<String, byte[]> batches, Map<String, String> where) {
        long n = 0;
        for (String name : names) {
            int length = batches.get(name).length;
            if (length == 0 || length % RECORD != 0) {
                throw new DataFormatException(where.get(name), length == 0 ? "empty: a batch holds at least one "
                        + RECORD + "-byte record" : String.format(Locale.ROOT, "truncated record: %,d bytes are %,d whole"
                        + " records of %,d bytes (1 label byte + 3,072 pixel bytes) and %,d bytes of record %d, cut short",
                        length, length / RECORD, RECORD, length % RECORD, length / RECORD));
            }
            n += length / RECORD;
        }
        float[] scale = new float[256];
        for (int v = 0; v < 256; v++) {
            scale[v] = v / 255f;
        }
        float[] x = new float[Math.toIntExact(n * CHANNELS * PLANE)];
        int[] ids = new int[(int) n];
        int row = 0;
        for (String name : names) {
            byte[] b = batches.remove(name);
            for (int k = 0; k < b.length / RECORD; k++, row++) {
                int at = k * RECORD;
                int label = b[at] & 0xFF;
                if (label >= CLASSES) {
                    throw new DataFormatException(where.get(name), String.format(Locale.ROOT, "record %d (0-based, at byte"
                            + " %,d) has label %d; CIFAR-10 labels are the classes 0..9", k, at, label));
                }
                ids[row] = label;
                int out = row * CHANNELS * PLANE;
                for (int c = 0; c < CHANNELS; c++) {
                    int in = at + 1 + c * PLANE;
                    for (int p = 0; p < PLANE; p++) {
                        x[out + p * CHANNELS + c] = scale[b[in + p] & 0xFF];
                    }
                }
            }
        }
        return Dataset.of(Tensor.wrap(x, (int) n, SIDE, SIDE, CHANNELS), OneHot.toCategorical(ids, CLASSES));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
