package dev.neurona.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    @Test
    void sizesAreWrittenInBytesKilobytesAndMegabytes() {
        assertThat(SummaryTable.bytes(0)).isEqualTo("0 B");
        assertThat(SummaryTable.bytes(512)).isEqualTo("512 B");
        assertThat(SummaryTable.bytes(1023)).isEqualTo("1023 B");
        assertThat(SummaryTable.bytes(1024)).isEqualTo("1 KB");
        assertThat(SummaryTable.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(SummaryTable.bytes(19_752)).isEqualTo("19.29 KB");       // 19,752 / 1,024 = 19.289…
        assertThat(SummaryTable.bytes(814_120)).isEqualTo("795.04 KB");     // Keras's figure for 203,530 params
        assertThat(SummaryTable.bytes(1024 * 1024 - 4)).isEqualTo("1 MB");  // 1023.996 KB would read "1024 KB"
        assertThat(SummaryTable.bytes(3 * 1024 * 1024 / 2)).isEqualTo("1.5 MB");
        assertThat(SummaryTable.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5 GB");
        assertThatThrownBy(() -> SummaryTable.bytes(-1)).hasMessageContaining("negative").hasMessageContaining("-1");
    }

    @Test
    void countsGiveTheFloat32Size() {
        assertThat(SummaryTable.count(0)).isEqualTo("0 (0 B)");
        assertThat(SummaryTable.count(128)).isEqualTo("128 (512 B)");
        assertThat(SummaryTable.count(203_530)).isEqualTo("203,530 (795.04 KB)");
    }

    @Test
    void shortLabelsKeepKerasColumnWidths() {
        String text = new SummaryTable("sequential").row("dense_1 (Dense)", "(None, 10)", 50).format(50, 0);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(1)).hasSize(65);
        assertThat(lines).contains(" Layer (type)                Output Shape              Param #   ",
                " dense_1 (Dense)             (None, 10)                50        ");
    }

    @Test
    void aLongLabelWidensItsColumnForEveryRow() {
        String longName = "a_very_long_layer_name_from_a_keras_file (Dense)";
        String text = new SummaryTable("sequential")
                .row(longName, "(None, 64)", 4_160)
                .row("dense_2 (Dense)", "(None, 10)", 650)
                .format(4_810, 0);
        List<String> lines = text.lines().toList();
        String header = lines.get(2);
        String first = lines.stream().filter(l -> l.startsWith(" a_very")).findFirst().orElseThrow();
        String second = lines.stream().filter(l -> l.startsWith(" dense_2")).findFirst().orElseThrow();
        int shapeColumn = header.indexOf("Output Shape");
        assertThat(shapeColumn).isEqualTo(1 + longName.length() + 1);
        assertThat(first.indexOf("(None, 64)")).isEqualTo(shapeColumn);
        assertThat(second.indexOf("(None, 10)")).isEqualTo(shapeColumn);
        assertThat(first.indexOf("4,160")).isEqualTo(header.indexOf("Param #"));
        assertThat(second.indexOf("650")).isEqualTo(header.indexOf("Param #"));
        // the rules span the widened table
        assertThat(lines.get(1)).matches("_+").hasSize(header.length());
        assertThat(lines).contains("Total params: 4,810 (18.79 KB)", "Non-trainable params: 0 (0 B)");
    }
}
