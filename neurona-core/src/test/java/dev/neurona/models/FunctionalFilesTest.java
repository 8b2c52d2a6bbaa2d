package dev.neurona.models;

import static dev.neurona.nn.Layers.concatenate;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.io.ModelFileException;
import dev.neurona.nn.Input;
import dev.neurona.nn.SymbolicTensor;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functional models in model files (format version 2): saved, loaded, trained on. */
class FunctionalFilesTest {

    @TempDir
    Path dir;

    private static Model twoHeads() {
        SymbolicTensor a = Input.of(3).name("a");
        SymbolicTensor b = Input.of(2).name("b");
        SymbolicTensor trunk = dense(6, "relu").apply(concatenate().apply(a, b));
        Model m = new Model(List.of(a, b), List.of(dense(2, "softmax").name("label").apply(trunk),
                dense(1).name("size").apply(trunk)));
        m.compile(new Adam(0.01), Map.of("label", "sparse_categorical_crossentropy", "size", "mse"),
                Map.of("size", 0.25), Map.of("label", List.of("accuracy")));
        return m;
    }

    private static List<Tensor> data(Random r) {
        Tensor a = Tensor.randn(r, 40, 3);
        Tensor b = Tensor.randn(r, 40, 2);
        float[] av = a.toArray();
        float[] label = new float[40];
        for (int i = 0; i < 40; i++) {
            label[i] = av[3 * i] > 0 ? 1 : 0;
        }
        return List.of(a, b, Tensor.of(label, 40, 1), Tensor.randn(r, 40, 1));
    }

    @Test
    void aTwoHeadedModelSavesLoadsAndResumesExactly() throws IOException {
        List<Tensor> d = data(new Random(1));
        List<Tensor> xs = d.subList(0, 2);
        List<Tensor> ys = d.subList(2, 4);
        Model trained = twoHeads();
        trained.fit(xs, ys, Fit.epochs(2).batchSize(8).verbose(0));
        Path file = dir.resolve("heads.nrn");
        trained.save(file);

        Model loaded = Model.load(file);
        assertThat(loaded.typeName()).isEqualTo("Functional");
        assertThat(loaded.inputNames()).containsExactly("a", "b");
        assertThat(loaded.outputNames()).containsExactly("label", "size");
        List<Tensor> before = trained.predict(xs);
        List<Tensor> after = loaded.predict(xs);
        for (int k = 0; k < 2; k++) {
            assertThat(after.get(k).toArray()).isEqualTo(before.get(k).toArray());
        }
        assertThat(loaded.evaluate(xs, ys)).isEqualTo(trained.evaluate(xs, ys));
        trained.fit(xs, ys, Fit.epochs(1).batchSize(8).verbose(0));
        loaded.fit(xs, ys, Fit.epochs(1).batchSize(8).verbose(0));
        for (int i = 0; i < trained.getWeights().size(); i++) {
            assertThat(loaded.getWeights().get(i).toArray()).isEqualTo(trained.getWeights().get(i).toArray());
        }
        assertThat(config(file)).contains("\"format_version\":2").contains("\"class\":\"Functional\"");
        assertThatThrownBy(() -> Sequential.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("Model.load");
    }

    @Test
    void aSequentialFileLoadsAsAModelToo() throws IOException {
        Sequential s = new Sequential(input(2), dense(3, "tanh"), dense(1));
        s.compile("sgd", "mse");
        Path file = dir.resolve("s.nrn");
        s.save(file);
        Model m = Model.load(file);
        assertThat(m).isInstanceOf(Sequential.class);
        Tensor x = Tensor.randn(new Random(2), 4, 2);
        assertThat(m.predict(x).toArray()).isEqualTo(s.predict(x).toArray());
    }

    @Test
    void aGraphThatReadsALaterNodeOrHasACycleIsRefusedNamingTheNode() throws IOException {
        Model m = twoHeads();
        Path file = dir.resolve("heads.nrn");
        m.save(file);
        String json = config(file);
        // the trunk reads itself: a cycle
        String cyclic = json.replace("{\"layer\":\"dense_1\",\"inputs\":[[\"concatenate_1\",0]]}",
                "{\"layer\":\"dense_1\",\"inputs\":[[\"dense_1\",0]]}");
        assertThat(cyclic).isNotEqualTo(json);
        Path bad = dir.resolve("cyclic.nrn");
        rewriteConfig(file, bad, cyclic);
        assertThatThrownBy(() -> Model.load(bad)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("model.graph.nodes[1].inputs[0]").hasMessageContaining("no cycles");
        String unknown = json.replace("[\"concatenate_1\",0]", "[\"concatenate_9\",0]");
        Path bad2 = dir.resolve("unknown.nrn");
        rewriteConfig(file, bad2, unknown);
        assertThatThrownBy(() -> Model.load(bad2)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("concatenate_9");
    }

    /** An encoder model and a decoder model, each nested in an autoencoder, with dropout inside (state kept). */
    @Test
    void nestedModelsSaveAndLoadWithTheirWeightsAndDropoutState() throws IOException {
        Sequential encoder = new Sequential(input(6), dense(3, "relu"), dev.neurona.nn.Layers.dropout(0.2));
        SymbolicTensor code = Input.of(3);
        Model decoder = new Model(code, dense(6).apply(code));
        SymbolicTensor x = Input.of(6);
        Model autoencoder = new Model(x, decoder.apply(encoder.apply(x)));
        autoencoder.compile(new Adam(0.01), "mse");
        Tensor data = Tensor.randn(new Random(3), 32, 6);
        autoencoder.fit(data, data, Fit.epochs(2).batchSize(8).verbose(0));
        Path file = dir.resolve("autoencoder.nrn");
        autoencoder.save(file);

        Model loaded = Model.load(file);
        assertThat(loaded.parameters().stream().map(dev.neurona.tensor.Parameter::name)).containsExactlyElementsOf(
                autoencoder.parameters().stream().map(dev.neurona.tensor.Parameter::name).toList());
        assertThat(loaded.parameters().get(0).name()).isEqualTo("sequential_1/dense_1/kernel");
        assertThat(loaded.predict(data).toArray()).isEqualTo(autoencoder.predict(data).toArray());
        autoencoder.fit(data, data, Fit.epochs(1).batchSize(8).verbose(0));
        loaded.fit(data, data, Fit.epochs(1).batchSize(8).verbose(0));   // the same dropout masks: the state came back
        assertThat(loaded.predict(data).toArray()).isEqualTo(autoencoder.predict(data).toArray());
    }

    /** A subclassed model whose class registered its factory. */
    static final class Scaled extends Model {
        final double factor;
        final dev.neurona.nn.Dense inner = addChild(dense(2));

        Scaled(double factor) {
            this.factor = factor;
        }

        static Scaled fromConfig(Map<String, Object> config) {
            return new Scaled(dev.neurona.names.ConfigKeys.of(config).only("type", "name", "factor")
                    .number("factor", -1e9, 1e9));
        }

        @Override
        public Tensor forward(Tensor x, dev.neurona.nn.Mode mode) {
            return inner.call(x, mode).mul((float) factor);
        }

        @Override
        protected Map<String, Object> settings() {
            return Map.of("factor", factor);
        }
    }

    @Test
    void aRegisteredSubclassedModelSavesAndLoads() throws IOException {
        Scaled m = new Scaled(1.5);
        m.compile(new Adam(0.01), "mse");
        Tensor x = Tensor.randn(new Random(4), 16, 3);
        m.fit(x, Tensor.randn(new Random(5), 16, 2), Fit.epochs(2).batchSize(4).verbose(0));
        Path file = dir.resolve("scaled.nrn");
        m.save(file);
        assertThatThrownBy(() -> Model.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("unknown layer type 'Scaled'").hasMessageContaining("Registry.register");
        dev.neurona.names.Registry.register(Scaled.class, Scaled::fromConfig);
        try {
            Model loaded = Model.load(file);
            assertThat(loaded).isInstanceOf(Scaled.class);
            assertThat(((Scaled) loaded).factor).isEqualTo(1.5);
            assertThat(loaded.predict(x).toArray()).isEqualTo(m.predict(x).toArray());
        } finally {
            dev.neurona.names.Registry.unregister(Scaled.class);
        }
    }

    private static String config(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("config.json")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s", "");   // no spaces in names
                }
            }
        }
        throw new AssertionError("no config.json");
    }

    private static void rewriteConfig(Path from, Path to, String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = e.getName().equals("config.json") ? json.getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        Files.write(to, bytes.toByteArray());
    }
}
