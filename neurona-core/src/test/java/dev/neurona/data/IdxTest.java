package dev.neurona.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    static byte[] idx(int type, byte[] data, int... dims) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(type);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsRawAndGzippedImagesAndLabels() throws Exception {
        byte[] pixels = {0, (byte) 255, (byte) 128, 51, 0, 0, 0, (byte) 255};
        Path raw = dir.resolve("images.idx");
        Files.write(raw, idx(8, pixels, 2, 2, 2));
        Path gz = dir.resolve("images-no-gz-suffix");   // detected by the magic, not the name
        Files.write(gz, gzip(idx(8, pixels, 2, 2, 2)));
        for (Path p : new Path[] {raw, gz}) {
            Tensor t = Idx.readImages(p);
            assertThat(t.shape()).containsExactly(2, 2, 2);
            assertThat(t.toArray()).containsExactly(0f, 1f, 128 / 255f, 0.2f, 0, 0, 0, 1f);
        }
        Path labels = dir.resolve("labels.gz");
        Idx.write(labels, new byte[] {3, 9, (byte) 200}, 3);
        assertThat(Idx.readLabels(labels)).containsExactly(3, 9, 200);
        assertThat(Idx.read(labels).dims()).containsExactly(3);
    }

    @Test
    void rejectsWrongMagicTypeAndDimensions() throws Exception {
        Path bad = dir.resolve("bad.idx");
        Files.write(bad, new byte[] {1, 2, 8, 1, 0, 0, 0, 1, 0});
        assertThatThrownBy(() -> Idx.read(bad)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("bad magic number 0x01020801");
        Files.write(bad, idx(0x0D, new byte[4], 1));
        assertThatThrownBy(() -> Idx.read(bad)).hasMessageContaining("element type 0x0D (float) is not supported");
        Files.write(bad, idx(8, new byte[0], 0));
        assertThatThrownBy(() -> Idx.read(bad)).hasMessageContaining("dimension 0 is 0");
        Files.write(bad, idx(8, new byte[4], 2, 2));
        assertThatThrownBy(() -> Idx.readLabels(bad)).hasMessageContaining("expected labels with 1 dimension");
        assertThatThrownBy(() -> Idx.readImages(bad)).hasMessageContaining("expected images with 3 dimensions");
    }

    @Test
    void rejectsTruncatedAndOverlongFiles() throws Exception {
        byte[] full = idx(8, new byte[12], 3, 2, 2);
        Path bad = dir.resolve("truncated.idx");
        Files.write(bad, Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> Idx.read(bad)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("truncated: dimensions [3, 2, 2] need 12 bytes of data after the 16-byte header, but only 7 follow");
        Files.write(bad, Arrays.copyOf(full, 9));
        assertThatThrownBy(() -> Idx.read(bad)).hasMessageContaining("truncated: the header declares 3 dimensions");
        Files.write(bad, new byte[] {0, 0});
        assertThatThrownBy(() -> Idx.read(bad)).hasMessageContaining("too few for the 4-byte IDX magic number");
        Files.write(bad, Arrays.copyOf(full, full.length + 3));
        assertThatThrownBy(() -> Idx.read(bad)).hasMessageContaining("3 unexpected bytes after the data");
        byte[] gz = gzip(full);
        Files.write(bad, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> Idx.read(bad)).isInstanceOf(DataFormatException.class).hasMessageContaining("gzip");
    }
}
