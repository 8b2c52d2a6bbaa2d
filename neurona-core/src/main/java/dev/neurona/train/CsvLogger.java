package dev.neurona.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends each epoch's logs to a CSV file as training goes ({@code epoch,loss,…}, epochs
 * counted from 1), so that a crash keeps the epochs already done.
 */
public final class CsvLogger implements Callback {

    private final Path file;
    private final boolean append;
    private List<String> keys;

    /** Writes to {@code file}, replacing it. */
    public CsvLogger(Path file) {
        this(file, false);
    }

    /** Writes to {@code file}, appending to an existing one when {@code append} (for resumed runs). */
    public CsvLogger(Path file, boolean append) {
        this.file = file;
        this.append = append;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        keys = null;
        if (!append) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("CsvLogger: cannot replace " + file, e);
            }
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        StringBuilder sb = new StringBuilder();
        if (keys == null) {
            keys = new ArrayList<>(logs.keySet());
            if (!Files.exists(file)) {
                sb.append("epoch");
                keys.forEach(k -> sb.append(',').append(k));
                sb.append('\n');
            }
        }
        sb.append(epoch + 1);
        for (String k : keys) {
            sb.append(',').append(History.format(logs.getOrDefault(k, Double.NaN)));
        }
        sb.append('\n');
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot write " + file, e);
        }
    }
}
