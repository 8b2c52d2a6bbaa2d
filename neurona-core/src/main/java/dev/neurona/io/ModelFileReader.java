package dev.neurona.io;

import dev.neurona.tensor.Tensor;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An open model file, read in two steps: {@link ModelFiles#open} reads and checks
 * {@code config.json} (and {@code preprocessing.json}); the caller derives from the
 * architecture which arrays it needs, and {@link #weights} and {@link #optimizerState} read
 * exactly those. The archive is read through its central directory ({@link ZipFile}), and each
 * {@code .npz} inside it through its own, so an entry whose declared size differs from what
 * its expected shapes take is refused before it is inflated, and no inflation can go past what
 * is expected: a damaged or hostile file can never make the loader allocate more than the
 * model it describes.
 */
public final class ModelFileReader implements Closeable {

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "weights.npz";
    static final String OPTIMIZER = "optimizer.npz";
    static final String PREPROCESSING = "preprocessing.json";
    /** Slack for an .npz's headers and directory beyond its array bytes, when nothing is expected. */
    private static final long NPZ_OVERHEAD = 64L << 20;
    /** The most bytes of an .npz's end kept to read its directory, when nothing is expected. */
    private static final int MAX_TAIL = (16 << 20) + ZipDirectory.MAX_END_BYTES;
    /** Local header, directory record and data descriptor of one entry, beyond its name and extra fields. */
    private static final int ENTRY_OVERHEAD = 30 + 46 + 24 + 2 * ZipDirectory.MAX_RECORD_EXTRA;

    private final Path path;
    private final ModelFileLimits limits;
    private final FileErrors error;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;
    private final ConfigJson.Parsed config;
    private final Map<String, Object> preprocessing;

    private ModelFileReader(Path path, ModelFileLimits limits, ZipFile zip) throws IOException {
        this.path = path;
        this.limits = limits;
        this.error = new FileErrors(path);
        this.zip = zip;
        this.entries = entries(zip, error);
        long maxJson = Math.min(limits.maxJsonBytes(), Integer.MAX_VALUE - 8);
        this.config = ConfigJson.parse(readJson(entries.get(CONFIG), maxJson), error);
        this.preprocessing = entries.containsKey(PREPROCESSING)
                ? ConfigJson.parseObject(readJson(entries.get(PREPROCESSING), maxJson), PREPROCESSING, error) : null;
    }

    static ModelFileReader open(Path path, ModelFileLimits limits, ZipFile zip) throws IOException {
        try {
            return new ModelFileReader(path, limits, zip);
        } catch (IOException | RuntimeException | Error e) {
            zip.close();
            if (e instanceof IOException io && !(e instanceof ModelFileException)) {
                throw new FileErrors(path).create("cannot be read: " + io.getMessage(), io);
            }
            throw e;
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The limits it is read within. */
    public ModelFileLimits limits() {
        return limits;
    }

    /** The network, as config.json describes it (field types checked; what the layer configs mean is the caller's to check). */
    public ModelSnapshot.Architecture architecture() {
        return config.architecture();
    }

    /** The compile settings, or {@code null} for a model saved uncompiled. */
    public ModelSnapshot.Compile compile() {
        return config.compile();
    }

    /** The epochs completed. */
    public int epochsCompleted() {
        return config.epochsCompleted();
    }

    /** Each stateful layer's state, by layer name. */
    public Map<String, Map<String, Object>> layerStates() {
        return config.layerStates();
    }

    /** The Neurona version that wrote the file. */
    public String libraryVersion() {
        return config.libraryVersion();
    }

    /** preprocessing.json as a JSON object, or {@code null} when the file has none. */
    public Map<String, Object> preprocessing() {
        return preprocessing;
    }

    /** The uncompressed size weights.npz declares, before anything of it is read: the most weight bytes the file can hold. */
    public long weightsBytes() {
        return Math.max(0, entries.get(WEIGHTS).getSize());
    }

    /** Whether the file holds optimizer.npz. */
    public boolean hasOptimizerState() {
        return entries.containsKey(OPTIMIZER);
    }

    /**
     * The arrays of weights.npz by parameter name, in the file's order.
     *
     * @param expected the parameters the architecture has and their shapes, or {@code null}
     *        to accept any arrays within the limits
     * @throws ModelFileException when the entry is damaged, lacks or adds an array, declares
     *         other sizes, or holds non-finite values (unless the limits allow them)
     */
    public Map<String, Tensor> weights(ExpectedArrays expected) throws IOException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        readArrays(entries.get(WEIGHTS), expected).forEach((name, a) -> weights.put(name, Tensor.of(a.values(), a.shape())));
        return weights;
    }

    /**
     * The arrays of optimizer.npz ({@code "<parameter>/<slot>"} and {@code "iterations"}), or
     * {@code null} when the file has none.
     *
     * @param expected the slots the optimizer keeps, or {@code null} to accept any arrays
     *        within the limits (then only {@code iterations} is required)
     */
    public Map<String, float[]> optimizerState(ExpectedArrays expected) throws IOException {
        if (!hasOptimizerState()) {
            return null;
        }
        Map<String, float[]> state = new LinkedHashMap<>();
        readArrays(entries.get(OPTIMIZER), expected).forEach((name, a) -> state.put(name, a.values()));
        if (!state.containsKey("iterations")) {
            throw error.create(OPTIMIZER + ": lacks the step count 'iterations.npy'");
        }
        return state;
    }

    /** An exception naming this file and {@code problem}. */
    public ModelFileException error(String problem) {
        return error.create(problem);
    }

    /** An exception naming this file and {@code problem}, caused by {@code cause}. */
    public ModelFileException error(String problem, Throwable cause) {
        return error.create(problem, cause);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    // ---------------------------------------------------------------- entries

    /** The archive's entries by name: config.json and weights.npz, optionally optimizer.npz and preprocessing.json, nothing else. */
    private static Map<String, ZipEntry> entries(ZipFile zip, FileErrors error) throws ModelFileException {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        try {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                String name = e.getName();
                if (!name.equals(CONFIG) && !name.equals(WEIGHTS) && !name.equals(OPTIMIZER) && !name.equals(PREPROCESSING)) {
                    throw error.create("unexpected entry '" + Npz.printable(name) + "'; a model file holds "
                            + CONFIG + ", " + WEIGHTS + " and optionally " + OPTIMIZER + " and " + PREPROCESSING);
                }
                if (entries.put(name, e) != null) {
                    throw error.create("the entry '" + name + "' appears twice");
                }
            }
        } catch (RuntimeException e) {   // the JDK's zip reader reports some malformed directories unchecked
            throw error.create("not a valid zip archive (" + e.getMessage() + ")", e);
        }
        for (String required : new String[] {CONFIG, WEIGHTS}) {
            if (!entries.containsKey(required)) {
                throw error.create("not a model file: it lacks " + required);
            }
        }
        return entries;
    }

    /** A JSON entry's bytes, after checking its declared size against {@code max}; inflation stops past the declared size. */
    private byte[] readJson(ZipEntry entry, long max) throws IOException {
        long size = declaredSize(entry, max);
        byte[] bytes = new byte[(int) size];
        CRC32 crc = new CRC32();
        try (InputStream in = input(entry)) {
            int off = 0;
            while (off < bytes.length) {
                int n = in.read(bytes, off, bytes.length - off);
                if (n < 0) {
                    throw error.create(entry.getName() + ": truncated (" + off + " of " + size + " bytes)");
                }
                off += n;
            }
            if (in.read() != -1) {
                throw error.create(entry.getName() + ": longer than the " + size + " bytes it declares");
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw error.create(entry.getName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        crc.update(bytes);
        checkCrc(entry, crc);
        return bytes;
    }

    /**
     * The arrays of an .npz entry. Its declared size is checked against what the expected arrays
     * can take before anything is inflated; a first pass checks its length and checksum and
     * keeps its last bytes, where its directory is; the directory is checked against the
     * expected arrays; a second pass decodes the entries the directory lists.
     */
    private Map<String, Npy.Array> readArrays(ZipEntry entry, ExpectedArrays expected) throws IOException {
        String what = entry.getName();
        long bound = limits.maxArrayBytes() + NPZ_OVERHEAD;
        int tailLength;
        if (expected == null) {
            tailLength = MAX_TAIL;
        } else {
            int n = expected.specs().size();
            long values = expected.minValueBytes();
            if (values > limits.maxArrayBytes()) {
                throw error.create(what + ": the arrays " + expected.owner() + " needs take " + values
                        + " bytes, more than the limit of " + limits.maxArrayBytes());
            }
            long most = expected.maxArrayBytes() + (long) n * ENTRY_OVERHEAD + 2 * expected.nameBytes()
                    + ZipDirectory.MAX_END_BYTES;
            if (entry.getSize() > most && most < bound) {
                throw error.create(what + " declares " + entry.getSize() + " bytes uncompressed, but the arrays "
                        + expected.owner() + " needs take at most " + most + " with their headers");
            }
            bound = Math.min(bound, most);
            if (entry.getSize() >= 0 && entry.getSize() < values) {
                throw error.create(what + " declares " + entry.getSize() + " bytes uncompressed, fewer than the "
                        + values + " bytes of values the arrays " + expected.owner() + " needs take");
            }
            tailLength = (int) Math.min(MAX_TAIL, (long) n * (46 + ZipDirectory.MAX_RECORD_EXTRA) + expected.nameBytes()
                    + ZipDirectory.MAX_END_BYTES);
        }
        long size = declaredSize(entry, bound);
        byte[] tail = checkAndKeepTail(entry, size, (int) Math.min(size, tailLength));
        ZipDirectory dir;
        try {
            dir = ZipDirectory.parse(tail, size, limits.maxEntries());
        } catch (Npy.FormatException e) {
            throw error.create(what + ": not a valid .npz archive (" + e.getMessage() + ")");
        }
        if (expected != null) {
            Npz.checkDirectory(dir, expected, error, what);
        }
        try (InputStream in = input(entry)) {
            return Npz.read(in, size, entry.getCrc(), dir, expected, limits, error, what);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw error.create(what + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Streams the entry once: its length must be the declared one and its checksum the recorded one; returns its last bytes. */
    private byte[] checkAndKeepTail(ZipEntry entry, long size, int tailLength) throws IOException {
        CRC32 crc = new CRC32();
        byte[] tail = new byte[tailLength];
        long tailStart = size - tailLength;
        try (InputStream in = input(entry)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (total + n > size) {
                    throw error.create(entry.getName() + ": longer than the " + size + " bytes it declares");
                }
                crc.update(buffer, 0, n);
                long from = Math.max(total, tailStart);
                if (from < total + n) {
                    System.arraycopy(buffer, (int) (from - total), tail, (int) (from - tailStart), (int) (total + n - from));
                }
                total += n;
            }
            if (total != size) {
                throw error.create(entry.getName() + ": truncated (" + total + " of " + size + " bytes)");
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw error.create(entry.getName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        checkCrc(entry, crc);
        return tail;
    }

    private InputStream input(ZipEntry entry) throws IOException {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw error.create(entry.getName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private long declaredSize(ZipEntry entry, long max) throws ModelFileException {
        long size = entry.getSize();
        if (size < 0) {
            throw error.create(entry.getName() + ": the archive does not declare its size");
        }
        if (size > max) {
            throw error.create(entry.getName() + ": " + size + " bytes uncompressed, more than the limit of " + max);
        }
        return size;
    }

    private void checkCrc(ZipEntry entry, CRC32 crc) throws ModelFileException {
        if (entry.getCrc() != crc.getValue()) {
            throw error.create(entry.getName() + ": corrupt (checksum " + Long.toHexString(crc.getValue())
                    + " differs from the recorded " + Long.toHexString(entry.getCrc()) + ")");
        }
    }
}
