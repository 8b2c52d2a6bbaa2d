package dev.neurona.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The per-epoch logs of a training run, as Keras's {@code History}: for each key (loss,
 * metrics, their {@code val_} versions, and {@code lr}), one value per epoch run.
 */
public final class History {

    private final List<Map<String, Double>> epochs = new ArrayList<>();
    private String stopReason;

    /** Appends one epoch's logs. */
    public void add(Map<String, Double> logs) {
        epochs.add(Collections.unmodifiableMap(new LinkedHashMap<>(logs)));
    }

    /** The number of epochs recorded. */
    public int epochCount() {
        return epochs.size();
    }

    /** The logs of epoch {@code epoch} (0-based). */
    public Map<String, Double> epoch(int epoch) {
        return epochs.get(epoch);
    }

    /** The keys in first-seen order, e.g. {@code [loss, accuracy, val_loss, val_accuracy]}. */
    public List<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, Double> e : epochs) {
            keys.addAll(e.keySet());
        }
        return List.copyOf(keys);
    }

    /**
     * The values of {@code key} per epoch.
     *
     * @throws IllegalArgumentException for a key never logged, listing the known ones
     */
    public List<Double> get(String key) {
        if (!keys().contains(key)) {
            throw new IllegalArgumentException("History has no '" + key + "'; keys: " + keys());
        }
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> e : epochs) {
            values.add(e.getOrDefault(key, Double.NaN));
        }
        return values;
    }

    /** All series by key, as Keras's {@code history.history}. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> map = new LinkedHashMap<>();
        for (String k : keys()) {
            map.put(k, get(k));
        }
        return map;
    }

    /** The last epoch's value of {@code key}. */
    public double last(String key) {
        List<Double> v = get(key);
        return v.get(v.size() - 1);
    }

    /** Why training stopped early (early stopping, a NaN loss, …), or {@code null} when it ran all epochs. */
    public String stopReason() {
        return stopReason;
    }

    /** Records why training stopped early; for training loops outside this package (such as Spark's). */
    public void stopReason(String reason) {
        this.stopReason = reason;
    }

    /** The history as CSV: a header {@code epoch,loss,…} and one row per epoch (epochs counted from 1). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch");
        List<String> keys = keys();
        for (String k : keys) {
            sb.append(',').append(k);
        }
        sb.append('\n');
        for (int i = 0; i < epochs.size(); i++) {
            sb.append(i + 1);
            for (String k : keys) {
                sb.append(',').append(format(epochs.get(i).getOrDefault(k, Double.NaN)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} to {@code file}. */
    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(toCsv());
        }
    }

    /**
     * Reads a history back from {@link #toCsv()} text (as {@link CsvLogger} and
     * {@link #writeCsv} write it).
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the line when it is not such a CSV
     */
    public static History readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).startsWith("epoch")) {
            throw new IllegalArgumentException(file + ": not a history CSV (the first line must be 'epoch,<keys>')");
        }
        String[] keys = lines.get(0).split(",", -1);
        History history = new History();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != keys.length) {
                throw new IllegalArgumentException(file + ", line " + (i + 1) + ": " + cells.length + " values for "
                        + keys.length + " columns");
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int k = 1; k < keys.length; k++) {
                try {
                    logs.put(keys[k], cells[k].equals("nan") ? Double.NaN : Double.parseDouble(cells[k]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ", line " + (i + 1) + ", column " + keys[k]
                            + ": not a number: '" + cells[k] + "'");
                }
            }
            history.add(logs);
        }
        return history;
    }

    static String format(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public String toString() {
        return "History" + asMap();
    }
}
