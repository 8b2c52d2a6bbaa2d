package dev.neurona.openblas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which OpenBLAS kernels suit this CPU, where OpenBLAS's own choice falls short. The bytedeco
 * build (0.3.31, {@code DYNAMIC_ARCH}) runs its Haswell (AVX2) kernels on AMD Zen 4 and later,
 * although these CPUs have every AVX-512 instruction its SkylakeX kernels use; with
 * {@code OPENBLAS_CORETYPE=SKYLAKEX} in the environment the network-sized products run about
 * 1.7× faster (146 against 82 GFLOPS on one Zen 4 core for {@code [128, 784] × [784, 256]}).
 * OpenBLAS reads the variable when it loads, so the JVM cannot set it for itself: the
 * {@code neurona} launcher and the benchmark set it, and the backend's log line says how.
 * Intel CPUs with AVX-512 get the SkylakeX kernels from OpenBLAS itself.
 */
public final class OpenBlasCoreType {

    /** The instructions OpenBLAS's SkylakeX kernels need. */
    static final Set<String> SKYLAKEX_FLAGS = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private OpenBlasCoreType() {
    }

    /**
     * The {@code OPENBLAS_CORETYPE} this CPU should run with when none is set: {@code SKYLAKEX}
     * on an AMD CPU with the SkylakeX instructions, otherwise empty (OpenBLAS's choice stands).
     *
     * @param cpuinfo the text of {@code /proc/cpuinfo}
     */
    public static Optional<String> recommended(String cpuinfo) {
        boolean amd = false;
        Set<String> flags = new HashSet<>();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("vendor_id")) {
                amd |= value.equals("AuthenticAMD");
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags.addAll(Arrays.asList(value.split("\\s+")));
            }
        }
        return amd && flags.containsAll(SKYLAKEX_FLAGS) ? Optional.of("SKYLAKEX") : Optional.empty();
    }

    /**
     * A hint for the log when this machine would run faster with {@code OPENBLAS_CORETYPE} set
     * and it is not; empty otherwise (also off Linux, where there is no {@code /proc/cpuinfo}).
     */
    static Optional<String> hint() {
        if (System.getenv("OPENBLAS_CORETYPE") != null) {
            return Optional.empty();
        }
        String cpuinfo;
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return recommended(cpuinfo).map(core -> "this CPU has AVX-512 but OpenBLAS runs its AVX2 kernels; set "
                + "OPENBLAS_CORETYPE=" + core + " in the environment for matrix products about 1.7x faster "
                + "(the neurona launcher does)");
    }
}
