package dev.neurona.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.neurona.models.Sequential;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A valid model file for {@link LoaderFuzzTest} to mutate, and what a model loaded from it
 * holds. The library writes configs whose key order varies between JVMs (immutable maps), so
 * the file is made canonical first (keys sorted, entries rebuilt without timestamps): the
 * mutants of a seed are then the same in every run.
 */
final class FuzzBase {

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    final String label;
    final Path dir;
    final Map<String, byte[]> entries;
    final byte[] file;
    final Tensor probe;
    final State state;
    private final Map<String, Map<String, byte[]>> npzArrays = new java.util.HashMap<>();

    /** What a loaded model holds, as it saves it again: config trees, arrays, and its predictions on the probe. */
    record State(Object config, Object preprocessing, Map<String, float[]> weights, Map<String, float[]> optimizer,
            float[] prediction) {

        boolean sameAs(State o) {
            return Objects.equals(config, o.config) && Objects.equals(preprocessing, o.preprocessing)
                    && sameArrays(weights, o.weights) && sameArrays(optimizer, o.optimizer)
                    && Arrays.equals(prediction, o.prediction);
        }
    }

    FuzzBase(String label, Sequential model, Tensor probe, Path dir) throws IOException {
        this.label = label;
        this.dir = dir;
        this.probe = probe;
        Path written = dir.resolve(label + "-written.nrn");
        model.save(written, model.isCompiled());
        Map<String, byte[]> raw = Fixtures.entries(written);
        Map<String, byte[]> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            canonical.put(e.getKey(), e.getKey().endsWith(".json") ? JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(JSON.readValue(e.getValue(), Object.class)) : e.getValue());
        }
        this.entries = canonical;
        this.file = archive(canonical);
        Path path = dir.resolve(label + ".nrn");
        Files.write(path, file);
        this.state = state(Sequential.load(path));
        State written2 = state(model);
        if (!written2.sameAs(state)) {
            throw new AssertionError(label + ": the canonical file does not load the model that was saved");
        }
    }

    /** A model file of {@code entries}: JSON deflated, arrays stored, as the library writes them. */
    static byte[] archive(Map<String, byte[]> entries) {
        List<RawZip.Entry> out = new ArrayList<>();
        entries.forEach((name, bytes) -> out.add(name.endsWith(".json") ? RawZip.deflated(name, bytes)
                : RawZip.stored(name, bytes)));
        return RawZip.write(out);
    }

    /** An .npz of {@code arrays} (entry name → .npy bytes), stored or deflated. */
    static byte[] npz(Map<String, byte[]> arrays, boolean deflate) {
        List<RawZip.Entry> out = new ArrayList<>();
        arrays.forEach((name, bytes) -> out.add(deflate ? RawZip.deflated(name, bytes) : RawZip.stored(name, bytes)));
        return RawZip.write(out);
    }

    /** The arrays of an .npz by entry name, in order (a copy to change). */
    Map<String, byte[]> arrays(String npz) throws IOException {
        Map<String, byte[]> arrays = npzArrays.get(npz);
        if (arrays == null) {
            Path inner = dir.resolve(label + "-inner.npz");
            Files.write(inner, entries.get(npz));
            arrays = Fixtures.entries(inner);
            npzArrays.put(npz, arrays);
        }
        return new LinkedHashMap<>(arrays);
    }

    /** {@code model} saved again and read back plainly (JSON trees, float arrays), with its predictions. */
    State state(Sequential model) throws IOException {
        Path again = dir.resolve(label + "-again.nrn");
        model.save(again, model.isCompiled());
        Map<String, byte[]> e = Fixtures.entries(again);
        Path inner = dir.resolve(label + "-state.npz");
        Files.write(inner, e.get("weights.npz"));
        Map<String, float[]> weights = values(Fixtures.entries(inner));
        Map<String, float[]> optimizer = null;
        if (e.containsKey("optimizer.npz")) {
            Files.write(inner, e.get("optimizer.npz"));
            optimizer = values(Fixtures.entries(inner));
        }
        Object config = JSON.readValue(e.get("config.json"), Object.class);
        Object preprocessing = e.containsKey("preprocessing.json") ? JSON.readValue(e.get("preprocessing.json"), Object.class)
                : null;
        return new State(config, preprocessing, weights, optimizer, model.predict(probe).toArray());
    }

    /** The values of each .npy (version 1.0, as the library writes them). */
    static Map<String, float[]> values(Map<String, byte[]> arrays) {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((name, npy) -> out.put(name, floats(npy)));
        return out;
    }

    static float[] floats(byte[] npy) {
        int header = 10 + ((npy[8] & 0xFF) | (npy[9] & 0xFF) << 8);
        float[] v = new float[(npy.length - header) / 4];
        ByteBuffer.wrap(npy, header, npy.length - header).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static boolean sameArrays(Map<String, float[]> a, Map<String, float[]> b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!Arrays.equals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }
}
