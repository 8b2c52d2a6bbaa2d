package dev.neurona.io;

import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
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
 * arrays only, no Java serialization), reads every archive through its central directory,
 * checks every entry's checksum, bounds every size by {@link ModelFileLimits} (and, through
 * {@link #open}, by the shapes the architecture implies) before allocating, and refuses
 * non-finite values unless the limits allow them; whatever is wrong is a
 * {@link ModelFileException} naming the file, the entry and the problem.
 */
public final class ModelFiles {

    private static final String CONFIG = ModelFileReader.CONFIG;
    private static final String WEIGHTS = ModelFileReader.WEIGHTS;
    private static final String OPTIMIZER = ModelFileReader.OPTIMIZER;
    private static final String PREPROCESSING = ModelFileReader.PREPROCESSING;

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
        tensors.forEach((name, t) -> out.put(name, new Npy.Array(t.shape(), t.toArray())));
        return out;
    }

    /** Slots shaped like their parameter (as Keras stores them), other arrays flat. */
    private static Map<String, Npy.Array> optimizerArrays(Map<String, float[]> state, Map<String, Npy.Array> weights) {
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        state.forEach((key, values) -> {
            int slash = key.lastIndexOf('/');
            Npy.Array param = slash < 0 ? null : weights.get(key.substring(0, slash));
            int[] shape = param != null && param.values().length == values.length ? param.shape() : new int[] {values.length};
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
     * Reads a model file, refusing anything beyond {@code limits}. Without an architecture to
     * compare them with, the arrays are bounded only by the limits; {@code Sequential.load}
     * reads through {@link #open} instead, so that it bounds every array by the shape its
     * architecture implies.
     *
     * @throws ModelFileException when the file is missing, not a model file, corrupt,
     *         truncated, over the limits or of a newer format version
     */
    public static ModelSnapshot read(Path path, ModelFileLimits limits) throws IOException {
        try (ModelFileReader file = open(path, limits)) {
            Map<String, Tensor> weights = file.weights(null);
            Map<String, float[]> optimizerState = file.optimizerState(null);
            return new ModelSnapshot(file.architecture(), file.compile(), weights,
                    new ModelSnapshot.Training(file.epochsCompleted(), file.layerStates(), optimizerState),
                    file.libraryVersion(), file.preprocessing());
        }
    }

    /**
     * Opens a model file and reads its configuration (config.json and preprocessing.json, each
     * checked against the limits and its checksum), leaving the arrays to be read with the
     * shapes the architecture implies ({@link ModelFileReader#weights}). Close it when done.
     *
     * @throws ModelFileException when the file is missing, not a model file, corrupt, over the
     *         limits, of a newer format version, or its configuration is malformed
     */
    public static ModelFileReader open(Path path, ModelFileLimits limits) throws IOException {
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
        return ModelFileReader.open(path, limits, zip);
    }
}
