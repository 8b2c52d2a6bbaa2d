package dev.neurona.data;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one CSV cell holds, and numbers read strictly: the rules that every CSV read shares,
 * with or without a {@link TableSchema}. A numeric cell must be a plain decimal number
 * ({@code 3}, {@code -0.5}, {@code 1e-3}) within the range of a 32-bit float; a decimal comma,
 * an infinity, a {@code NaN} that is not a missing marker and a number beyond ±3.4e38 are
 * numbers the reader refuses rather than changes.
 */
final class CsvCells {

    /** How a cell counts when a column's type is decided. */
    enum Kind {
        /** One of the missing markers. */
        MISSING,
        /** A decimal number that fits a float. */
        NUMBER,
        /** Meant as a number but not readable as one: a decimal comma, an infinity, NaN, beyond float range. */
        BAD_NUMBER,
        /** Anything else: a word, a category. */
        TEXT
    }

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?(\\d+,\\d*|,\\d+)([eE][+-]?\\d+)?");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private CsvCells() {
    }

    /**
     * Whether {@code s} is written as a decimal number (whatever its size):
     * {@code [+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?}. A scan, not a regular
     * expression, since it runs for every cell.
     */
    static boolean isNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The kind of {@code cell} given the missing markers. */
    static Kind kind(String cell, Set<String> missingMarkers) {
        if (missingMarkers.contains(cell)) {
            return Kind.MISSING;
        }
        if (isNumber(cell)) {
            return fitsFloat(Double.parseDouble(cell)) ? Kind.NUMBER : Kind.BAD_NUMBER;
        }
        return DECIMAL_COMMA.matcher(cell).matches() || NON_FINITE.matcher(cell).matches() ? Kind.BAD_NUMBER : Kind.TEXT;
    }

    /** Whether {@code cell} is a number or meant as one (for header detection and column typing). */
    static boolean looksNumeric(String cell) {
        return isNumber(cell) || DECIMAL_COMMA.matcher(cell).matches() || NON_FINITE.matcher(cell).matches();
    }

    private static boolean fitsFloat(double v) {
        return Float.isFinite((float) v);
    }

    /**
     * Why a non-missing cell of a numeric column cannot be read as a float, or {@code null} when
     * it can ({@link #value} then gives it). A plain word gives {@code "'five' is not a number"};
     * the caller adds what it knows about the column.
     */
    static String problem(String cell) {
        if (isNumber(cell)) {
            return fitsFloat(Double.parseDouble(cell)) ? null : quote(cell) + " is beyond the range of a 32-bit float (±"
                    + Float.MAX_VALUE + "); rescale the column, such as by writing it in larger units";
        }
        if (THOUSANDS.matcher(cell).matches()) {
            String digits = cell.replace(",", "");
            return quote(cell) + " is not a number: it looks like a thousands separator or a decimal comma; write "
                    + digits + " or " + cell.replace(',', '.');
        }
        if (DECIMAL_COMMA.matcher(cell).matches()) {
            return quote(cell) + " is not a number: it looks like a decimal comma; write " + cell.replace(',', '.');
        }
        if (NON_FINITE.matcher(cell).matches()) {
            return quote(cell) + " is not a finite number; write a finite value, or leave the cell empty (or NA) to mark "
                    + "it missing";
        }
        return quote(cell) + " is not a number";
    }

    /**
     * The value of a non-missing cell of a numeric column, or NaN when it is not a number that fits
     * a float ({@link #problem} then says why).
     */
    static double value(String cell) {
        if (!isNumber(cell)) {
            return Double.NaN;
        }
        double v = Double.parseDouble(cell);
        return fitsFloat(v) ? v : Double.NaN;
    }

    /** {@code s} in single quotes, as {@link #shown} writes it. */
    static String quote(String s) {
        return "'" + shown(s) + "'";
    }

    /**
     * {@code s} with the characters that do not show (controls, format characters such as a
     * byte-order mark or a zero-width space, unusual spaces) written as {@code \}{@code uXXXX}.
     */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            int type = Character.getType(ch);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || (type == Character.SPACE_SEPARATOR && ch != ' ');
            if (hidden) {
                sb.append(String.format("\\u%04X", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The names as {@link #shown} writes them, in a list: {@code [a, b]}. */
    static String shownAll(java.util.Collection<String> names) {
        StringBuilder sb = new StringBuilder("[");
        int i = 0;
        for (String n : names) {
            sb.append(i++ == 0 ? "" : ", ").append(shown(n));
        }
        return sb.append(']').toString();
    }
}
