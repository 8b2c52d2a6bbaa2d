package dev.neurona.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the contender processes of {@link EndToEnd} and {@link ConvEndToEnd} and reads their
 * {@code RESULT} line: Neurona's as {@code java --add-modules jdk.incubator.vector
 * -Dneurona.backend=B -cp … MAIN}, PyTorch's as {@code python3 SCRIPT --threads T}, both followed
 * by {@code --config ID --epochs E --predict-calls N} and the driver's extra arguments, every
 * contender with the same OpenBLAS environment.
 */
final class ContenderRunner {
    private final String javaBin;
    private final String classpath;
    private final List<String> jvmOpts;
    private final String python;
    private final String script;
    private final boolean unsetOpenblasEnv;
    private final String predictCalls;

    private final String mainClass;

    /**
     * @param o          the driver's options ({@code --python}, {@code --script}, {@code --jvm-opts}, …)
     * @param mainClass  Neurona's contender ({@code TrainFashion}, {@code TrainConv})
     * @param scriptName PyTorch's contender under {@code src/main/python} ({@code --script} overrides it)
     */
    ContenderRunner(Map<String, String> o, String mainClass, String scriptName) {
        this.mainClass = mainClass;
        javaBin = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = o.getOrDefault("--extra-classpath", "");
        classpath = System.getProperty("java.class.path") + (extra.isBlank() ? "" : File.pathSeparator + extra);
        String opts = o.getOrDefault("--jvm-opts", "").trim();
        jvmOpts = opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
        python = o.getOrDefault("--python", "/usr/bin/python3");
        script = o.getOrDefault("--script", defaultScript(scriptName));
        coreType = o.get("--openblas-coretype");
        String env = o.getOrDefault("--torch-openblas-env", "unset");
        if (!env.equals("unset") && !env.equals("keep")) {
            throw new IllegalArgumentException("--torch-openblas-env takes unset or keep, got " + env);
        }
        unsetOpenblasEnv = env.equals("unset");
        predictCalls = o.getOrDefault("--predict-calls", "10000");
    }

    private static String defaultScript(String name) {
        for (String p : new String[] {"neurona-bench/src/main/python/" + name, "src/main/python/" + name}) {
            if (Files.exists(Path.of(p))) {
                return p;
            }
        }
        return "neurona-bench/src/main/python/" + name;
    }

    /** {@code OPENBLAS_CORETYPE} for every contender, or {@code null} for the environment's rule. */
    final String coreType;

    String torchEnvNote() {
        String now = Machine.openblasEnv();
        return unsetOpenblasEnv ? "unset (this shell: " + now + ")" : "kept as this shell has them: " + now;
    }

    /** Runs one contender on one network and returns its result line's fields (or an unavailable/failed record). */
    Map<String, Object> run(EndToEnd.Contender c, String config, int epochs, List<String> extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (c.torch()) {
            if (!Files.isExecutable(Path.of(python)) || !Files.exists(Path.of(script))) {
                return unavailable(c, config, "no " + python + " or no " + script);
            }
            cmd.addAll(List.of(python, script, "--threads", String.valueOf(c.threads())));
        } else {
            cmd.add(javaBin);
            // the Vector API module gives the pure-Java backend its register-blocked GEMM kernel
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
            cmd.addAll(jvmOpts);
            cmd.addAll(List.of("-Dneurona.backend=" + c.backend(), "-cp", c.classpath() != null ? c.classpath() : classpath,
                    mainClass));
        }
        cmd.addAll(List.of("--config", config, "--epochs", String.valueOf(epochs), "--predict-calls", predictCalls));
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (unsetOpenblasEnv) {   // every contender alike: both run OpenBLAS
            pb.environment().remove("OPENBLAS_CORETYPE");
            pb.environment().remove("OPENBLAS_L2_SIZE");
        }
        if (c.passiveWait()) {
            pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        }
        if (coreType != null) {
            pb.environment().put("OPENBLAS_CORETYPE", coreType);
        }
        Process p = pb.start();
        String resultLine = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(JsonLine.MARKER)) {
                    resultLine = line.substring(JsonLine.MARKER.length());
                } else {
                    tail.add(line);
                    if (tail.size() > 20) {
                        tail.remove(0);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int exit = p.waitFor();
        if (resultLine == null) {
            String why = "exit " + exit + (tail.isEmpty() ? "" : ": " + String.join(" | ", tail));
            if (c.torch() && why.contains("No module named 'torch'")) {
                return unavailable(c, config, "python3-torch not installed");
            }
            Map<String, Object> r = unavailable(c, config, why);
            r.put("status", "failed");
            return r;
        }
        return JsonLine.parse(resultLine);
    }

    private static Map<String, Object> unavailable(EndToEnd.Contender c, String config, String reason) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("contender", c.torch() ? "pytorch" : "neurona");
        r.put("config", config);
        r.put("status", "unavailable");
        r.put("reason", reason);
        return r;
    }
}
