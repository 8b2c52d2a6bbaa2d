package dev.neurona.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the contenders' result lines into the Markdown tables that {@link EndToEnd} and {@link ConvEndToEnd} print (networks by id). */
final class ResultTable {

    private ResultTable() {
    }

    /** One contender on one network, over all rounds. */
    record Summary(String label, String status, String reason, int runs, int epochs, double samplesPerSecond,
            double accuracy, double predictMicros, double inferSamplesPerSecond, double peakRssMb) {

        boolean ok() {
            return status.equals("ok");
        }
    }

    /**
     * Medians over the rounds: samples/s from the median of every run's epochs after the first
     * (pooled), accuracy, predict latency and inference throughput as medians of the runs,
     * peak RSS as the largest.
     */
    static Summary summarize(String label, List<Map<String, Object>> runs) {
        List<Map<String, Object>> ok = runs.stream().filter(r -> "ok".equals(r.get("status"))).toList();
        if (ok.isEmpty()) {
            Map<String, Object> first = runs.isEmpty() ? Map.of("status", "missing") : runs.get(0);
            return new Summary(label, String.valueOf(first.get("status")), String.valueOf(first.getOrDefault("reason", "")),
                    runs.size(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> steady = new ArrayList<>();
        int epochs = 0;
        double samples = num(ok.get(0), "train_samples");
        for (Map<String, Object> r : ok) {
            double[] e = (double[]) r.get("epoch_s");
            epochs = e.length;
            double[] s = e.length > 1 ? Arrays.copyOfRange(e, 1, e.length) : e;
            Arrays.stream(s).forEach(steady::add);
        }
        return new Summary(label, "ok", "", ok.size(), epochs, samples / Stats.median(steady),
                medianOf(ok, "test_accuracy"), medianOf(ok, "predict_us"), medianOf(ok, "infer_samples_per_s"),
                ok.stream().mapToDouble(r -> num(r, "peak_rss_mb")).max().orElse(Double.NaN));
    }

    static String markdown(List<String> configs, List<EndToEnd.Contender> contenders,
            List<Map<String, Object>> results) {
        StringBuilder main = new StringBuilder();
        main.append("| network | contender | epochs | train samples/s | × PyTorch | test acc | predict µs | × PyTorch "
                + "| infer samples/s (batch 1000) | × PyTorch | peak RSS MB | × PyTorch |\n");
        main.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder threads = new StringBuilder();
        threads.append("| network | PyTorch | train samples/s | test acc | predict µs | infer samples/s | peak RSS MB |\n");
        threads.append("|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder epochs = new StringBuilder();
        epochs.append("| network | contender | round | epoch seconds |\n|---|---|---:|---|\n");

        for (String config : configs) {
            List<Summary> neurona = new ArrayList<>();
            List<Summary> torchRuns = new ArrayList<>();
            Summary best = null;
            for (EndToEnd.Contender c : contenders) {
                List<Map<String, Object>> runs = results.stream()
                        .filter(r -> config.equals(r.get("config")) && c.label().equals(r.get("label"))).toList();
                Summary s = summarize(c.label(), runs);
                for (Map<String, Object> r : runs) {
                    Object e = r.get("epoch_s");
                    epochs.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", config, c.label(),
                            fmt(r.get("round")), e instanceof double[] a
                                    ? Arrays.stream(a).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                                            .collect(Collectors.joining(", "))
                                    : r.get("status")));
                }
                if (c.torch()) {
                    String setting = c.threads() + " thread" + (c.threads() == 1 ? "" : "s")
                            + (c.passiveWait() ? ", OMP_WAIT_POLICY=PASSIVE" : "");
                    threads.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", config,
                            setting, s.ok() ? n0(s.samplesPerSecond()) : s.status(), acc(s.accuracy()),
                            n1(s.predictMicros()), n0(s.inferSamplesPerSecond()), n0(s.peakRssMb())));
                    if (s.ok()) {
                        torchRuns.add(s);
                        if (best == null || s.samplesPerSecond() > best.samplesPerSecond()) {
                            best = s;
                        }
                    }
                } else {
                    neurona.add(s);
                }
            }
            if (best != null) {
                best = bestOf(best, torchRuns);
            }
            for (Summary s : neurona) {
                if (!s.ok()) {
                    main.append(String.format(Locale.ROOT, "| %s | %s | %s: %s | | | | | | | | | |%n",
                            config, s.label(), s.status(), s.reason().replace('|', '/')));
                    continue;
                }
                main.append(row(config, s, best));
            }
            if (best != null) {
                main.append(row(config, best, best));
            } else {
                main.append(String.format(Locale.ROOT, "| %s | PyTorch | unavailable | | | | | | | | | |%n", config));
            }
        }
        return main + "\n× PyTorch: speed ratios are Neurona ÷ PyTorch best for samples/s and PyTorch ÷ Neurona for latency "
                + "(above 1 = Neurona faster); the RSS ratio is Neurona ÷ PyTorch (below 1 = Neurona smaller).\n"
                + "PyTorch best = each column at PyTorch's best setting for it (the label names the best"
                + " for training; accuracy comes from that run).\n\n"
                + threads + "\n" + epochs;
    }

    /**
     * PyTorch at its best setting for each column: the training-best run's samples/s and
     * accuracy, the lowest predict latency and RSS, the highest inference throughput.
     */
    static Summary bestOf(Summary trainBest, List<Summary> all) {
        return new Summary("PyTorch best (" + trainBest.label().substring("PyTorch ".length()) + ")", "ok", "",
                trainBest.runs(), trainBest.epochs(), trainBest.samplesPerSecond(), trainBest.accuracy(),
                all.stream().mapToDouble(Summary::predictMicros).min().orElse(Double.NaN),
                all.stream().mapToDouble(Summary::inferSamplesPerSecond).max().orElse(Double.NaN),
                all.stream().mapToDouble(Summary::peakRssMb).min().orElse(Double.NaN));
    }

    private static String row(String config, Summary s, Summary torch) {
        boolean t = torch != null;
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                config, s.label(), s.epochs(), n0(s.samplesPerSecond()),
                t ? ratio(s.samplesPerSecond() / torch.samplesPerSecond()) : "",
                acc(s.accuracy()), n1(s.predictMicros()), t ? ratio(torch.predictMicros() / s.predictMicros()) : "",
                n0(s.inferSamplesPerSecond()), t ? ratio(s.inferSamplesPerSecond() / torch.inferSamplesPerSecond()) : "",
                n0(s.peakRssMb()), t ? ratio(s.peakRssMb() / torch.peakRssMb()) : "");
    }

    private static double medianOf(List<Map<String, Object>> runs, String key) {
        return Stats.median(runs.stream().map(r -> num(r, key)).toList());
    }

    private static double num(Map<String, Object> r, String key) {
        return r.get(key) instanceof Double d ? d : Double.NaN;
    }

    private static String fmt(Object o) {
        return o instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(o);
    }

    private static String n0(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String n1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String acc(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
