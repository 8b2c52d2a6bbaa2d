package dev.neurona.data;

import dev.neurona.names.Names;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a file's rows: whether the first row is a header, the column names (distinct),
 * a width every row must have, and, for a read without a schema, each column's type. A column is
 * categorical when most of its non-missing cells are text, or when the caller says so; a bad cell
 * in a numeric column is then an error ({@link #badCell}), never a reason to change the type.
 */
final class CsvColumns {

    /** How many rows below the first the header detection looks at. */
    private static final int SNIFF_ROWS = 20;

    final String source;
    final List<String[]> rows;
    final List<Long> lines;
    final boolean hasHeader;
    /** The index in {@link #rows} of the first data row. */
    final int first;
    final int width;
    final String[] names;
    private int[] numbers;
    private int[] texts;
    private boolean[] forced;

    /**
     * The columns of {@code raw}, its first row a header or not.
     *
     * @throws DataFormatException for a repeated header name, a header without data rows, or a row
     *         whose number of fields differs from the first row's
     */
    CsvColumns(CsvText.Rows raw, boolean hasHeader) {
        this.source = raw.source();
        this.rows = raw.rows();
        this.lines = raw.lines();
        this.hasHeader = hasHeader;
        this.first = hasHeader ? 1 : 0;
        this.width = rows.get(0).length;
        this.names = new String[width];
        for (int c = 0; c < width; c++) {
            names[c] = hasHeader ? rows.get(0)[c] : "column " + (c + 1);
        }
        if (hasHeader) {
            requireDistinctNames();
        }
        if (rows.size() == first) {
            throw new DataFormatException(source, "the file has a header but no data rows");
        }
        for (int r = first; r < rows.size(); r++) {
            if (rows.get(r).length != width) {
                throw new DataFormatException(source, lines.get(r), null, "has " + rows.get(r).length + " fields but the "
                        + (hasHeader ? "header" : "first row") + " has " + width);
            }
        }
    }

    /**
     * Whether the first row is a header: one of its cells is text where the rows below hold
     * numbers, or every cell is text and none recurs below (a category would).
     */
    static boolean detectHeader(List<String[]> rows, Set<String> missingMarkers) {
        String[] top = rows.get(0);
        int below = Math.min(rows.size(), 1 + SNIFF_ROWS);
        boolean allText = true;
        for (int c = 0; c < top.length; c++) {
            if (CsvCells.looksNumeric(top[c]) || missingMarkers.contains(top[c])) {
                allText = false;
                continue;
            }
            for (int r = 1; r < below; r++) {
                if (c < rows.get(r).length && CsvCells.looksNumeric(rows.get(r)[c])) {
                    return true;   // text above numbers: a column name
                }
            }
        }
        if (!allText) {
            return false;
        }
        for (int c = 0; c < top.length; c++) {
            for (int r = 1; r < below; r++) {
                if (c < rows.get(r).length && rows.get(r)[c].equals(top[c])) {
                    return false;  // the value recurs: a category, not a name
                }
            }
        }
        return true;
    }

    private void requireDistinctNames() {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < width; c++) {
            Integer before = seen.putIfAbsent(names[c], c);
            if (before != null) {
                throw new DataFormatException(source, lines.get(0), label(c), "the header repeats the name "
                        + CsvCells.quote(names[c]) + " of column " + (before + 1) + "; column names must be distinct, "
                        + "so rename one of them");
            }
        }
    }

    /** The column in messages: {@code 'price' (3)}, or {@code 3} in a file without a header. */
    String label(int c) {
        return hasHeader ? CsvCells.quote(names[c]) + " (" + (c + 1) + ")" : String.valueOf(c + 1);
    }

    /** The index of the column named {@code name}; {@code what} says why it was named, for the error. */
    int index(String name, String what) {
        int c = Arrays.asList(names).indexOf(name);
        if (c < 0) {
            String near = Names.closest(name, Arrays.asList(names));
            throw new DataFormatException(source, lines.get(0), CsvCells.quote(name), "unknown " + what
                    + "; the columns are " + CsvCells.shownAll(Arrays.asList(names))
                    + (near != null ? "; did you mean " + CsvCells.quote(near) + "?" : ""));
        }
        return c;
    }

    /**
     * Each column's type, {@code true} for categorical: the named columns as named, every other
     * by its cells (categorical when text outnumbers numbers).
     */
    boolean[] types(Set<String> categorical, Set<String> numeric, Set<String> missingMarkers) {
        boolean[] kind = new boolean[width];
        forced = new boolean[width];
        for (String name : categorical) {
            int c = index(name, "column named categorical");
            kind[c] = true;
            forced[c] = true;
        }
        for (String name : numeric) {
            int c = index(name, "column named numeric");
            if (kind[c]) {
                throw new DataFormatException(source, lines.get(0), label(c), "is named both categorical and numeric; "
                        + "name it in only one of them");
            }
            forced[c] = true;
        }
        numbers = new int[width];
        texts = new int[width];
        for (int r = first; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < width; c++) {
                String v = row[c];
                if (missingMarkers.contains(v)) {
                    continue;
                }
                if (CsvCells.looksNumeric(v)) {
                    numbers[c]++;
                } else {
                    texts[c]++;
                }
            }
        }
        for (int c = 0; c < width; c++) {
            if (!forced[c]) {
                kind[c] = texts[c] > numbers[c];
            }
        }
        return kind;
    }

    /**
     * The error for cell {@code (r, c)} of a numeric column ({@code r} an index in {@link #rows}),
     * which {@link CsvCells#problem} rejects: with the column's counts and advice where the cell
     * is a word among numbers.
     */
    CellValueException badCell(int r, int c, String problem, Set<String> missingMarkers) {
        String v = rows.get(r)[c];
        boolean text = CsvCells.kind(v, missingMarkers) == CsvCells.Kind.TEXT;
        if (!text) {
            return new CellValueException(source, lines.get(r), label(c), names[c], v, problem, false, "");
        }
        if (forced[c]) {
            return new CellValueException(source, lines.get(r), label(c), names[c], v, problem
                    + "; the column is named numeric", false, "");
        }
        int total = numbers[c] + texts[c];
        return new CellValueException(source, lines.get(r), label(c), names[c], v, problem + "; the column is numeric ("
                + numbers[c] + " of its " + total + " values are numbers)", true,
                "name it in categorical(...) if it holds categories");
    }
}
