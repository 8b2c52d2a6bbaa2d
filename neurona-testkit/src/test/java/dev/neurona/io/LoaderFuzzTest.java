package dev.neurona.io;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;
import static dev.neurona.nn.Layers.normalization;
import static dev.neurona.nn.Layers.prelu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.neurona.activations.Activations;
import dev.neurona.data.Csv;
import dev.neurona.data.CsvData;
import dev.neurona.data.StandardScaler;
import dev.neurona.data.TableSchema;
import dev.neurona.losses.Losses;
import dev.neurona.metrics.Metrics;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Normalization;
import dev.neurona.nn.Regularizer;
import dev.neurona.nn.init.Initializers;
import dev.neurona.optim.Adam;
import dev.neurona.optim.CosineDecay;
import dev.neurona.optim.RMSprop;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-file fuzz test: thousands of seeded mutants of a few real files (trained with
 * optimizer state, with a preprocessing schema, uncompiled, compiled but untrained), each of
 * which must fail with the library's {@link ModelFileException} or load a model that is what
 * the mutated file says: the original itself for damage (byte flips, truncations, size lies,
 * broken archive structure), the mutated configuration for a JSON value change, the mutated
 * arrays for a changed value. Counted by outcome and printed; wrong content, any other
 * exception (also as the cause of a ModelFileException: NullPointerException,
 * ClassCastException, NumberFormatException…) and out-of-memory errors must be 0.
 */
class LoaderFuzzTest {

    /** What loading a mutant gave. */
    enum Outcome {
        /** A ModelFileException of the library's own, naming the file. */
        REJECTED,
        /** The original model, bit for bit. */
        IDENTICAL,
        /** Another model, which is what the mutated file says. */
        AS_MUTATED,
        /** A model that is neither the original nor what the file says, or that fails when used. */
        WRONG,
        /** An exception other than the library's own, or one caused by a programming error. */
        FOREIGN,
        /** Out of memory. */
        OUT_OF_MEMORY
    }

    /** What a loaded mutant may legitimately be besides the original. */
    private interface Allowed {
        boolean test(FuzzBase.State loaded) throws IOException;
    }

    private static final Allowed ONLY_IDENTICAL = loaded -> false;
    /** Added to every family's seed; {@code -Dneurona.fuzz.seed=N} explores other mutants than the build's. */
    private static final long SEED = Long.getLong("neurona.fuzz.seed", 0);
    private static final String CSV = "size,colour,price\n50,red,100\n80,blue,170\n60,green,125\n100,red,210\n90,blue,190\n";

    @TempDir
    static Path tempDir;
    /** Where mutants are written: memory (/dev/shm) where there is one, as every loaded mutant is saved again (with fsync). */
    private static Path dir;
    private static List<FuzzBase> bases;

    private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void writeTheBaseFiles() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "neurona-fuzz-") : tempDir;
        bases = new ArrayList<>();
        Tensor[] data = Fixtures.classification(41, 24, 3, 2);
        Sequential adam = new Sequential(input(3), dense(4, "relu"), dropout(0.25), dense(2, "softmax")).seed(5);
        adam.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        adam.fit(data[0], data[1], Fit.epochs(2).batchSize(8).verbose(0));
        bases.add(new FuzzBase("adam", adam, data[0], dir));

        CsvData csv = new Csv().target("price").read(new StringReader(CSV), "houses.csv");
        StandardScaler scaler = new StandardScaler();
        TableSchema schema = csv.schema().withScaler(scaler.fit(csv.x()));
        Normalization norm = normalization();
        Sequential sgd = new Sequential(input(schema.width()), norm, dense(3, "tanh"), dense(1)).seed(6);
        sgd.build(schema.width());
        norm.adapt(csv.x());
        sgd.compile(new SGD(0.01).momentum(0.9).nesterov(true), "mse", "mae");
        sgd.fit(csv.x(), csv.y(), Fit.epochs(2).batchSize(2).verbose(0));
        sgd.preprocessing(schema);
        bases.add(new FuzzBase("schema", sgd, csv.x(), dir));

        Sequential plain = new Sequential(flatten(2, 3), dense(4, Activations.leakyRelu(0.1))
                .kernelInitializer(Initializers.randomNormal(0, 0.2)).kernelRegularizer(Regularizer.l1l2(0.01, 0.02)),
                prelu(), dense(3), activation(Activations.logSoftmax())).seed(7);
        bases.add(new FuzzBase("plain", plain, Tensor.zeros(2, 2, 3).add(0.5f), dir));

        Sequential untrained = new Sequential(input(2), dense(3, Activations.elu(0.5)), dense(2, "sigmoid")).seed(8);
        untrained.compile(new RMSprop().centered(true).learningRate(new CosineDecay(0.01, 100).warmup(0.02, 10)),
                Losses.binaryCrossentropy(false, 0.05), Metrics.topKCategoricalAccuracy(1), Metrics.binaryAccuracy(0.4));
        bases.add(new FuzzBase("untrained", untrained, Tensor.zeros(3, 2).add(0.25f), dir));
    }

    @AfterAll
    static void removeTheMutants() throws IOException {
        if (!dir.equals(tempDir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    // ---------------------------------------------------------------- families

    /** Byte flips and truncations of the whole file: it loads the very same model or is refused. */
    @Test
    void corruptedFilesLoadIdenticallyOrFailWithTheLibrarysException() throws Throwable {
        Random random = new Random(20240601 + SEED);
        run("byte flips and truncations of the file", 1600, () -> {
            FuzzBase b = pick(random);
            check(b, corrupt(b.file, random), ONLY_IDENTICAL, "file");
        });
    }

    /**
     * The same inside the archive: an entry's content corrupted and the archive rebuilt with
     * valid checksums, so that the JSON, .npz and .npy readers and the model checks see the
     * damage. Damaged arrays must be refused (each .npy has its own checksum); damaged JSON
     * that still parses may describe another valid model, which must then be what it says.
     */
    @Test
    void corruptedEntriesWithValidChecksumsLoadOrFailWithTheLibrarysException() throws Throwable {
        Random random = new Random(20240602 + SEED);
        run("corrupted entries with valid checksums", 1600, () -> {
            FuzzBase b = pick(random);
            String[] names = b.entries.keySet().toArray(new String[0]);
            String name = names[random.nextInt(names.length)];
            byte[] bytes = corrupt(b.entries.get(name), random);
            Map<String, byte[]> changed = with(b.entries, name, bytes);
            Allowed allowed = name.endsWith(".json") ? asConfigured(b, changed) : ONLY_IDENTICAL;
            check(b, FuzzBase.archive(changed), allowed, name + " corrupted");
        });
    }

    /** Sizes, offsets and counts in the headers and directories changed, of the file and of each .npz. */
    @Test
    void sizeLiesInEveryHeaderAreRefusedOrHarmless() throws Throwable {
        Random random = new Random(20240603 + SEED);
        run("size lies in headers and directories", 800, () -> {
            FuzzBase b = pick(random);
            if (random.nextBoolean()) {
                check(b, lie(b.file, random), ONLY_IDENTICAL, "file header");
            } else {
                String npz = random.nextBoolean() || !b.entries.containsKey("optimizer.npz") ? "weights.npz" : "optimizer.npz";
                check(b, FuzzBase.archive(with(b.entries, npz, lie(b.entries.get(npz), random))), ONLY_IDENTICAL,
                        npz + " header");
            }
        });
    }

    /** JSON values of config.json and preprocessing.json changed: types, extreme numbers, missing and unknown keys. */
    @Test
    void jsonValueMutationsLoadAsWrittenOrFailNamingTheKey() throws Throwable {
        Random random = new Random(20240604 + SEED);
        run("JSON value mutations", 2400, () -> {
            FuzzBase b = pick(random);
            String entry = b.entries.containsKey("preprocessing.json") && random.nextInt(4) == 0 ? "preprocessing.json"
                    : "config.json";
            byte[] json = JsonMutations.mutate(b.entries.get(entry), random);
            Map<String, byte[]> changed = with(b.entries, entry, json);
            check(b, FuzzBase.archive(changed), asConfigured(b, changed), entry + " " + JsonMutations.last());
        });
    }

    /** Array values changed (checksums valid): NaN and ±Infinity are refused; finite values load as written or are refused. */
    @Test
    void arrayValueMutationsAreRefusedWhenNonFiniteAndOtherwiseLoadAsWritten() throws Throwable {
        Random random = new Random(20240605 + SEED);
        float[] pool = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f, 0f, 1e30f, -1e-30f, 3.5f};
        run("array value mutations", 1000, () -> {
            FuzzBase b = pick(random);
            String npz = b.entries.containsKey("optimizer.npz") && random.nextBoolean() ? "optimizer.npz" : "weights.npz";
            Map<String, byte[]> arrays = b.arrays(npz);
            String[] names = arrays.keySet().toArray(new String[0]);
            String name = names[random.nextInt(names.length)];
            byte[] npy = arrays.get(name).clone();
            int values = FuzzBase.floats(npy).length;
            int index = random.nextInt(values);
            float value = pool[random.nextInt(pool.length)];
            ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).putFloat(npy.length - 4 * (values - index), value);
            arrays.put(name, npy);
            Map<String, byte[]> changed = with(b.entries, npz, FuzzBase.npz(arrays, random.nextBoolean()));
            Map<String, float[]> expected = FuzzBase.values(arrays);
            Allowed allowed = loaded -> Float.isFinite(value)
                    && loaded.config().equals(b.state.config())
                    && java.util.Objects.equals(loaded.preprocessing(), b.state.preprocessing())
                    && FuzzBase.sameArrays(npz.equals("weights.npz") ? loaded.weights() : loaded.optimizer(), expected)
                    && FuzzBase.sameArrays(npz.equals("weights.npz") ? loaded.optimizer() : loaded.weights(),
                            npz.equals("weights.npz") ? b.state.optimizer() : b.state.weights());
            check(b, FuzzBase.archive(changed), allowed, npz + " " + name + "[" + index + "] = " + value);
        });
    }

    /** Arrays removed, added, renamed, duplicated, reordered or recompressed inside an .npz with a consistent directory. */
    @Test
    void npzStructureChangesAreRefusedOrLoadTheSameArrays() throws Throwable {
        Random random = new Random(20240606 + SEED);
        run("npz structure changes", 600, () -> {
            FuzzBase b = pick(random);
            String npz = b.entries.containsKey("optimizer.npz") && random.nextBoolean() ? "optimizer.npz" : "weights.npz";
            Map<String, byte[]> arrays = b.arrays(npz);
            List<String> names = new ArrayList<>(arrays.keySet());
            String name = names.get(random.nextInt(names.size()));
            List<RawZip.Entry> entries = new ArrayList<>();
            arrays.forEach((k, v) -> entries.add(RawZip.stored(k, v)));
            int kind = random.nextInt(6);
            switch (kind) {
                case 0 -> entries.removeIf(e -> e.name().equals(name));
                case 1 -> entries.add(RawZip.stored("extra/" + name, arrays.get(name)));
                case 2 -> entries.replaceAll(e -> e.name().equals(name) ? RawZip.stored(name + "x", e.data()) : e);
                case 3 -> entries.add(RawZip.stored(name, arrays.get(name)));
                case 4 -> java.util.Collections.shuffle(entries, random);
                default -> entries.replaceAll(e -> random.nextBoolean() ? RawZip.deflated(e.name(), e.data()) : e);
            }
            String what = npz + " " + new String[] {"remove", "add", "rename", "duplicate", "reorder", "recompress"}[kind]
                    + " " + name;
            check(b, FuzzBase.archive(with(b.entries, npz, RawZip.write(entries))), ONLY_IDENTICAL, what);
        });
    }

    // ---------------------------------------------------------------- running and judging

    private interface Case {
        void run() throws IOException;
    }

    private void run(String family, int cases, Case each) throws Throwable {
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < cases; i++) {
                each.run();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "LoaderFuzzTest: %s: %d mutants in %.1f s: %s%n", family, cases, seconds,
                counts);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(cases);
        assertThat(failures).as("mutants that loaded wrong content, threw another exception or ran out of memory "
                + "(of " + counts + ")").isEmpty();
        assertThat(counts.getOrDefault(Outcome.REJECTED, 0)).as("most mutants are refused").isGreaterThan(cases / 4);
    }

    private static FuzzBase pick(Random random) {
        return bases.get(random.nextInt(bases.size()));
    }

    /** Loads {@code mutant} and judges the outcome. */
    private Outcome check(FuzzBase b, byte[] mutant, Allowed allowed, String what) throws IOException {
        Path file = dir.resolve("mutant.nrn");
        Files.write(file, mutant);
        Sequential loaded;
        try {
            loaded = Sequential.load(file);
        } catch (ModelFileException e) {
            Throwable foreign = foreign(e);
            if (!e.getMessage().startsWith(file.toString()) || foreign != null) {
                return record(Outcome.FOREIGN, b, what + ": " + e + (foreign == null ? "" : " caused by " + foreign));
            }
            return record(Outcome.REJECTED, b, null);
        } catch (OutOfMemoryError e) {
            return record(Outcome.OUT_OF_MEMORY, b, what);
        } catch (Throwable t) {
            return record(Outcome.FOREIGN, b, what + ": " + t);
        }
        FuzzBase.State state;
        try {
            state = b.state(loaded);
        } catch (Throwable t) {
            return record(Outcome.WRONG, b, what + ": loads, then fails when used: " + t);
        }
        if (state.sameAs(b.state)) {
            return record(Outcome.IDENTICAL, b, null);
        }
        return allowed.test(state) ? record(Outcome.AS_MUTATED, b, null)
                : record(Outcome.WRONG, b, what + ": loads content that differs from the file");
    }

    private Outcome record(Outcome o, FuzzBase b, String failure) {
        counts.merge(o, 1, Integer::sum);
        if (o.compareTo(Outcome.WRONG) >= 0 && failures.size() < 20) {
            failures.add(b.label + ": " + failure);
        }
        return o;
    }

    /** The first cause that is neither the library's own nor an I/O or argument error: a programming error. */
    private static Throwable foreign(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            boolean ok = t instanceof IOException || (t instanceof IllegalArgumentException
                    && !(t instanceof NumberFormatException) && !(t instanceof java.util.regex.PatternSyntaxException));
            if (!ok) {
                return t;
            }
        }
        return null;
    }

    /** A mutant of a JSON entry loads as configured when the model saved again says every value the mutant says, and its arrays are the original's. */
    private static Allowed asConfigured(FuzzBase b, Map<String, byte[]> changed) {
        return loaded -> {
            Object config;
            Object preprocessing;
            try {
                config = FuzzBase.JSON.readValue(changed.get("config.json"), Object.class);
                preprocessing = changed.containsKey("preprocessing.json")
                        ? FuzzBase.JSON.readValue(changed.get("preprocessing.json"), Object.class) : null;
            } catch (IOException e) {
                return false;   // it loaded, so it parses: anything else is wrong
            }
            return JsonMutations.reflects(config, loaded.config(), "") == null
                    && JsonMutations.reflects(preprocessing, loaded.preprocessing(), "") == null
                    && (preprocessing == null) == (loaded.preprocessing() == null)
                    && FuzzBase.sameArrays(loaded.weights(), b.state.weights())
                    && FuzzBase.sameArrays(loaded.optimizer(), b.state.optimizer());
        };
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] bytes) {
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.put(name, bytes);
        return out;
    }

    /** Flips 1–4 bytes, truncates, or both. */
    private static byte[] corrupt(byte[] valid, Random random) {
        int kind = random.nextInt(3);
        byte[] bytes = valid.clone();
        if (kind != 1) {
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
        }
        if (kind != 0) {
            bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        return bytes;
    }

    /** One size, offset or count field of a local header, directory record or end record set to another value. */
    private static byte[] lie(byte[] zip, Random random) {
        List<int[]> fields = new ArrayList<>();   // offset, width
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] != 'P' || zip[i + 1] != 'K') {
                continue;
            }
            if (zip[i + 2] == 3 && zip[i + 3] == 4) {
                fields.addAll(List.of(new int[] {i + 14, 4}, new int[] {i + 18, 4}, new int[] {i + 22, 4},
                        new int[] {i + 26, 2}, new int[] {i + 28, 2}));
            } else if (zip[i + 2] == 1 && zip[i + 3] == 2) {
                fields.addAll(List.of(new int[] {i + 16, 4}, new int[] {i + 20, 4}, new int[] {i + 24, 4},
                        new int[] {i + 28, 2}, new int[] {i + 30, 2}, new int[] {i + 42, 4}, new int[] {i + 10, 2}));
            } else if (zip[i + 2] == 5 && zip[i + 3] == 6) {
                fields.addAll(List.of(new int[] {i + 8, 2}, new int[] {i + 10, 2}, new int[] {i + 12, 4},
                        new int[] {i + 16, 4}, new int[] {i + 20, 2}));
            }
        }
        int[] f = fields.get(random.nextInt(fields.size()));
        ByteBuffer buffer = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        long old = f[1] == 4 ? buffer.getInt(f[0]) & 0xFFFFFFFFL : buffer.getShort(f[0]) & 0xFFFF;
        long[] choices = {0, old + 1, old - 1, old * 2, old / 2, 0x7FFFFFFFL, 0xFFFFFFFFL, 1L << 31, random.nextInt(1 << 16)};
        long v = choices[random.nextInt(choices.length)];
        if (f[1] == 4) {
            buffer.putInt(f[0], (int) v);
        } else {
            buffer.putShort(f[0], (short) v);
        }
        return buffer.array();
    }
}
