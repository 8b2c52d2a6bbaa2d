package dev.neurona.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Data, comparisons and archive surgery shared by the model-file tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code n} samples of {@code features} values in [-1, 1] and one-hot labels of {@code classes} classes. */
    static Tensor[] classification(long seed, int n, int features, int classes) {
        Random random = new Random(seed);
        float[][] x = new float[n][features];
        float[][] y = new float[n][classes];
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int j = 0; j < features; j++) {
                x[i][j] = random.nextFloat() * 2 - 1;
                sum += x[i][j] * (j + 1);
            }
            y[i][Math.floorMod((int) Math.floor(sum * 2), classes)] = 1;
        }
        return new Tensor[] {Tensor.of(x), Tensor.of(y)};
    }

    /** Same architecture, seed, compile settings, weights (bit for bit), layer states and position. */
    static void assertSameModel(Sequential expected, Sequential actual) {
        assertThat(actual.layers().stream().map(Layer::config).toList())
                .isEqualTo(expected.layers().stream().map(Layer::config).toList());
        assertThat(actual.seed()).isEqualTo(expected.seed());
        assertThat(actual.inputShape()).containsExactly(expected.inputShape());
        assertThat(actual.isCompiled()).isEqualTo(expected.isCompiled());
        if (expected.isCompiled()) {
            assertThat(actual.optimizer().config()).isEqualTo(expected.optimizer().config());
            assertThat(actual.loss().config()).isEqualTo(expected.loss().config());
        }
        assertSameWeights(expected, actual);
        for (int i = 0; i < expected.layers().size(); i++) {
            assertThat(actual.layers().get(i).state()).isEqualTo(expected.layers().get(i).state());
        }
        assertThat(actual.epochsCompleted()).isEqualTo(expected.epochsCompleted());
    }

    static void assertSameWeights(Sequential expected, Sequential actual) {
        List<Parameter> e = expected.parameters();
        List<Parameter> a = actual.parameters();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.size(); i++) {
            assertThat(a.get(i).name()).isEqualTo(e.get(i).name());
            assertThat(a.get(i).shape()).containsExactly(e.get(i).shape());
            assertThat(a.get(i).toArray()).as(e.get(i).name()).containsExactly(e.get(i).toArray());
        }
    }

    /** Every entry of a zip, by name, in order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                try (InputStream in = file.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** A zip of {@code entries} (deflated), with correct checksums. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** {@code source}'s entries with some replaced (a null value removes one), written to {@code target}. */
    static Path rewrite(Path source, Path target, Map<String, byte[]> changes) throws IOException {
        Map<String, byte[]> entries = entries(source);
        changes.forEach((name, bytes) -> {
            if (bytes == null) {
                entries.remove(name);
            } else {
                entries.put(name, bytes);
            }
        });
        Files.write(target, zip(entries));
        return target;
    }

    /** An .npy with a header of our choosing followed by {@code payload}. */
    static byte[] npy(String dict, byte[] payload) throws IOException {
        String header = dict + " ".repeat(Math.max(0, 118 - dict.length())) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.write(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(payload);
        return out.toByteArray();
    }
}
