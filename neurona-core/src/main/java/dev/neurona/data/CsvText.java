package dev.neurona.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The first step of every CSV read: a file (or reader) into rows of trimmed cells, each with its
 * 1-based line. It checks that the path is a file, reads strict UTF-8 ({@link Utf8Input}), drops a
 * byte-order mark, skips blank lines, and turns commons-csv's parse errors (an unclosed quote,
 * text after a closing quote) into {@link DataFormatException}s that name the line.
 */
final class CsvText {

    /**
     * The rows of a file, never empty.
     *
     * @param source the file's name in messages
     * @param rows   the cells of each non-blank record
     * @param lines  each row's 1-based line in the file
     */
    record Rows(String source, List<String[]> rows, List<Long> lines) {
    }

    private static final Pattern UNCLOSED = Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token");
    private static final Pattern AFTER_QUOTE = Pattern.compile("\\(line (\\d+)\\) invalid char between encapsulated token");

    private CsvText() {
    }

    /** The rows of {@code file}, which must be UTF-8 text. */
    static Rows read(Path file, char delimiter) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new DataFormatException(source, "is a directory, not a CSV file; give the path of a file"
                    + csvFilesIn(file));
        }
        try (InputStream in = Files.newInputStream(file); Utf8Input text = new Utf8Input(in)) {
            return parse(text, source, delimiter);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("Csv: cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UncheckedIOException("Csv: cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Csv: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rows of text from {@code reader} (already decoded); a leading byte-order mark is dropped. */
    static Rows read(Reader reader, String source, char delimiter) {
        PushbackReader in = new PushbackReader(reader, 1);
        try {
            int first = in.read();
            if (first >= 0 && first != '\uFEFF') {
                in.unread(first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Csv: cannot read " + source + ": " + e.getMessage(), e);
        }
        return parse(in, source, delimiter);
    }

    private static Rows parse(Reader reader, String source, char delimiter) {
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        int blank = 0;
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).setIgnoreEmptyLines(true).build();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            long previous = 0;
            for (CSVRecord record : parser) {
                // the parser counts line breaks read; a last line without one is one past the previous
                long line = Math.max(parser.getCurrentLineNumber(), previous + 1);
                previous = line;
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    blank++;   // a line of spaces only
                    continue;
                }
                String[] cells = new String[record.size()];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = record.get(c);
                }
                rows.add(cells);
                lines.add(line);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw problem(source, e);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(source, blank > 0 ? "holds only blank lines: no rows to read"
                    : "the file is empty: no rows to read");
        }
        return new Rows(source, rows, lines);
    }

    /** A parse failure as an error naming the line; the reader's own failures come wrapped by commons-csv. */
    private static RuntimeException problem(String source, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Utf8Input.NotText notText) {
                return new DataFormatException(source, notText.line, null, notText.getMessage());
            }
        }
        if (e instanceof DataFormatException d) {
            return d;
        }
        Throwable io = e;
        while (!(io instanceof IOException) && io.getCause() != null) {
            io = io.getCause();
        }
        String message = String.valueOf(io.getMessage());
        Matcher unclosed = UNCLOSED.matcher(message);
        if (unclosed.find()) {
            return new DataFormatException(source, Long.parseLong(unclosed.group(1)), null, "a quoted cell starts on this "
                    + "line and is never closed: the file ends before its closing quote; close it (a quote inside a "
                    + "quoted cell is written twice, \"\")");
        }
        Matcher after = AFTER_QUOTE.matcher(message);
        if (after.find()) {
            return new DataFormatException(source, Long.parseLong(after.group(1)), null, "text follows a closing quote "
                    + "before the next delimiter; a quoted cell must end at a delimiter (a quote inside a quoted cell is "
                    + "written twice, \"\")");
        }
        if (io instanceof IOException && !(e instanceof IOException)) {
            return new UncheckedIOException("Csv: cannot read " + source + ": " + message, (IOException) io);
        }
        return new DataFormatException(source, "cannot parse as CSV: " + message);
    }

    /** {@code "; it holds a.csv, b.csv"} for the first CSV files in {@code dir}, or {@code ""}. */
    private static String csvFilesIn(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{csv,CSV,tsv,txt}")) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        if (names.isEmpty()) {
            return "";
        }
        names.sort(null);
        List<String> shown = names.subList(0, Math.min(3, names.size()));
        return " inside it, such as " + dir.resolve(shown.get(0)) + " (it holds " + String.join(", ", shown)
                + (names.size() > shown.size() ? ", …" : "") + ")";
    }
}
