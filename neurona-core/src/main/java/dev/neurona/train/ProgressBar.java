package dev.neurona.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress output. At verbose 1 on a terminal, one line per epoch rewritten in place:
 * <pre>
 * Epoch 3/10
 * 1688/1688 [==============================] - 2s 1ms/step - loss: 0.4213 - accuracy: 0.8512 - val_loss: 0.4410 - val_accuracy: 0.8431
 * </pre>
 * When the output is not a terminal (a log file, CI) only the finished line is printed. At
 * verbose 2, one short line per epoch without the bar; at 0, nothing.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REFRESH_NANOS = 50_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean interactive;
    private int steps;
    private long epochStart;
    private long lastDraw;
    /** Whether a bar was drawn in place and its line not yet ended. */
    private boolean midLine;

    /**
     * @param out where to print
     * @param verbose 0, 1 or 2 as in {@link Fit#verbose(int)}
     * @param interactive whether {@code out} is a terminal that understands carriage returns
     */
    public ProgressBar(PrintStream out, int verbose, boolean interactive) {
        this.out = out;
        this.verbose = verbose;
        this.interactive = interactive;
    }

    /** A bar on standard output, interactive when the JVM has a console. */
    public static ProgressBar standard(int verbose) {
        return new ProgressBar(System.out, verbose, System.console() != null);
    }

    /** Prints the epoch header and starts the clock. */
    public void epochBegin(int epoch, int epochs, int steps) {
        this.steps = steps;
        this.epochStart = System.nanoTime();
        this.lastDraw = 0;
        if (verbose > 0) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    /** Redraws the bar after batch {@code step} (1-based) with the running logs, on a terminal only. */
    public void batchEnd(int step, Map<String, Double> logs) {
        if (!drawsAfter(step)) {
            return;
        }
        long now = System.nanoTime();
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        String timing = step < steps
                ? "ETA: " + seconds(elapsed / step * (steps - step))
                : seconds(elapsed) + " " + perStep(elapsed / step);
        out.print("\r" + bar(step) + " - " + timing + metrics(logs));
        out.flush();
        midLine = true;
    }

    /**
     * Whether {@link #batchEnd} would redraw after batch {@code step}: only on a terminal, at
     * verbose 1, at most every 50 ms and at the last batch. The loop builds the running logs
     * only for a redraw or a callback.
     */
    public boolean drawsAfter(int step) {
        return verbose == 1 && interactive && (step >= steps || System.nanoTime() - lastDraw >= REFRESH_NANOS);
    }

    /** Prints the epoch's final line with the validation results. */
    public void epochEnd(Map<String, Double> logs) {
        if (verbose == 0) {
            return;
        }
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        String line = verbose == 1
                ? bar(steps) + " - " + seconds(elapsed) + " " + perStep(elapsed / Math.max(1, steps)) + metrics(logs)
                : steps + "/" + steps + " - " + seconds(elapsed) + " - " + perStep(elapsed / Math.max(1, steps)) + metrics(logs);
        out.print(interactive && verbose == 1 ? "\r" + line + "\n" : line + "\n");
        out.flush();
        midLine = false;
    }

    /**
     * Prints a message on its own line (a stop reason, a warning), at verbose 1 and 2; a bar
     * being redrawn in place gets its line ended first, and the next redraw starts below.
     */
    public void message(String text) {
        if (verbose > 0) {
            if (midLine) {
                out.println();
                midLine = false;
            }
            out.println(text);
        }
    }

    private String bar(int step) {
        String count = String.valueOf(steps);
        String done = String.format(Locale.ROOT, "%" + count.length() + "d/%s", step, count);
        int filled = (int) ((long) WIDTH * step / Math.max(1, steps));
        StringBuilder b = new StringBuilder(done).append(" [");
        if (filled > 0) {
            b.append("=".repeat(filled - 1)).append(step < steps ? '>' : '=');
        }
        b.append(".".repeat(WIDTH - filled));
        return b.append(']').toString();
    }

    static String metrics(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            sb.append(" - ").append(e.getKey()).append(": ").append(value(e.getValue()));
        }
        return sb.toString();
    }

    private static String value(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e4)
                ? String.format(Locale.ROOT, "%.4e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String seconds(double s) {
        if (s < 60) {
            return Math.round(s) + "s";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }

    private static String perStep(double s) {
        if (s >= 1) {
            return Math.round(s) + "s/step";
        }
        if (s >= 1e-3) {
            return Math.round(s * 1e3) + "ms/step";
        }
        return Math.round(s * 1e6) + "us/step";
    }
}
