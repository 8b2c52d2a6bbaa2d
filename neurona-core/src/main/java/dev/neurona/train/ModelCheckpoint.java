package dev.neurona.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model after each epoch, or only when a monitored quantity improves, as Keras's
 * {@code ModelCheckpoint}. The file holds the optimizer state and the training position, so
 * that training resumes from it exactly:
 *
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(20).callbacks(new ModelCheckpoint("ckpt/epoch-{epoch:02d}.nrn")));
 * Sequential again = Sequential.load(Path.of("ckpt/epoch-07.nrn"));
 * again.resume(x, y, Fit.epochs(20));                  // epochs 7..19, as if never interrupted
 *
 * new ModelCheckpoint("best.nrn").monitor("val_accuracy").saveBestOnly(true);
 * }</pre>
 *
 * <p>The path may contain placeholders in Python's format syntax: {@code {epoch}} (1-based,
 * as Keras) and any logged quantity such as {@code {val_loss}}, each optionally with a format
 * such as {@code {epoch:03d}} or {@code {val_loss:.4f}}. Each write is atomic: a crash never
 * leaves a half-written checkpoint. A file that cannot be written stops training with an
 * {@link UncheckedIOException}.
 */
public final class ModelCheckpoint implements Callback {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?}");
    private static final Pattern FORMAT = Pattern.compile("(0?[1-9][0-9]?)?(d|(\\.[0-9]{1,2})?[feg])");

    private final String filepath;
    private String monitor = "val_loss";
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private boolean saveBestOnly;
    private boolean includeOptimizer = true;
    private Double initialValueThreshold;

    private Monitor tracker;
    private Path lastSaved;

    /** Checkpoints to {@code filepath}, a path that may hold placeholders such as {@code {epoch:02d}}. */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isBlank()) {
            throw new IllegalArgumentException("ModelCheckpoint: the file path must not be blank");
        }
        Matcher m = PLACEHOLDER.matcher(filepath);
        while (m.find()) {
            if (m.group(2) != null && !FORMAT.matcher(m.group(2)).matches()) {
                throw new IllegalArgumentException("ModelCheckpoint: unsupported format '" + m.group(2) + "' in '"
                        + m.group() + "'; use forms such as {epoch:02d} or {val_loss:.4f}");
            }
        }
        this.filepath = filepath;
    }

    /** Checkpoints to {@code path} (which may hold placeholders). */
    public ModelCheckpoint(Path path) {
        this(path == null ? null : path.toString());
    }

    /** The logged quantity that decides the best epoch (default {@code val_loss}). */
    public ModelCheckpoint monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /** {@code "auto"}, {@code "min"} or {@code "max"}: which direction is an improvement. */
    public ModelCheckpoint mode(String mode) {
        this.mode = EarlyStopping.parseMode(mode);
        return this;
    }

    /** Whether to save only when the monitored quantity improves on the best so far (default false: every epoch). */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /** Whether files include the optimizer state, needed to resume exactly (default true). */
    public ModelCheckpoint includeOptimizer(boolean includeOptimizer) {
        this.includeOptimizer = includeOptimizer;
        return this;
    }

    /** With {@link #saveBestOnly}, the value to beat at the start (as when resuming; default: none). */
    public ModelCheckpoint initialValueThreshold(double value) {
        this.initialValueThreshold = value;
        return this;
    }

    /** The file written last, or {@code null}. */
    public Path lastSaved() {
        return lastSaved;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        tracker = new Monitor(monitor, mode, 0);
        if (initialValueThreshold != null) {
            tracker.best(initialValueThreshold);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        if (saveBestOnly && !tracker.improved(tracker.value(logs, "ModelCheckpoint"))) {
            return;
        }
        Path path = Path.of(format(filepath, epoch, logs));
        try {
            context.saveModel(path, includeOptimizer);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: could not save epoch " + (epoch + 1) + " to " + path
                    + ": " + e.getMessage(), e);
        }
        lastSaved = path;
    }

    /** {@code filepath} with its placeholders filled from the 1-based epoch and the logs. */
    static String format(String filepath, int epoch, Map<String, Double> logs) {
        Matcher m = PLACEHOLDER.matcher(filepath);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String spec = m.group(2);
            Number value;
            if (key.equals("epoch")) {
                value = epoch + 1;
            } else if (logs.containsKey(key)) {
                value = logs.get(key);
            } else {
                throw new IllegalStateException("ModelCheckpoint: placeholder {" + key + "} in '" + filepath
                        + "' is neither epoch nor in the logs " + logs.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(formatted(value, spec)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String formatted(Number value, String spec) {
        if (spec == null || spec.isEmpty()) {
            return value instanceof Integer ? value.toString() : Double.toString(value.doubleValue());
        }
        boolean integral = spec.endsWith("d");
        if (integral && !(value instanceof Integer)) {
            return String.format(Locale.ROOT, "%" + spec, Math.round(value.doubleValue()));
        }
        return String.format(Locale.ROOT, "%" + spec, integral ? value : (Object) value.doubleValue());
    }
}
