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
 * The convolutional benchmark against PyTorch, {@link EndToEnd}'s pattern for the
 * {@link ConvConfig} networks: Keras's MNIST convnet on Fashion-MNIST and a small VGG with
 * BatchNormalization on CIFAR-shaped images, Neurona ({@link TrainConv}) and PyTorch
 * ({@code src/main/python/train_conv.py}, oneDNN convolutions, 1 and 2 threads) each in its own
 * process, alternating within each network (reversed every other round), then the Markdown table
 * of medians against PyTorch's best thread setting: training samples/s, test accuracy,
 * single-image predict latency, batch-1000 inference samples/s, peak RSS.
 *
 * <pre>
 * ./mvnw -B -q -pl neurona-bench -am package -DskipTests
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp neurona-bench/target/benchmarks.jar \
 *     dev.neurona.bench.ConvEndToEnd --rounds 3
 * # quick: --epochs 2 --epochs-vgg 2 --rounds 1 --samples 5000
 * options: [--configs convnet,vgg|all] [--epochs 5] [--epochs-vgg 3] [--rounds 1] [--backends java,native]
 *     [--torch-threads 1,2] [--predict-calls 2000] [--data random|cifar10] [--samples 10000]
 *     [--baseline-jar OLD.jar] [--jvm-opts "..."] [--out results.jsonl] [--from results.jsonl] …
 * </pre>
 *
 * <p>{@code --epochs} is the convnet's (test accuracy after it; the first epoch is warm-up and
 * the samples/s are the median of the others), {@code --epochs-vgg} the VGG's, which trains on
 * {@code --samples} random images unless {@code --data cifar10}. The other options are
 * {@link EndToEnd}'s ({@link ContenderRunner}).
 */
public final class ConvEndToEnd {

    private static final String[] OPTIONS = {"--configs", "--epochs", "--epochs-vgg", "--rounds", "--backends",
        "--torch-threads", "--python", "--script", "--torch-openblas-env", "--predict-calls", "--extra-classpath",
        "--jvm-opts", "--out", "--from", "--baseline-jar", "--openblas-coretype", "--data", "--samples"};

    private ConvEndToEnd() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> o;
        List<ConvConfig> configs;
        int epochs;
        int epochsVgg;
        int rounds;
        try {
            o = Args.parse(args, OPTIONS);
            o.putIfAbsent("--predict-calls", "2000");
            configs = ConvConfig.parseList(o.getOrDefault("--configs", "all"));
            epochs = Args.positive(o, "--epochs", 5);
            epochsVgg = Args.positive(o, "--epochs-vgg", 3);
            rounds = Args.positive(o, "--rounds", 1);
            Args.positive(o, "--samples", 10000);
        } catch (IllegalArgumentException e) {
            System.err.println("ConvEndToEnd: " + e.getMessage());
            System.err.println("usage: ConvEndToEnd [--configs convnet,vgg|all] [--epochs 5] [--epochs-vgg 3] [--rounds 1] "
                    + "[--backends java,native] [--torch-threads 1,2] [--data random|cifar10] [--samples 10000] ...");
            System.exit(2);
            return;
        }
        List<EndToEnd.Contender> contenders = new ArrayList<>();
        for (String b : o.getOrDefault("--backends", "java,native").split(",")) {
            contenders.add(new EndToEnd.Contender("Neurona " + b.trim(), false, b.trim(), 0, false, null));
            if (o.containsKey("--baseline-jar")) {
                contenders.add(new EndToEnd.Contender("previous " + b.trim(), false, b.trim(), 0, false,
                        o.get("--baseline-jar")));
            }
        }
        for (String t : o.getOrDefault("--torch-threads", "1,2").split(",")) {
            contenders.add(EndToEnd.Contender.torch(t.trim()));
        }
        List<String> ids = configs.stream().map(ConvConfig::id).toList();
        if (o.containsKey("--from")) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(o.get("--from")), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    results.add(JsonLine.parse(line));
                }
            }
            System.out.println(ResultTable.markdown(ids, contenders, results));
            return;
        }
        ContenderRunner runner = new ContenderRunner(o, TrainConv.class.getName(), "train_conv.py");
        List<String> extra = List.of("--data", o.getOrDefault("--data", "random"), "--samples",
                o.getOrDefault("--samples", "10000"));
        System.out.println(Machine.describe());
        System.out.println("Every contender's OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE: " + runner.torchEnvNote());
        List<Map<String, Object>> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (ConvConfig config : configs) {
                List<EndToEnd.Contender> order = new ArrayList<>(contenders);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                int e = config == ConvConfig.VGG ? epochsVgg : epochs;
                for (EndToEnd.Contender c : order) {
                    System.out.printf(Locale.ROOT, "[%s] round %d/%d  %s  %s  (%d epochs) ...%n", Instant.now(),
                            round + 1, rounds, config.id(), c.label(), e);
                    Map<String, Object> r = runner.run(c, config.id(), e, extra);
                    r.put("label", c.label());
                    r.put("round", round + 1);
                    System.out.println("  " + JsonLine.write(r));
                    results.add(r);
                }
            }
        }
        if (o.containsKey("--out")) {
            Files.write(Path.of(o.get("--out")), results.stream().map(JsonLine::write).toList(), StandardCharsets.UTF_8);
        }
        System.out.println();
        System.out.println("Load average at the end: " + Machine.loadAverage());
        System.out.println();
        System.out.println(ResultTable.markdown(ids, contenders, results));
    }
}
