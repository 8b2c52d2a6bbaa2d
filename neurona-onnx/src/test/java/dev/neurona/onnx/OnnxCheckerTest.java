package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference checker of the ONNX project accepts every exported file, with full shape
 * inference. Runs where Debian's {@code python3-onnx} is installed ({@code apt-get install
 * python3-onnx}); files of an opset newer than that onnx release knows are left to ONNX Runtime.
 */
class OnnxCheckerTest {

    private static final String PYTHON = "/usr/bin/python3";

    /** Checks each file named on the command line; prints "ok NAME" or "fail NAME: reason". */
    private static final String CHECK = String.join("\n",
            "import sys, onnx",
            "for path in sys.argv[1:]:",
            "    try:",
            "        onnx.checker.check_model(onnx.load(path), full_check=True)",
            "        print('ok', path)",
            "    except Exception as e:",
            "        print('fail', path + ':', str(e).replace(chr(10), ' '))");

    @TempDir
    Path dir;

    @Test
    void onnxCheckerAcceptsEveryExportedFile() throws Exception {
        String maxOpset = python("import onnx.defs; print(onnx.defs.onnx_opset_version())");
        assumeTrue(maxOpset != null && maxOpset.strip().matches("\\d+"),
                "python3-onnx is not installed (apt-get install python3-onnx); ONNX checker not run");
        int newest = Integer.parseInt(maxOpset.strip());

        List<String> files = new ArrayList<>();
        List<ModelCases.Case> cases = new java.util.ArrayList<>(ModelCases.all());
        cases.addAll(ConvCases.all());
        for (int i = 0; i < cases.size(); i++) {
            ModelCases.Case c = cases.get(i);
            if (c.options().opset() <= newest) {
                Path file = dir.resolve("case" + i + ".onnx");
                OnnxExport.write(c.model().get(), file, c.options());
                files.add(file.toString());
            }
        }
        assertThat(files).as("files of an opset the installed onnx knows (<= %d)", newest).hasSizeGreaterThan(50);

        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", CHECK));
        command.addAll(files);
        String report = run(command);
        assertThat(report.lines().filter(l -> !l.startsWith("ok "))).as("checker report").isEmpty();
        assertThat(report.lines().count()).isEqualTo(files.size());
    }

    /** The output of a Python snippet, or null when Python or the onnx package is missing. */
    private static String python(String code) throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return null;
        }
        try {
            return run(List.of(PYTHON, "-c", code));
        } catch (IOException | AssertionError e) {
            return null;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python did not finish in 60 s: " + command.get(2));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("python exited with " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
