package dev.neurona.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a tar stream one after the other: POSIX ustar, GNU (long names in
 * {@code ././@LongLink} entries) and pax ({@code path} and {@code size} records) headers, which
 * covers what GNU tar, bsdtar and Python's {@code tarfile} write.
 *
 * <p>A small reader of its own rather than Apache commons-compress: since 1.26 that library needs
 * commons-io and commons-lang3 at run time (about 2.4 MB together, as much again as everything
 * neurona-core depends on today), for the one archive {@link Cifar10} reads. Every header's
 * checksum is checked and a stream that ends inside a header or an entry's data is refused, with
 * the archive's name and the byte offset in the message.
 */
final class TarReader {

    /** One entry: its path inside the archive, its size in bytes and its type flag ({@code '0'} for a file). */
    record Entry(String name, long size, char type) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private static final int BLOCK = 512;

    private final InputStream in;
    private final String archive;
    private final byte[] header = new byte[BLOCK];
    private long offset;        // bytes consumed from the (uncompressed) tar stream
    private long remaining;     // data bytes of the current entry not yet read
    private long padding;       // zero bytes after the current entry's data, up to the next block
    private Entry current;

    TarReader(InputStream in, String archive) {
        this.in = in;
        this.archive = archive;
    }

    /**
     * The next entry, skipping what is left of the current one, or {@code null} at the end of the
     * archive (a zero block, or the end of the stream where a header would begin).
     *
     * @throws DataFormatException for a bad header checksum or size, or a stream cut short
     */
    Entry next() throws IOException {
        skip(remaining + padding, "the data of " + (current == null ? "" : current.name()));
        remaining = 0;
        padding = 0;
        String longName = null;
        Long paxSize = null;
        while (true) {
            long start = offset;
            int got = in.readNBytes(header, 0, BLOCK);
            offset += got;
            if (got == 0 || isZero(header, got)) {
                current = null;
                return null;
            }
            if (got < BLOCK) {
                throw new DataFormatException(archive, "truncated: the archive ends " + got + " bytes into the header at byte "
                        + start + " (a tar header is " + BLOCK + " bytes)");
            }
            checkChecksum(start);
            char type = (char) header[156];
            long size = number(124, 12, start, "size");
            String name = name();
            if (type == 'L' || type == 'x' || type == 'g') {
                byte[] data = readMeta(size, start);
                if (type == 'L') {
                    longName = cString(data, 0, data.length);
                } else if (type == 'x') {
                    String path = pax(data, "path", start);
                    String paxSizeText = pax(data, "size", start);
                    if (path != null) {
                        longName = path;
                    }
                    if (paxSizeText != null) {
                        paxSize = parseLong(paxSizeText, start);
                    }
                }
                continue;
            }
            if (paxSize != null) {
                size = paxSize;
            }
            current = new Entry(longName != null ? longName : name, size, type);
            boolean hasData = type != '1' && type != '2' && type != '3' && type != '4' && type != '5' && type != '6';
            remaining = hasData ? size : 0;
            padding = hasData ? (BLOCK - size % BLOCK) % BLOCK : 0;
            return current;
        }
    }

    /**
     * The whole data of the current entry, which must be a file of at most {@code limit} bytes.
     *
     * @throws DataFormatException when the stream ends before the entry's declared size
     */
    byte[] readData(long limit) throws IOException {
        if (current == null || remaining > limit) {
            throw new DataFormatException(archive, "entry " + (current == null ? "(none)" : current.name()) + " holds "
                    + remaining + " bytes, more than the " + limit + " expected");
        }
        long start = offset;
        byte[] data = in.readNBytes((int) remaining);
        offset += data.length;
        if (data.length < remaining) {
            throw new DataFormatException(archive, "truncated: entry " + current.name() + " declares " + remaining
                    + " bytes at byte " + start + " but the archive ends after " + data.length);
        }
        remaining = 0;
        return data;
    }

    /** The name of the archive, as the messages give it. */
    String archive() {
        return archive;
    }

    private void skip(long n, String what) throws IOException {
        long start = offset;
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new DataFormatException(archive, "truncated: the archive ends inside " + what + " ("
                            + (n - left) + " of " + n + " bytes after byte " + start + ")");
                }
                s = 1;
            }
            left -= s;
            offset += s;
        }
    }

    private byte[] readMeta(long size, long start) throws IOException {
        if (size > 1 << 20) {
            throw new DataFormatException(archive, "the extended header at byte " + start + " declares " + size
                    + " bytes; at most 1 MiB is read");
        }
        current = new Entry("the extended header at byte " + start, size, 'x');
        remaining = size;
        byte[] data = readData(size);
        padding = (BLOCK - size % BLOCK) % BLOCK;
        skip(padding, current.name());
        padding = 0;
        return data;
    }

    private void checkChecksum(long start) {
        long stored = number(148, 8, start, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean field = i >= 148 && i < 156;
            unsigned += field ? ' ' : header[i] & 0xFF;
            signed += field ? ' ' : header[i];
        }
        if (stored != unsigned && stored != signed) {
            throw new DataFormatException(archive, "the tar header at byte " + start + " has checksum " + stored
                    + " but its bytes sum to " + unsigned + ": the archive is damaged or not a tar file");
        }
    }

    /** An octal field (NUL- or space-terminated), or GNU's base-256 form (first byte's high bit set). */
    private long number(int at, int length, long start, String field) {
        if ((header[at] & 0x80) != 0) {
            long v = header[at] & 0x7F;
            for (int i = at + 1; i < at + length; i++) {
                if (v > Long.MAX_VALUE >>> 8) {
                    throw bad(field, start);
                }
                v = (v << 8) | (header[i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        int i = at;
        while (i < at + length && header[i] == ' ') {
            i++;
        }
        int digits = 0;
        for (; i < at + length && header[i] >= '0' && header[i] <= '7'; i++, digits++) {
            v = v * 8 + (header[i] - '0');
        }
        if (digits == 0 || (i < at + length && header[i] != 0 && header[i] != ' ')) {
            throw bad(field, start);
        }
        return v;
    }

    private DataFormatException bad(String field, long start) {
        return new DataFormatException(archive, "the tar header at byte " + start + " has no valid " + field
                + " field: the archive is damaged or not a tar file");
    }

    /** The ustar name, with its prefix field where the magic says POSIX ustar ({@code "ustar\0"}). */
    private String name() {
        String name = cString(header, 0, 100);
        boolean posix = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        String prefix = posix ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The value of {@code key} in pax records ({@code "<length> <key>=<value>\n"}, lengths in bytes), or {@code null}. */
    private String pax(byte[] data, String key, long start) {
        byte[] wanted = (key + "=").getBytes(StandardCharsets.UTF_8);
        String value = null;
        int at = 0;
        while (at < data.length) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            long length = space < data.length ? parseLong(new String(data, at, space - at, StandardCharsets.US_ASCII), start) : -1;
            if (length <= space - at || at + length > data.length || data[(int) (at + length - 1)] != '\n') {
                throw new DataFormatException(archive, "the pax header at byte " + start + " has a malformed record at "
                        + at + ": the archive is damaged");
            }
            int body = space + 1;
            int bodyEnd = (int) (at + length - 1);
            if (bodyEnd - body >= wanted.length && java.util.Arrays.equals(data, body, body + wanted.length, wanted, 0, wanted.length)) {
                value = new String(data, body + wanted.length, bodyEnd - body - wanted.length, StandardCharsets.UTF_8);
            }
            at += (int) length;
        }
        return value;
    }

    private long parseLong(String text, long start) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(archive, "the pax header at byte " + start + " has the number '" + text
                    + "': the archive is damaged");
        }
    }

    private static String cString(byte[] b, int at, int length) {
        int end = at;
        while (end < at + length && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return length == BLOCK;
    }
}
