package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    private static CsvData read(Csv csv, String text) {
        return csv.read(new StringReader(text), "test.csv");
    }

    private static DataFormatException error(ThrowingCallable call) {
        return (DataFormatException) org.assertj.core.api.Assertions.catchThrowable(call);
    }

    @Test
    void readsHeaderNumbersCategoriesAndStringTarget(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flowers.csv");
        Files.writeString(file, """
                length,width,colour,species
                5.1,3.5,red,setosa
                7.0,3.2,blue,versicolor

                6.3,3.3,red,virginica
                4.9,3.0,green,setosa
                """);
        CsvData d = Csv.read(file, "species");
        assertThat(d.featureNames()).containsExactly("length", "width", "colour=blue", "colour=green", "colour=red");
        assertThat(d.targetNames()).containsExactly("species");
        assertThat(d.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.x().shape()).containsExactly(4, 5);
        assertThat(d.x().toArray2d()[0]).containsExactly(5.1f, 3.5f, 0, 0, 1);
        assertThat(d.y().toArray()).containsExactly(0, 1, 2, 0);
        assertThat(d.dataset().size()).isEqualTo(4);

        CsvData hot = new Csv().target("species").oneHotTarget(true).read(file);
        assertThat(hot.y().shape()).containsExactly(4, 3);
    }

    @Test
    void detectsAbsentHeaderAndSelectsTargetsByIndex() {
        CsvData d = read(new Csv(), "1,2,3\n4,5,6\n");
        assertThat(d.x().toArray()).containsExactly(1, 2, 4, 5);
        assertThat(d.y().toArray()).containsExactly(3, 6);
        assertThat(d.featureNames()).containsExactly("column 1", "column 2");

        CsvData two = read(new Csv().targetColumns(0, -1), "a,b,c\n1,2,3\n4,5,6\n");
        assertThat(two.y().shape()).containsExactly(2, 2);
        assertThat(two.y().toArray()).containsExactly(1, 3, 4, 6);
        assertThat(two.x().toArray()).containsExactly(2, 5);

        CsvData none = read(new Csv().noTarget().delimiter(';'), "a;b\n1;2\n");
        assertThat(none.y()).isNull();
        assertThat(none.x().toArray()).containsExactly(1, 2);
        assertThatThrownBy(none::dataset).hasMessageContaining("without a target");

        CsvData forced = read(new Csv().header(false), "1,2\n3,4\n");
        assertThat(forced.x().shape()).containsExactly(2, 1);
    }

    @Test
    void missingValuesErrorByDefaultOrAreDroppedOrImputed() {
        String text = "a,b,c,y\n1,x,NA,0\n3,,5,1\n5,x,7,1\n";
        DataFormatException e = error(() -> read(new Csv(), text));
        assertThat(e.getMessage()).contains("test.csv, row 2, column 'c' (3): missing value ('NA')");
        assertThat(e.row()).isEqualTo(2);
        assertThat(e.file()).isEqualTo("test.csv");

        CsvData dropped = read(new Csv().missing(Csv.Missing.DROP), text);
        assertThat(dropped.droppedRows()).isEqualTo(2);
        assertThat(dropped.x().toArray()).containsExactly(5, 1, 7);

        CsvData mean = read(new Csv().missing(Csv.Missing.MEAN), text);
        assertThat(mean.x().toArray2d()[0]).containsExactly(1, 1, 6);   // c filled with mean(5, 7); b with its mode x
        assertThat(mean.x().toArray2d()[1]).containsExactly(3, 1, 5);
        assertThatThrownBy(() -> read(new Csv().missing(Csv.Missing.MEAN), "a,y\n1,\n2,3\n"))
                .hasMessageContaining("row 2, column 'y' (2): missing value").hasMessageContaining("in the target");
    }

    @Test
    void badFilesNameFileRowAndColumn(@TempDir Path dir) throws Exception {
        // the last line has no line break; a quoted cell may hold the delimiter
        assertThat(error(() -> read(new Csv(), "a,b,y\n\"1\",2,3\n4,\"x,y\",6")).getMessage())
                .startsWith("test.csv, row 3, column 'b' (2): 'x,y' is not a number");
        assertThat(error(() -> read(new Csv(), "a,b,y\n1,2,3\n4,5\n")).getMessage())
                .isEqualTo("test.csv, row 3: has 2 fields but the header has 3");
        DataFormatException notNumber = error(() -> read(new Csv(), "a,b,y\n1,2,3\n4,five,6\n"));
        assertThat(notNumber.getMessage()).startsWith("test.csv, row 3, column 'b' (2): 'five' is not a number");
        assertThat(notNumber.column()).isEqualTo("'b' (2)");
        assertThat(error(() -> read(new Csv().target("price"), "a,b\n1,2\n")).getMessage())
                .contains("'price'").contains("unknown target column").contains("[a, b]");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThat(error(() -> new Csv().read(empty)).getMessage()).isEqualTo(empty + ": the file is empty: no rows to read");
        assertThat(error(() -> read(new Csv(), "a,b\n")).getMessage()).contains("no data rows");
        assertThat(error(() -> read(new Csv().target("y"), "1,2\n3,4\n")).getMessage()).contains("no header row");
        assertThat(error(() -> read(new Csv().targetColumns(5), "1,2\n3,4\n")).getMessage()).contains("outside the 2 columns");
        // a number-looking column declared categorical is one-hot encoded
        CsvData cat = read(new Csv().categorical("zip"), "zip,y\n1000,1\n2000,0\n1000,1\n");
        assertThat(cat.featureNames()).containsExactly("zip=1000", "zip=2000");
    }
}
