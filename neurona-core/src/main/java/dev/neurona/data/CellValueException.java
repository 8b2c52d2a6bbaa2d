package dev.neurona.data;

/**
 * A CSV cell that its column cannot hold: a word in a numeric column, a decimal comma
 * ({@code 1,5}), an infinity, a number beyond the range of a float. The message names the file,
 * the row (the 1-based line), the column and the value, and ends with advice; a caller with its
 * own way of declaring a column categorical (a command-line flag, say) gives its own advice with
 * {@link #withAdvice}.
 */
public final class CellValueException extends DataFormatException {

    private static final long serialVersionUID = 1L;

    private final String columnName;
    private final String value;
    private final String problem;
    private final boolean categoricalHelps;

    /**
     * A bad {@code value} in {@code file} at {@code row} (1-based line) and {@code column}
     * ({@code 'name' (number)}).
     *
     * @param columnName       the column's name as the file writes it
     * @param problem          what is wrong, such as {@code "'five' is not a number"}
     * @param categoricalHelps whether reading the column as categorical would accept the value
     *                         (a word in a column typed numeric from its values)
     * @param advice           what to do about it, or {@code ""}
     */
    public CellValueException(String file, long row, String column, String columnName, String value, String problem,
                              boolean categoricalHelps, String advice) {
        super(file, row, column, problem + (advice.isEmpty() ? "" : "; " + advice));
        this.columnName = columnName;
        this.value = value;
        this.problem = problem;
        this.categoricalHelps = categoricalHelps;
    }

    /** The column's name as the file writes it ({@code "column 3"} in a file without a header). */
    public String columnName() {
        return columnName;
    }

    /** The cell as written. */
    public String value() {
        return value;
    }

    /** Whether declaring the column categorical would accept the cell (it holds a word among numbers). */
    public boolean categoricalHelps() {
        return categoricalHelps;
    }

    /** The same error with other advice ({@code ""} for none). */
    public CellValueException withAdvice(String advice) {
        CellValueException e = new CellValueException(file(), row(), column(), columnName, value, problem,
                categoricalHelps, advice);
        e.initCause(this);
        return e;
    }
}
