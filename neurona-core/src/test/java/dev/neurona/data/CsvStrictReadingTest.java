package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV reading never misleads: every file that is not what a CSV read needs, and every cell that
 * its column cannot hold, is a {@link DataFormatException} naming the file, the line, the column
 * and the value; a numeric column never silently becomes a categorical one.
 */
class CsvStrictReadingTest {

    @TempDir
    Path dir;

    private static CsvData read(Csv csv, String text) {
        return csv.read(new StringReader(text), "test.csv");
    }

    private static DataFormatException error(ThrowingCallable call) {
        return catchThrowableOfType(call, DataFormatException.class);
    }

    private static CellValueException cellError(ThrowingCallable call) {
        return catchThrowableOfType(call, CellValueException.class);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- the file itself

    @Test
    void aDirectoryIsRejectedNamingItAndAFileInside() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("data"));
        DataFormatException empty = error(() -> new Csv().read(folder));
        assertThat(empty.file()).isEqualTo(folder.toString());
        assertThat(empty.getMessage()).isEqualTo(folder + ": is a directory, not a CSV file; give the path of a file");
        Files.writeString(folder.resolve("train.csv"), "a,y\n1,2\n");
        assertThat(error(() -> new Csv().read(folder)).getMessage())
                .contains("is a directory").contains("such as " + folder.resolve("train.csv"));
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> new Csv().read(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("Csv: cannot read " + missing + ": no such file");
    }

    @Test
    void aLatin1FileIsNotUtf8TextNamingTheByteOffsetAndLine() throws Exception {
        String before = "name,price\ncaf";
        Path file = write("latin1.csv", (before + "é,3\nthé,4\n").getBytes(StandardCharsets.ISO_8859_1));
        DataFormatException e = error(() -> Csv.read(file, "price"));
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.row()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo(file + ", row 2: not UTF-8 text: byte 0xE9 at byte offset " + before.length()
                + " (line 2) is not valid UTF-8; save the file as UTF-8 (it may be in Latin-1 or Windows-1252)");
    }

    @Test
    void aBadByteFarIntoALargeFileIsFoundAtItsOffset() throws Exception {
        StringBuilder text = new StringBuilder("a,y\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",1\n");     // well past one 64 KB buffer
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 4];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = '7';
        bytes[good.length + 1] = (byte) 0xFF;
        bytes[good.length + 2] = ',';
        bytes[good.length + 3] = '1';
        DataFormatException e = error(() -> new Csv().read(write("big.csv", bytes)));
        assertThat(e.getMessage()).contains("byte 0xFF at byte offset " + (good.length + 1) + " (line 20002)");
        assertThat(e.row()).isEqualTo(20_002);
    }

    @Test
    void randomBytesAreNotUtf8Text() throws Exception {
        byte[] noise = new byte[4096];
        new Random(14).nextBytes(noise);
        DataFormatException e = error(() -> new Csv().read(write("noise.bin", noise)));
        assertThat(e.getMessage()).contains("noise.bin").contains("not UTF-8 text").contains("save the file as UTF-8");
        assertThat(e.row()).isPositive();
    }

    @Test
    void binaryDataAndUtf16TextAreNotUtf8Text() throws Exception {
        DataFormatException nul = error(() -> new Csv().read(write("nul.csv", "a,y\n1,2\n3\u00004,5\n")));
        assertThat(nul.getMessage()).contains("nul.csv, row 3: not UTF-8 text: line 3 holds a NUL byte");
        Path utf16 = write("utf16.csv", "a,y\n1,2\n".getBytes(StandardCharsets.UTF_16));   // with a byte-order mark
        assertThat(error(() -> new Csv().read(utf16)).getMessage())
                .contains("not UTF-8 text: it starts with the byte-order mark of UTF-16 (bytes 0xFE 0xFF)");
    }

    @Test
    void anUnterminatedQuoteNamesTheLineWhereItOpens() throws Exception {
        Path file = write("quote.csv", "a,b,y\n1,2,3\n4,\"5,6\n7,8,9\n");
        DataFormatException e = error(() -> new Csv().read(file));
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith(file + ", row 3: a quoted cell starts on this line and is never closed")
                .contains("written twice, \"\"");
        assertThat(error(() -> read(new Csv(), "a,y\n\"1\"x,2\n")).getMessage())
                .startsWith("test.csv, row 2: text follows a closing quote");
    }

    @Test
    void aFileOfBlankLinesHasNoRowsAndBlankLinesAmongRowsAreSkipped() throws Exception {
        Path blank = write("blank.csv", "\n   \n\t\n\n");
        assertThat(error(() -> new Csv().read(blank)).getMessage())
                .isEqualTo(blank + ": holds only blank lines: no rows to read");
        CsvData d = read(new Csv(), "a,y\n1,2\n   \n3,4\n");
        assertThat(d.x().toArray()).containsExactly(1, 3);
        assertThat(d.lines()).containsExactly(2, 4);
    }

    // ---------------------------------------------------------------- the header

    @Test
    void aByteOrderMarkIsDroppedSoTheFirstColumnCanBeTheTarget() throws Exception {
        byte[] text = "price,size\n10,1\n20,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[text.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bom, 3, text.length);
        CsvData d = Csv.read(write("bom.csv", bom), "price");
        assertThat(d.targetNames()).containsExactly("price");
        assertThat(d.featureNames()).containsExactly("size");
        assertThat(d.y().toArray()).containsExactly(10, 20);
        // a reader's text may start with the mark too
        assertThat(read(new Csv().target("price"), "\uFEFFprice,size\n1,2\n").targetNames()).containsExactly("price");
    }

    @Test
    void anUnknownColumnShowsInvisibleCharactersAndTheNearestName() {
        DataFormatException e = error(() -> read(new Csv().target("price"), "size,pri\u200Bce\n1,2\n"));
        assertThat(e.getMessage()).isEqualTo("test.csv, row 1, column 'price': unknown target column; the columns are "
                + "[size, pri\\u200Bce]; did you mean 'pri\\u200Bce'?");
        assertThat(error(() -> read(new Csv().target("Price"), "size,price\n1,2\n")).getMessage())
                .endsWith("did you mean 'price'?");
    }

    @Test
    void repeatedHeaderNamesAreAnError() {
        DataFormatException e = error(() -> read(new Csv(), "a,b,a,y\n1,2,3,4\n"));
        assertThat(e.row()).isEqualTo(1);
        assertThat(e.column()).isEqualTo("'a' (3)");
        assertThat(e.getMessage()).isEqualTo("test.csv, row 1, column 'a' (3): the header repeats the name 'a' of "
                + "column 1; column names must be distinct, so rename one of them");
    }

    // ---------------------------------------------------------------- numbers

    @Test
    void aNumberIsAPlainDecimalNumber() {
        for (String yes : new String[] {"3", "-0.5", "+.5", "5.", "1e-3", "+2E+10", "007"}) {
            assertThat(CsvCells.isNumber(yes)).as(yes).isTrue();
        }
        for (String no : new String[] {"", "+", "-", ".", "e5", "1e", "1e+", "0x10", "1d", "1f", "1.2.3", "1 ", "--1",
                "Infinity", "NaN", "1,5", "١"}) {
            assertThat(CsvCells.isNumber(no)).as(no).isFalse();
        }
    }

    @Test
    void numbersBeyondFloatRangeAreErrorsNotInfinity() {
        for (String big : new String[] {"1e39", "1e400", "-3.5e38"}) {
            CellValueException e = cellError(() -> read(new Csv(), "a,y\n1,0\n" + big + ",1\n2,0\n"));
            assertThat(e).as(big).isNotNull();
            assertThat(e.row()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("'a' (1)");
            assertThat(e.value()).isEqualTo(big);
            assertThat(e.getMessage()).isEqualTo("test.csv, row 3, column 'a' (1): '" + big + "' is beyond the range of "
                    + "a 32-bit float (±" + Float.MAX_VALUE + "); rescale the column, such as by writing it in larger units");
        }
        // the largest float and a tiny number (which becomes 0 in a float) are fine
        CsvData d = read(new Csv(), "a,y\n3.4028234e38,0\n1e-50,1\n");
        assertThat(d.x().toArray()).containsExactly(Float.MAX_VALUE, 0f);
    }

    @Test
    void aQuotedDecimalCommaIsAnErrorWithAHintNotACategory() {
        CellValueException one = cellError(() -> read(new Csv(), "a,y\n2.5,0\n\"1,5\",1\n3,0\n"));
        assertThat(one.row()).isEqualTo(3);
        assertThat(one.value()).isEqualTo("1,5");
        assertThat(one.categoricalHelps()).isFalse();
        assertThat(one.getMessage()).isEqualTo("test.csv, row 3, column 'a' (1): '1,5' is not a number: it looks like a "
                + "decimal comma; write 1.5");
        // a whole column of decimal commas is still numeric, not one category per value
        assertThat(cellError(() -> read(new Csv(), "a,y\n\"1,5\",0\n\"2,25\",1\n")).getMessage())
                .startsWith("test.csv, row 2, column 'a' (1): '1,5' is not a number: it looks like a decimal comma");
        assertThat(cellError(() -> read(new Csv(), "a,y\n\"1,500\",0\n2,1\n")).getMessage())
                .endsWith("it looks like a thousands separator or a decimal comma; write 1500 or 1.500");
    }

    @Test
    void oneInfinityAmongNumbersIsAnErrorNamingTheCell() {
        CellValueException e = cellError(() -> read(new Csv(), "a,b,y\n1,2,0\n3,Infinity,1\n5,6,0\n7,8,1\n"));
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("'b' (2)");
        assertThat(e.value()).isEqualTo("Infinity");
        assertThat(e.getMessage()).isEqualTo("test.csv, row 3, column 'b' (2): 'Infinity' is not a finite number; write a "
                + "finite value, or leave the cell empty (or NA) to mark it missing");
        assertThat(cellError(() -> read(new Csv(), "a,y\n-inf,0\n1,1\n")).value()).isEqualTo("-inf");
    }

    @Test
    void oneWordAmongNumbersIsAnErrorWithTheColumnsCounts() {
        CellValueException e = cellError(() -> read(new Csv(), "a,b,y\n1,2,0\n3,4,1\n5,five,0\n7,8,1\n"));
        assertThat(e.row()).isEqualTo(4);
        assertThat(e.column()).isEqualTo("'b' (2)");
        assertThat(e.columnName()).isEqualTo("b");
        assertThat(e.value()).isEqualTo("five");
        assertThat(e.categoricalHelps()).isTrue();
        assertThat(e.getMessage()).isEqualTo("test.csv, row 4, column 'b' (2): 'five' is not a number; the column is "
                + "numeric (3 of its 4 values are numbers); name it in categorical(...) if it holds categories");
        // the first word counts, even where it is the column's first cell
        assertThat(cellError(() -> read(new Csv(), "a,y\nfive,0\n1,1\n2,0\n")).row()).isEqualTo(2);
        // advice can be replaced, the rest stays
        assertThat(e.withAdvice("use --categorical b").getMessage()).endsWith("are numbers); use --categorical b");
    }

    @Test
    void aMostlyTextColumnStaysCategorical() {
        CsvData d = read(new Csv(), "colour,y\nred,0\nblue,1\n3,0\nred,1\n");
        assertThat(d.featureNames()).containsExactly("colour=3", "colour=blue", "colour=red");
        assertThat(d.x().toArray2d()[2]).containsExactly(1, 0, 0);
    }

    @Test
    void theUserDecidesAColumnsType() {
        CsvData zip = read(new Csv().categorical("zip"), "zip,y\n1000,1\n2000,0\n1000,1\n");
        assertThat(zip.featureNames()).containsExactly("zip=1000", "zip=2000");
        assertThat(zip.schema().columns().get(0).type()).isEqualTo(TableSchema.Type.CATEGORICAL);
        // a forced categorical column accepts what a numeric one refuses
        assertThat(read(new Csv().categorical("a"), "a,y\n\"1,5\",0\nInfinity,1\n").featureNames())
                .containsExactly("a=1,5", "a=Infinity");
        CellValueException forced = cellError(() -> read(new Csv().numeric("code"), "code,y\nx1,0\nx2,1\n3,0\n"));
        assertThat(forced.getMessage()).isEqualTo("test.csv, row 2, column 'code' (1): 'x1' is not a number; the column "
                + "is named numeric");
        assertThat(forced.categoricalHelps()).isFalse();
        assertThat(error(() -> read(new Csv().categorical("a").numeric("a"), "a,y\n1,2\n")).getMessage())
                .isEqualTo("test.csv, row 1, column 'a' (1): is named both categorical and numeric; name it in only one "
                        + "of them");
        assertThat(error(() -> read(new Csv().numeric("b"), "a,y\n1,2\n")).getMessage())
                .contains("column 'b': unknown column named numeric; the columns are [a, y]");
    }

    @Test
    void nanIsAMissingValueUnlessTheMarkersSayOtherwise() {
        MissingValueException missing = catchThrowableOfType(() -> read(new Csv(), "a,y\n1,0\nNaN,1\n"),
                MissingValueException.class);
        assertThat(missing.row()).isEqualTo(3);
        assertThat(missing.value()).isEqualTo("NaN");
        assertThat(read(new Csv().missing(Csv.Missing.MEAN), "a,y\n1,0\nNaN,1\n3,0\n").x().toArray())
                .containsExactly(1, 2, 3);
        CellValueException nan = cellError(() -> read(new Csv().missingMarkers(""), "a,y\n1,0\nNaN,1\n"));
        assertThat(nan.getMessage()).startsWith("test.csv, row 3, column 'a' (1): 'NaN' is not a finite number");
    }

    // ---------------------------------------------------------------- a new file read with a schema

    @Test
    void readingWithASchemaIsJustAsStrict() throws Exception {
        TableSchema schema = read(new Csv().target("y"), "a,colour,y\n1,red,0\n2,blue,1\n").schema();
        Csv withSchema = new Csv().schema(schema);
        CellValueException comma = cellError(() -> read(withSchema, "a,colour,y\n\"1,5\",red,0\n"));
        assertThat(comma.getMessage()).isEqualTo("test.csv, row 2, column 'a' (1): '1,5' is not a number: it looks like "
                + "a decimal comma; write 1.5");
        assertThat(cellError(() -> read(withSchema, "colour,a\nred,1e39\n")).getMessage())
                .startsWith("test.csv, row 2, column 'a' (2): '1e39' is beyond the range of a 32-bit float");
        assertThat(cellError(() -> read(withSchema, "colour,a\nred,Infinity\n")).value()).isEqualTo("Infinity");
        assertThat(cellError(() -> read(withSchema, "a,colour\nfive,red\n")).getMessage())
                .isEqualTo("test.csv, row 2, column 'a' (1): 'five' is not a number; the model reads 'a' as a numeric "
                        + "column");
        assertThat(error(() -> read(withSchema, "a,colour,a\n1,red,2\n")).getMessage())
                .contains("the header repeats the name 'a' of column 1");
        assertThat(read(new Csv().schema(schema).noTarget(), "\uFEFFa,colour\n3,blue\n").x().toArray()).containsExactly(3, 1, 0);
        Path latin1 = write("new.csv", "a,colour\n1,r\u00f6d\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(error(() -> withSchema.read(latin1)).getMessage()).contains("row 2: not UTF-8 text: byte 0xF6");
        assertThat(error(() -> read(withSchema, "size,colour\n1,red\n")).getMessage())
                .contains("has no column 'a', which the model needs");
    }

    @Test
    void aSchemaNeedsDistinctColumnNames() {
        assertThatThrownBy(() -> new TableSchema(java.util.List.of(TableSchema.Column.numeric("a"),
                TableSchema.Column.numeric("a")), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column names must be distinct, got 'a' twice");
    }
}
