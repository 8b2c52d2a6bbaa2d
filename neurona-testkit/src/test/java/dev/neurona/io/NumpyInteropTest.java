package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurona.models.Sequential;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import dev.neurona.train.Fit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NumPy reads what we write ({@code weights.npz}, stored or deflated) bit for bit, and we read
 * what NumPy writes ({@code savez}, {@code savez_compressed}). Runs where {@code /usr/bin/python3}
 * has NumPy (Debian: {@code apt-get install python3-numpy}); skipped elsewhere.
 */
class NumpyInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static boolean numpy;

    @TempDir
    Path dir;

    @BeforeAll
    static void findNumpy() {
        try {
            numpy = python(List.of("-c", "import numpy"), Path.of(".")).exitCode == 0;
        } catch (IOException e) {
            numpy = false;
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(List<String> args, Path workDir) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(PYTHON);
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void requireNumpy() {
        assumeTrue(numpy, "NumPy is not available to " + PYTHON + " (install python3-numpy); skipping the interop check");
    }

    private static Sequential trainedModel() {
        Sequential model = new Sequential(input(3), dense(4, "relu"), dense(2)).seed(12);
        model.compile(new Adam(0.05), "mse");
        Tensor x = Tensor.randn(new java.util.Random(1), 16, 3);
        model.fit(x, x.matmul(Tensor.ones(3, 2)), Fit.epochs(2).batchSize(4).verbose(0));
        return model;
    }

    private static String hex(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(4 * (int) t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.toArray());
        return HexFormat.of().formatHex(b.array());
    }

    /** "name shape float32-bytes-as-hex" per array of the .npz inside {@code nrn}'s entry {@code entry}, by NumPy. */
    private Map<String, String> numpyView(Path nrn, String entry) throws IOException {
        String script = String.join("\n",
                "import io, sys, zipfile, numpy as np",
                "data = zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])",
                "with np.load(io.BytesIO(data), allow_pickle=False) as z:",
                "    for k in z.files:",
                "        a = z[k]",
                "        assert a.dtype == np.dtype('<f4') and a.flags['C_CONTIGUOUS'], (k, a.dtype)",
                "        print(k, list(a.shape), a.astype('<f4').tobytes().hex())");
        Result r = python(List.of("-c", script, nrn.toString(), entry), dir);
        assertThat(r.exitCode).as(r.output).isZero();
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.output.strip().split("\n")) {
            int space = line.indexOf(' ');
            out.put(line.substring(0, space), line.substring(space + 1));
        }
        return out;
    }

    @Test
    void numpyLoadsTheWeightsBitForBit() throws IOException {
        requireNumpy();
        Sequential model = trainedModel();
        Path file = dir.resolve("model.nrn");
        model.save(file);

        Map<String, String> view = numpyView(file, "weights.npz");
        assertThat(view.keySet()).containsExactly("dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias");
        for (Parameter p : model.parameters()) {
            assertThat(view.get(p.name())).isEqualTo(java.util.Arrays.toString(p.shape()) + " " + hex(p));
        }
        Map<String, String> optimizer = numpyView(file, "optimizer.npz");
        assertThat(optimizer).containsKeys("iterations", "dense_1/kernel/m", "dense_2/bias/v");
        assertThat(optimizer.get("dense_1/kernel/m")).startsWith("[3, 4] ");
    }

    @Test
    void numpyLoadsDeflatedArchivesAndWeLoadNumpysOwn() throws IOException {
        requireNumpy();
        Sequential model = trainedModel();
        Path file = dir.resolve("model.nrn");
        model.save(file);
        Map<String, Npy.Array> arrays = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            arrays.put(p.name(), new Npy.Array(p.shape(), p.data()));
        }
        java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
        Npz.write(deflated, arrays, true);
        Path ours = Fixtures.rewrite(file, dir.resolve("deflated.nrn"), Map.of("weights.npz", deflated.toByteArray()));
        Map<String, String> view = numpyView(ours, "weights.npz");
        for (Parameter p : model.parameters()) {
            assertThat(view.get(p.name())).endsWith(hex(p));
        }
        Fixtures.assertSameModel(model, Sequential.load(ours));

        // numpy writes both kinds from our arrays; the loader takes either in place of ours
        String script = String.join("\n",
                "import io, sys, zipfile, numpy as np",
                "with np.load(io.BytesIO(zipfile.ZipFile(sys.argv[1]).read('weights.npz'))) as z:",
                "    arrays = {k: z[k] for k in z.files}",
                "np.savez('savez.npz', **arrays)",
                "np.savez_compressed('savez_compressed.npz', **arrays)");
        Result r = python(List.of("-c", script, file.toString()), dir);
        assertThat(r.exitCode).as(r.output).isZero();
        for (String name : List.of("savez.npz", "savez_compressed.npz")) {
            Path fromNumpy = Fixtures.rewrite(file, dir.resolve(name + ".nrn"),
                    Map.of("weights.npz", Files.readAllBytes(dir.resolve(name))));
            Fixtures.assertSameModel(model, Sequential.load(fromNumpy));
        }
    }
}
