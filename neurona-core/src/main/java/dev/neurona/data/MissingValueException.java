package dev.neurona.data;

/**
 * A missing cell ({@code NA}, an empty cell, …) where the reader was told to fail on one, or in a
 * target column. The message ends with advice on how to handle it; a caller with its own way of
 * choosing the handling (a command-line flag, say) gives its own with {@link #withAdvice}.
 */
public final class MissingValueException extends DataFormatException {

    private static final long serialVersionUID = 1L;

    private final String value;
    private final boolean inTarget;

    /**
     * A missing {@code value} in {@code file} at {@code row} (1-based line) and {@code column}.
     *
     * @param inTarget whether the column is a target (which is never filled in)
     * @param advice   what to do about it, such as {@code "use --missing drop"}
     */
    public MissingValueException(String file, long row, String column, String value, boolean inTarget, String advice) {
        super(file, row, column, "missing value ('" + value + "')" + (inTarget ? " in the target" : "") + "; " + advice);
        this.value = value;
        this.inTarget = inTarget;
    }

    /** The error with the advice for Java callers: the {@link Csv#missing} settings to use. */
    static MissingValueException forJava(String file, long row, String column, String value, boolean inTarget) {
        return new MissingValueException(file, row, column, value, inTarget, inTarget
                ? "use missing(Csv.Missing.DROP) to drop such rows"
                : "use missing(Csv.Missing.DROP) or missing(Csv.Missing.MEAN) to handle it");
    }

    /** The cell as written (empty, {@code NA}, …). */
    public String value() {
        return value;
    }

    /** Whether the cell is in a target column. */
    public boolean inTarget() {
        return inTarget;
    }

    /** The same error with other advice. */
    public MissingValueException withAdvice(String advice) {
        MissingValueException e = new MissingValueException(file(), row(), column(), value, inTarget, advice);
        e.initCause(this);
        return e;
    }
}
