package dev.neurona.data;

/**
 * A data file that cannot be read as its format says: a malformed IDX header, a truncated file, a
 * directory or text that is not UTF-8, an unclosed quote, a ragged CSV row, a repeated or unknown
 * column, a cell its column cannot hold ({@link CellValueException}). The message names the file
 * and, where they apply, the row (for CSV files the 1-based line) and column; they are also
 * available one by one.
 */
public class DataFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long row;
    private final String column;

    /**
     * A problem in {@code file} at {@code row} (1-based, {@code <= 0} when not about a row) and
     * {@code column} ({@code null} when not about a column).
     */
    public DataFormatException(String file, long row, String column, String problem) {
        super(file + (row > 0 ? ", row " + row : "") + (column != null ? ", column " + column : "") + ": " + problem);
        this.file = file;
        this.row = row;
        this.column = column;
    }

    /** A problem with {@code file} as a whole. */
    public DataFormatException(String file, String problem) {
        this(file, 0, null, problem);
    }

    /** The file (or source name) that holds the problem. */
    public String file() {
        return file;
    }

    /** The 1-based row (line) of the problem, or 0 when it is not about one row. */
    public long row() {
        return row;
    }

    /** The column of the problem ({@code 'name' (number)}), or {@code null}. */
    public String column() {
        return column;
    }
}
