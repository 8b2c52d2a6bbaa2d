package dev.neurona.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Zip archives built byte by byte, whose headers may say whatever a test wants (sizes that lie,
 * deflated data that inflates far beyond them), for testing the reader against hostile files;
 * and deflate bombs that are small to build and to store however far they inflate.
 */
final class RawZip {

    private RawZip() {
    }

    /**
     * One entry: {@code data} as stored in the archive (deflated when {@code method} is 8), and
     * what the headers declare about it.
     */
    record Entry(String name, int method, byte[] data, long crc, long compressedSize, long size) {

        /** The same entry declaring {@code size} bytes of content (and, when stored, of data). */
        Entry declaring(long size) {
            return new Entry(name, method, data, crc, method == 0 ? size : compressedSize, size);
        }

        /** The same entry declaring {@code crc}. */
        Entry withCrc(long crc) {
            return new Entry(name, method, data, crc, compressedSize, size);
        }
    }

    static Entry stored(String name, byte[] content) {
        return new Entry(name, 0, content, crc(content), content.length, content.length);
    }

    static Entry deflated(String name, byte[] content) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(content);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!d.finished()) {
            out.write(buffer, 0, d.deflate(buffer));
        }
        d.end();
        return new Entry(name, 8, out.toByteArray(), crc(content), out.size(), content.length);
    }

    /**
     * A raw deflate stream of {@code prefix} followed by {@code repeat} mebibytes of {@code fill}
     * bytes: each mebibyte compresses to about a kibibyte, so a 2 GiB bomb takes 2 MB.
     */
    static byte[] bomb(byte[] prefix, int repeat, byte fill) {
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, fill);
        byte[] head = flushed(prefix);
        byte[] chunk = flushed(block);   // after a full flush no block refers back, so chunks concatenate
        Deflater end = new Deflater(Deflater.BEST_COMPRESSION, true);
        end.finish();
        byte[] tail = new byte[64];
        int n = end.deflate(tail);
        end.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + repeat * chunk.length + n);
        out.write(head, 0, head.length);
        for (int i = 0; i < repeat; i++) {
            out.write(chunk, 0, chunk.length);
        }
        out.write(tail, 0, n);
        return out.toByteArray();
    }

    private static byte[] flushed(byte[] input) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        do {
            n = d.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !d.needsInput());
        d.end();
        return out.toByteArray();
    }

    static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    /** The archive: local headers declaring what each entry declares, the data, the central directory, the end record. */
    static byte[] write(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add((long) out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) e.method())
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc()).putInt((int) e.compressedSize())
                    .putInt((int) e.size()).putShort((short) name.length).putShort((short) 0).put(name);
            out.write(h.array(), 0, h.capacity());
            out.write(e.data(), 0, e.data().length);
        }
        long directory = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(46 + name.length);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800)
                    .putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc())
                    .putInt((int) e.compressedSize()).putInt((int) e.size()).putShort((short) name.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) (long) offsets.get(i)).put(name);
            out.write(h.array(), 0, h.capacity());
        }
        long size = out.size() - directory;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt((int) size).putInt((int) directory).putShort((short) 0);
        out.write(end.array(), 0, 22);
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
