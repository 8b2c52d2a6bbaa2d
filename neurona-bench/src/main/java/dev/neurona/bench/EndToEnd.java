package dev.neurona.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark against PyTorch: trains {@link FashionConfig} networks on
 * Fashion-MNIST with Neurona (native and pure-Java backends) and PyTorch (1 and 2 threads; "2p" =
 * 2 threads with {@code OMP_WAIT_POLICY=PASSIVE}, which stops libgomp spinning on a busy machine),
 * each contender in its own process so that peak RSS is its own, alternating the contenders
 * within each network (the order is reversed every other round), and prints a Markdown table
 * of medians with ratios against PyTorch's best thread setting.
 *
 * <pre>
 * ./mvnw -B -q -pl neurona-bench -am package -DskipTests
 * java -cp neurona-bench/target/benchmarks.jar dev.neurona.bench.EndToEnd \
 *     [--configs small,medium,large|all] [--epochs 3] [--epochs-large 3] [--rounds 1] \
 *     [--backends native,java] [--torch-threads 1,2,2p] [--python /usr/bin/python3] \
 *     [--script neurona-bench/src/main/python/train_fashion.py] [--torch-openblas-env unset|keep] \
 *     [--predict-calls 10000] [--extra-classpath CP] [--jvm-opts "-Xmx2g ..."] [--out results.jsonl] \
 *     [--baseline-jar OLD/neurona-bench/target/benchmarks.jar] [--openblas-coretype NAME]
 * </pre>
 *
 * <p>Every contender runs OpenBLAS (Neurona's native backend and PyTorch), so every contender gets
 * the same {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE}: unset by default
 * ({@code --torch-openblas-env unset}: OpenBLAS picks its kernels for the CPU, Cooperlake's
 * AVX-512 ones on Zen 4), this shell's with {@code keep}, or the core {@code --openblas-coretype}
 * names. (A shell that forces {@code OPENBLAS_CORETYPE=Haswell} made one side's products 1.7×
 * slower when only PyTorch's processes unset it.)
 *
 * <p>{@code --configs}: a comma-separated list of small (784-8-10), medium (784-256-128-10),
 * large (784-1024-1024-10), mnist-mlp (Keras's classic MNIST MLP: dropout, RMSprop), l2-norm
 * (medium with {@code Normalization} and L2 on every kernel) and huber (l2-norm with a
 * {@code huber} regression head), or {@code all}; the default is the original three,
 * small,medium,large. {@code --epochs-large} applies to large alone.
 *
 * <p>{@code --baseline-jar OLD/benchmarks.jar} adds a "previous" contender per backend that runs
 * another build (the last commit's, built in a temporary folder) in the same alternation, so
 * that the change is measured against the code before it in one run.
 *
 * <p>{@code --from results.jsonl} prints the tables of an earlier run's {@code --out} file
 * without running anything (give the same {@code --configs}, {@code --backends} and
 * {@code --torch-threads}).
 *
 * <p>Neurona's processes run with {@code --add-modules jdk.incubator.vector}, so that the
 * pure-Java backend uses its Vector API GEMM kernel (see {@code JavaGemm}).
 *
 * <p>Per contender: training samples/s over the median epoch after the first (warm-up), test
 * accuracy after the same number of epochs, median single-sample predict latency, batch-1000
 * inference samples/s and peak RSS ({@code VmHWM}). A backend that cannot load (for example
 * {@code native} before {@code neurona-native} is on the class path) and a missing PyTorch are
 * reported as unavailable, not as errors.
 */
public final class EndToEnd {

    private static final String[] OPTIONS = {"--configs", "--epochs", "--epochs-large", "--rounds", "--backends",
        "--torch-threads", "--python", "--script", "--torch-openblas-env", "--predict-calls", "--extra-classpath",
        "--jvm-opts", "--out", "--from", "--baseline-jar", "--openblas-coretype"};

    /** The original three networks; {@code --configs all} adds the newer ones. */
    static final String DEFAULT_CONFIGS = "small,medium,large";

    private EndToEnd() {
    }

    private static List<String> ids(List<FashionConfig> configs) {
        return configs.stream().map(FashionConfig::id).toList();
    }

    /**
     * One contender process: Neurona with a backend, or PyTorch with a thread count.
     *
     * @param classpath the class path of a Neurona contender, or {@code null} for this jar's own
     *                  ({@code --baseline-jar} gives the previous commit's benchmarks.jar)
     */
    record Contender(String label, boolean torch, String backend, int threads, boolean passiveWait, String classpath) {

        /** Parses a {@code --torch-threads} entry: a count, with {@code p} for {@code OMP_WAIT_POLICY=PASSIVE}. */
        static Contender torch(String spec) {
            boolean passive = spec.endsWith("p");
            int threads = Integer.parseInt(passive ? spec.substring(0, spec.length() - 1) : spec);
            return new Contender("PyTorch " + threads + "t" + (passive ? " passive" : ""), true, null, threads, passive,
                    null);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> o;
        List<FashionConfig> configs;
        int epochs;
        int epochsLarge;
        int rounds;
        try {
            o = Args.parse(args, OPTIONS);
            configs = FashionConfig.parseList(o.getOrDefault("--configs", DEFAULT_CONFIGS));
            epochs = Args.positive(o, "--epochs", 3);
            epochsLarge = Args.positive(o, "--epochs-large", epochs);
            rounds = Args.positive(o, "--rounds", 1);
        } catch (IllegalArgumentException e) {
            System.err.println("EndToEnd: " + e.getMessage());
            System.err.println("usage: EndToEnd [--configs NAME,...|all] [--epochs 3] [--epochs-large N] [--rounds 1] "
                    + "[--backends native,java] [--torch-threads 1,2,2p] [--baseline-jar JAR] [--out FILE] [--from FILE] ...");
            System.err.println("  NAME: " + FashionConfig.known() + " (default " + DEFAULT_CONFIGS + ")");
            System.exit(2);
            return;
        }
        List<Contender> contenders = new ArrayList<>();
        for (String b : o.getOrDefault("--backends", "native,java").split(",")) {
            contenders.add(new Contender("Neurona " + b.trim(), false, b.trim(), 0, false, null));
            if (o.containsKey("--baseline-jar")) {
                contenders.add(new Contender("previous " + b.trim(), false, b.trim(), 0, false, o.get("--baseline-jar")));
            }
        }
        for (String t : o.getOrDefault("--torch-threads", "1,2,2p").split(",")) {
            contenders.add(Contender.torch(t.trim()));
        }
        if (o.containsKey("--from")) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(o.get("--from")), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    results.add(JsonLine.parse(line));
                }
            }
            System.out.println(ResultTable.markdown(ids(configs), contenders, results));
            return;
        }
        ContenderRunner launcher = new ContenderRunner(o, TrainFashion.class.getName(), "train_fashion.py");
        System.out.println(Machine.describe());
        System.out.println("Every contender's OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE: " + launcher.torchEnvNote()
                + (launcher.coreType == null ? "" : "; OPENBLAS_CORETYPE=" + launcher.coreType));

        List<Map<String, Object>> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (FashionConfig config : configs) {
                List<Contender> order = new ArrayList<>(contenders);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                int e = config == FashionConfig.LARGE ? epochsLarge : epochs;
                for (Contender c : order) {
                    System.out.printf(Locale.ROOT, "[%s] round %d/%d  %s  %s  (%d epochs) ...%n",
                            Instant.now(), round + 1, rounds, config.id(), c.label(), e);
                    Map<String, Object> r = launcher.run(c, config.id(), e, List.of());
                    r.put("label", c.label());
                    r.put("round", round + 1);
                    System.out.println("  " + JsonLine.write(r));
                    results.add(r);
                }
            }
        }
        if (o.containsKey("--out")) {
            List<String> lines = results.stream().map(JsonLine::write).toList();
            Files.write(Path.of(o.get("--out")), lines, StandardCharsets.UTF_8);
        }
        System.out.println();
        System.out.println("Load average at the end: " + Machine.loadAverage());
        System.out.println();
        System.out.println(ResultTable.markdown(ids(configs), contenders, results));
    }
}
