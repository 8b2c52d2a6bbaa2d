package dev.neurona.io;

import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes the {@code .nrn} model file, a zip archive of
 *
 * <ul>
 *   <li>{@code config.json}: {@code format_version} (an integer, {@value ModelSnapshot#FORMAT_VERSION}),
 *       {@code library_version}, the {@code model} (class, seed, input shape, layer configs in
 *       order), the {@code compile} settings (optimizer, loss and metric configs, or null) and
 *       the {@code training_state} (epochs completed, stateful layers' state);</li>
 *   <li>{@code weights.npz}: one NumPy {@code .npy} float32 array per parameter, named by its
 *       path ({@code dense_1/kernel.npy}), readable by {@code numpy.load};</li>
 *   <li>{@code optimizer.npz} (optional): the optimizer's slots ({@code dense_1/kernel/m.npy})
 *       and step count ({@code iterations.npy}), for resuming training exactly;</li>
 *   <li>{@code preprocessing.json} (optional): how raw rows become the model's input (a
 *       {@code TableSchema}'s config: columns, categories, target and labels, scaler), bounded
 *       like {@code config.json}. Files without it (all files before it existed) load as before.</li>
 * </ul>
 *
 * <p>Writing is atomic ({@link AtomicFiles}). Reading executes nothing from the file (JSON and
 * arrays only, no Java serialization), checks every entry's checksum, and bounds every size by
 * {@link ModelFileLimits} before allocating; whatever is wrong is a {@link ModelFileException}
 * naming the file and the problem.
 */
public final class ModelFiles {

    private static final String CONFIG = "config.json";
    private static final String WEIGHTS = "weights.npz";
    private static final String OPTIMIZER = "optimizer.npz";
    private static final String PREPROCESSING = "preprocessing.json";
    /** Slack for an .npz's headers and directory beyond its array bytes. */
    private static final long NPZ_OVERHEAD = 64L << 20;

    private ModelFiles() {
    }

    /** The Neurona version written into model files, such as {@code "0.1.0"}. */
    public static String libraryVersion() {
        try (InputStream in = ModelFiles.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------- write

    /**
     * Writes {@code snapshot} to {@code path}, atomically: the previous file, if any, stays
     * intact unless the new one is complete.
     *
     * @throws IllegalArgumentException when the snapshot is incomplete
     * @throws IOException when the file cannot be written
     */
    public static void write(ModelSnapshot snapshot, Path path) throws IOException {
        if (snapshot == null || path == null) {
            throw new IllegalArgumentException("ModelFiles.write: snapshot and path must not be null");
        }
        Map<String, Object> config = ConfigJson.toJson(snapshot);
        Map<String, Npy.Array> weights = arrays(snapshot.weights());
        Map<String, float[]> state = snapshot.training().optimizerState();
        Map<String, Npy.Array> optimizer = state == null ? null : optimizerArrays(state, weights);
        Map<String, Object> preprocessing = snapshot.preprocessing();
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(new Npz.NonClosing(out));
            putJson(zip, CONFIG, config);
            putStored(zip, WEIGHTS, weights);
            if (optimizer != null) {
                putStored(zip, OPTIMIZER, optimizer);
            }
            if (preprocessing != null) {
                putJson(zip, PREPROCESSING, preprocessing);
            }
            zip.finish();
        });
    }

    private static void putJson(ZipOutputStream zip, String name, Map<String, Object> json) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 2, 0, 0));
        zip.putNextEntry(entry);
        ConfigJson.write(zip, json);
        zip.closeEntry();
    }

    /** Adds an .npz as a stored entry; its size and checksum come from a first, discarded pass. */
    private static void putStored(ZipOutputStream zip, String name, Map<String, Npy.Array> arrays) throws IOException {
        Npz.Checksum sum = new Npz.Checksum();
        Npz.write(sum, arrays, false);
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 2, 0, 0));
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(sum.count);
        entry.setCompressedSize(sum.count);
        entry.setCrc(sum.crc.getValue());
        zip.putNextEntry(entry);
        Npz.write(zip, arrays, false);
        zip.closeEntry();
    }

    private static Map<String, Npy.Array> arrays(Map<String, Tensor> tensors) {
        if (tensors == null) {
            throw new IllegalArgumentException("ModelFiles.write: the snapshot has no weights map");
        }
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> out.put(name, new Npy.Array(t.shape(), t.data())));
        return out;
    }

    /** Slots shaped like their parameter (as Keras stores them), other arrays flat. */
    private static Map<String, Npy.Array> optimizerArrays(Map<String, float[]> state, Map<String, Npy.Array> weights) {
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        state.forEach((key, values) -> {
            int slash = key.lastIndexOf('/');
            Npy.Array param = slash < 0 ? null : weights.get(key.substring(0, slash));
            int[] shape = param != null && param.data().length == values.length ? param.shape() : new int[] {values.length};
            out.put(key, new Npy.Array(shape, values));
        });
        return out;
    }

    // ---------------------------------------------------------------- read

    /** Reads a model file within {@link ModelFileLimits#DEFAULT}. */
    public static ModelSnapshot read(Path path) throws IOException {
        return read(path, ModelFileLimits.DEFAULT);
    }

    /**
     * Reads a model file, refusing anything beyond {@code limits}.
     *
     * @throws ModelFileException when the file is missing, not a model file, corrupt,
     *         truncated, over the limits or of a newer format version
     */
    public static ModelSnapshot read(Path path, ModelFileLimits limits) throws IOException {
        if (path == null || limits == null) {
            throw new IllegalArgumentException("ModelFiles.read: path and limits must not be null");
        }
        FileErrors error = new FileErrors(path);
        if (!Files.isRegularFile(path)) {
            throw error.create(Files.exists(path) ? "is not a regular file" : "no such file");
        }
        long size = Files.size(path);
        if (size > limits.maxFileBytes()) {
            throw error.create("the file has " + size + " bytes, more than the limit of " + limits.maxFileBytes());
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (IOException | RuntimeException e) {
            throw error.create("not a model file: not a valid zip archive (" + e.getMessage() + ")", e);
        }
        try (zip) {
            Map<String, ZipEntry> entries = entries(zip, limits, error);
            long maxJson = Math.min(limits.maxJsonBytes(), Integer.MAX_VALUE - 8);
            byte[] json = readVerified(zip, entries.get(CONFIG), maxJson, error);
            ConfigJson.Parsed config = ConfigJson.parse(json, error);
            Map<String, Object> preprocessing = entries.containsKey(PREPROCESSING)
                    ? ConfigJson.parseObject(readVerified(zip, entries.get(PREPROCESSING), maxJson, error), PREPROCESSING, error)
                    : null;
            Map<String, Tensor> weights = new LinkedHashMap<>();
            readArrays(zip, entries.get(WEIGHTS), limits, error)
                    .forEach((name, a) -> weights.put(name, Tensor.of(a.data(), a.shape())));
            Map<String, float[]> optimizerState = null;
            if (entries.containsKey(OPTIMIZER)) {
                optimizerState = new LinkedHashMap<>();
                for (Map.Entry<String, Npy.Array> e : readArrays(zip, entries.get(OPTIMIZER), limits, error).entrySet()) {
                    optimizerState.put(e.getKey(), e.getValue().data());
                }
                if (!optimizerState.containsKey("iterations")) {
                    throw error.create(OPTIMIZER + ": lacks the step count 'iterations.npy'");
                }
            }
            return new ModelSnapshot(config.architecture(), config.compile(), weights,
                    new ModelSnapshot.Training(config.epochsCompleted(), config.layerStates(), optimizerState),
                    config.libraryVersion(), preprocessing);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw error.create("cannot be read: " + e.getMessage(), e);
        }
    }

    /** The archive's entries by name: config.json and weights.npz, optionally optimizer.npz and preprocessing.json, nothing else. */
    private static Map<String, ZipEntry> entries(ZipFile zip, ModelFileLimits limits, FileErrors error)
            throws ModelFileException {
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

    /** An entry's bytes, after checking its declared size against {@code max} and its checksum. */
    private static byte[] readVerified(ZipFile zip, ZipEntry entry, long max, FileErrors error) throws IOException {
        long size = declaredSize(entry, max, error);
        byte[] bytes = new byte[(int) size];
        try (InputStream in = zip.getInputStream(entry)) {
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
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        checkCrc(entry, crc, error);
        return bytes;
    }

    /** The arrays of an .npz entry: a first pass checks size and checksum without keeping anything, a second decodes. */
    private static Map<String, Npy.Array> readArrays(ZipFile zip, ZipEntry entry, ModelFileLimits limits,
            FileErrors error) throws IOException {
        long size = declaredSize(entry, limits.maxArrayBytes() + NPZ_OVERHEAD, error);
        CRC32 crc = new CRC32();
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > size) {
                    throw error.create(entry.getName() + ": longer than the " + size + " bytes it declares");
                }
                crc.update(buffer, 0, n);
            }
            if (total != size) {
                throw error.create(entry.getName() + ": truncated (" + total + " of " + size + " bytes)");
            }
        }
        checkCrc(entry, crc, error);
        try (InputStream in = zip.getInputStream(entry)) {
            return Npz.read(in, limits, error, entry.getName());
        }
    }

    private static long declaredSize(ZipEntry entry, long max, FileErrors error) throws ModelFileException {
        long size = entry.getSize();
        if (size < 0) {
            throw error.create(entry.getName() + ": the archive does not declare its size");
        }
        if (size > max) {
            throw error.create(entry.getName() + ": " + size + " bytes uncompressed, more than the limit of " + max);
        }
        return size;
    }

    private static void checkCrc(ZipEntry entry, CRC32 crc, FileErrors error) throws ModelFileException {
        if (entry.getCrc() != crc.getValue()) {
            throw error.create(entry.getName() + ": corrupt (checksum " + Long.toHexString(crc.getValue())
                    + " differs from the recorded " + Long.toHexString(entry.getCrc()) + ")");
        }
    }
}
