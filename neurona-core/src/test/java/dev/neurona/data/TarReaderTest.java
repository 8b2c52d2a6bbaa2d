package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tar reader against the archives Python's tarfile writes (src/test/python/cifar10_fixture.py). */
class TarReaderTest {

    private static final String LONG = "a/" + String.join("/", java.util.Collections.nCopies(6, "d".repeat(20)))
            + "/long-name.txt";

    @ParameterizedTest
    @ValueSource(strings = {"names-gnu.tar", "names-pax.tar", "names-ustar.tar"})
    void readsLongNamesInEachFormat(String file) throws Exception {
        TarReader tar = new TarReader(new ByteArrayInputStream(Cifar10Test.fixture(file)), file);
        TarReader.Entry first = tar.next();
        assertThat(first.name()).hasSizeGreaterThan(100).isEqualTo(LONG);   // past ustar's 100-byte name field
        assertThat(first.isFile()).isTrue();
        assertThat(new String(tar.readData(100), StandardCharsets.US_ASCII)).isEqualTo("long\n");
        TarReader.Entry second = tar.next();
        assertThat(second.name()).isEqualTo("short.txt");
        assertThat(second.size()).isEqualTo(6);
        assertThat(tar.next()).isNull();
    }

    @Test
    void skipsUnreadDataAndDirectories() throws Exception {
        String name = Cifar10.ARCHIVE;
        TarReader tar = new TarReader(new java.util.zip.GZIPInputStream(
                new ByteArrayInputStream(Cifar10Test.fixture(name))), name);
        StringBuilder seen = new StringBuilder();
        for (TarReader.Entry e; (e = tar.next()) != null; ) {
            seen.append(e.name()).append(e.isFile() ? "" : " (dir)").append(' ').append(e.size()).append('\n');
        }
        assertThat(seen.toString()).isEqualTo("cifar-10-batches-bin/ (dir) 0\n"
                + "cifar-10-batches-bin/batches.meta.txt 61\n"
                + "cifar-10-batches-bin/data_batch_1.bin 6146\n"
                + "cifar-10-batches-bin/data_batch_2.bin 9219\n"
                + "cifar-10-batches-bin/data_batch_3.bin 3073\n"
                + "cifar-10-batches-bin/data_batch_4.bin 6146\n"
                + "cifar-10-batches-bin/data_batch_5.bin 6146\n"
                + "cifar-10-batches-bin/readme.html 28\n"
                + "cifar-10-batches-bin/test_batch.bin 9219\n");
    }

    @Test
    void damagedHeaderFailsItsChecksum() throws Exception {
        byte[] tar = Cifar10Test.fixture("names-ustar.tar");
        tar[512 * 2 + 3] ^= 1;   // the name of the second entry (after the first's header and data block)
        TarReader reader = new TarReader(new ByteArrayInputStream(tar), "x.tar");
        reader.next();
        assertThatThrownBy(reader::next)
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("x.tar: the tar header at byte 1024 has checksum")
                .hasMessageContaining("damaged or not a tar file");
    }

    @Test
    void streamCutInsideAnEntryOrAHeaderIsTruncated() throws Exception {
        byte[] tar = Cifar10Test.fixture("names-ustar.tar");
        TarReader inData = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 512 + 3)), "x.tar");
        inData.next();
        assertThatThrownBy(() -> inData.readData(100))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("x.tar: truncated: entry " + LONG + " declares 5 bytes at byte 512 but the archive ends after 3");

        TarReader inHeader = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 1024 + 100)), "x.tar");
        inHeader.next();
        assertThatThrownBy(inHeader::next)
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("truncated: the archive ends 100 bytes into the header at byte 1024");
    }

    @Test
    void notATarFile() {
        byte[] text = "this is not a tar archive\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(text), "notes.txt").next())
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("notes.txt: the tar header at byte 0 has no valid");
    }
}
