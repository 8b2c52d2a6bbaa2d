package dev.neurona.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark ran on: cores, CPU model, load average, JVM; printed with the results. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return "Machine: nproc = " + Runtime.getRuntime().availableProcessors()
                + ", CPU = " + cpuModel()
                + ", load average = " + loadAverage()
                + ", Java = " + System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String openblasEnv() {
        StringBuilder s = new StringBuilder();
        for (String k : new String[] {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"}) {
            String v = System.getenv(k);
            if (v != null) {
                s.append(s.length() > 0 ? " " : "").append(k).append('=').append(v);
            }
        }
        return s.length() == 0 ? "neither set" : s.toString();
    }
}
