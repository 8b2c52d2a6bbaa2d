package dev.neurona.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size, from {@code VmHWM} in {@code /proc/self/status} (Linux). */
final class PeakRss {

    private PeakRss() {
    }

    /** Peak RSS in MiB, or NaN where {@code /proc} does not say. */
    static double megabytes() {
        try {
            return parseKb(Files.readString(Path.of("/proc/self/status"))) / 1024.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The {@code VmHWM} line's kB value; NaN when there is none. */
    static double parseKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Double.parseDouble(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return Double.NaN;
    }
}
