package dev.neurona.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The central directory of a zip archive held as its last bytes (an {@code .npz} inside a
 * model file): the end record (zip64 included), then every entry's name, method, sizes,
 * checksum and local header offset, each checked for consistency. What an archive holds is
 * what its directory says; {@link Npz} then reads the entries front to back and requires each
 * local header to agree with its directory record, so that damage anywhere is an error and
 * never a silently shorter archive.
 */
final class ZipDirectory {

    static final int LOCAL = 0x04034b50;
    static final int CENTRAL = 0x02014b50;
    static final int END = 0x06054b50;
    static final int END64 = 0x06064b50;
    static final int LOCATOR64 = 0x07064b50;
    static final int DESCRIPTOR = 0x08074b50;
    static final int STORED = 0;
    static final int DEFLATED = 8;
    /** Flag bits: encrypted, sizes in a data descriptor, strong encryption, UTF-8 names. */
    static final int ENCRYPTED = 0x0001;
    static final int HAS_DESCRIPTOR = 0x0008;
    static final int STRONG_ENCRYPTION = 0x0040;
    static final int UTF8 = 0x0800;
    /** The most bytes of extra fields and comment accepted per directory record. */
    static final int MAX_RECORD_EXTRA = 512;
    /** The end record, its longest comment and the zip64 end record and locator. */
    static final int MAX_END_BYTES = 22 + 0xFFFF + 56 + 20;

    /** One entry as the directory records it. */
    record Entry(String name, byte[] nameBytes, int flags, int method, long crc, long compressedSize, long size,
            long offset, boolean zip64) {
    }

    private final List<Entry> entries;
    private final long directoryOffset;

    private ZipDirectory(List<Entry> entries, long directoryOffset) {
        this.entries = entries;
        this.directoryOffset = directoryOffset;
    }

    /** The entries in the order of their data in the archive. */
    List<Entry> entries() {
        return entries;
    }

    /** Where the directory starts: the end of the last entry's data. */
    long directoryOffset() {
        return directoryOffset;
    }

    /**
     * Parses the directory of an archive of {@code archiveSize} bytes whose last
     * {@code tail.length} bytes are {@code tail}.
     *
     * @throws Npy.FormatException naming what is wrong
     */
    static ZipDirectory parse(byte[] tail, long archiveSize, int maxEntries) throws Npy.FormatException {
        long base = archiveSize - tail.length;
        Reader r = new Reader(tail, base);
        int end = findEnd(tail);
        if (end < 0) {
            throw new Npy.FormatException("not a zip archive: no end of central directory record");
        }
        long disk = r.u16(end + 4);
        long directoryDisk = r.u16(end + 6);
        long entriesHere = r.u16(end + 8);
        long count = r.u16(end + 10);
        long directorySize = r.u32(end + 12);
        long directoryOffset = r.u32(end + 16);
        long directoryEnd = base + end;
        if (count == 0xFFFF || entriesHere == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL
                || disk == 0xFFFF || directoryDisk == 0xFFFF) {
            int locator = end - 20;
            if (locator < 0 || r.u32(locator) != LOCATOR64) {
                throw new Npy.FormatException("the end record asks for a zip64 record, which is missing");
            }
            long at = r.u64(locator + 8) - base;
            if (at < 0 || at > locator - 56 || r.u32((int) at) != END64 || r.u64((int) at + 4) + 12 != locator - at) {
                throw new Npy.FormatException("the zip64 end record is missing or misplaced");
            }
            int e = (int) at;
            disk = r.u32(e + 16);
            directoryDisk = r.u32(e + 20);
            entriesHere = r.u64(e + 24);
            count = r.u64(e + 32);
            directorySize = r.u64(e + 40);
            directoryOffset = r.u64(e + 48);
            directoryEnd = base + e;
        }
        if (disk != 0 || directoryDisk != 0 || entriesHere != count) {
            throw new Npy.FormatException("multi-volume archives are not supported");
        }
        if (count > maxEntries) {
            throw new Npy.FormatException("more than " + maxEntries + " arrays");
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryEnd) {
            throw new Npy.FormatException("the central directory (" + directorySize + " bytes at " + directoryOffset
                    + ") does not end where its end record starts (" + directoryEnd + ")");
        }
        if (directoryOffset < base) {
            throw new Npy.FormatException("the central directory of " + directorySize + " bytes is larger than "
                    + "the arrays it should list need");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int at = (int) (directoryOffset - base);
        for (long i = 0; i < count; i++) {
            if (base + at + 46 > directoryEnd || r.u32(at) != CENTRAL) {
                throw new Npy.FormatException("central directory record " + i + " of " + count + " is damaged");
            }
            int flags = (int) r.u16(at + 8);
            int method = (int) r.u16(at + 10);
            long crc = r.u32(at + 16);
            long compressed = r.u32(at + 20);
            long size = r.u32(at + 24);
            int nameLength = (int) r.u16(at + 28);
            int extraLength = (int) r.u16(at + 30);
            int commentLength = (int) r.u16(at + 32);
            long startDisk = r.u16(at + 34);
            long offset = r.u32(at + 42);
            int next = at + 46 + nameLength + extraLength + commentLength;
            if (base + next > directoryEnd) {
                throw new Npy.FormatException("central directory record " + i + " runs past the directory");
            }
            if (extraLength + commentLength > MAX_RECORD_EXTRA) {
                throw new Npy.FormatException("central directory record " + i + " has " + (extraLength + commentLength)
                        + " bytes of extra fields and comment, more than the " + MAX_RECORD_EXTRA + " accepted");
            }
            byte[] nameBytes = r.bytes(at + 46, nameLength);
            String name = name(nameBytes, flags);
            boolean zip64 = false;
            if (compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL || startDisk == 0xFFFF) {
                long[] values = {size, compressed, offset, startDisk};
                zip64Extra(r, at + 46 + nameLength, extraLength, values, new boolean[] {
                    size == 0xFFFFFFFFL, compressed == 0xFFFFFFFFL, offset == 0xFFFFFFFFL, startDisk == 0xFFFF}, name);
                size = values[0];
                compressed = values[1];
                offset = values[2];
                startDisk = values[3];
                zip64 = true;
            }
            if (startDisk != 0) {
                throw new Npy.FormatException("'" + Npz.printable(name) + "': multi-volume archives are not supported");
            }
            if ((flags & (ENCRYPTED | STRONG_ENCRYPTION)) != 0) {
                throw new Npy.FormatException("'" + Npz.printable(name) + "' is encrypted");
            }
            if (method != STORED && method != DEFLATED) {
                throw new Npy.FormatException("'" + Npz.printable(name) + "': compression method " + method
                        + " is not supported (stored and deflated are)");
            }
            if (method == STORED && compressed != size) {
                throw new Npy.FormatException("'" + Npz.printable(name) + "' is stored but declares " + compressed
                        + " bytes stored and " + size + " bytes of content");
            }
            if (size < 0 || compressed < 0 || offset < 0 || offset + 30 + compressed > directoryOffset) {
                throw new Npy.FormatException("'" + Npz.printable(name) + "': its data (" + compressed + " bytes at "
                        + offset + ") do not fit before the central directory at " + directoryOffset);
            }
            if (!names.add(name)) {
                throw new Npy.FormatException("the array '" + Npz.printable(name) + "' appears twice");
            }
            entries.add(new Entry(name, nameBytes, flags, method, crc, compressed, size, offset, zip64));
            at = next;
        }
        if (base + at != directoryEnd) {
            throw new Npy.FormatException("the central directory holds " + (directoryEnd - base - at)
                    + " bytes after its " + count + " records");
        }
        entries.sort(Comparator.comparingLong(Entry::offset));
        long expected = 0;
        for (Entry e : entries) {
            if (e.offset() < expected) {
                throw new Npy.FormatException("'" + Npz.printable(e.name()) + "' overlaps the entry before it");
            }
            if (e.offset() > expected && expected == 0) {
                throw new Npy.FormatException("the archive has " + e.offset() + " bytes before its first entry");
            }
            expected = e.offset() + 30 + e.nameBytes().length + e.compressedSize();
        }
        return new ZipDirectory(List.copyOf(entries), directoryOffset);
    }

    /** The end record's position in {@code tail}: the last one whose comment ends the archive exactly. */
    private static int findEnd(byte[] tail) {
        for (int i = tail.length - 22; i >= 0 && i >= tail.length - 22 - 0xFFFF; i--) {
            if ((tail[i] & 0xFF) == 0x50 && (tail[i + 1] & 0xFF) == 0x4b && tail[i + 2] == 5 && tail[i + 3] == 6) {
                int commentLength = (tail[i + 20] & 0xFF) | (tail[i + 21] & 0xFF) << 8;
                if (i + 22 + commentLength == tail.length) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Replaces the values marked in {@code wanted} (size, compressed size, offset, disk) by the zip64 extra field's. */
    static void zip64Extra(Reader r, int at, int length, long[] values, boolean[] wanted, String name)
            throws Npy.FormatException {
        int end = at + length;
        while (at + 4 <= end) {
            int id = (int) r.u16(at);
            int size = (int) r.u16(at + 2);
            if (at + 4 + size > end) {
                break;
            }
            if (id == 0x0001) {
                int p = at + 4;
                for (int i = 0; i < 4; i++) {
                    if (wanted[i]) {
                        int width = i == 3 ? 4 : 8;
                        if (p + width > at + 4 + size) {
                            throw new Npy.FormatException("'" + Npz.printable(name) + "': its zip64 field is too short");
                        }
                        values[i] = width == 8 ? r.u64(p) : r.u32(p);
                        p += width;
                    }
                }
                return;
            }
            at += 4 + size;
        }
        throw new Npy.FormatException("'" + Npz.printable(name) + "' lacks the zip64 field its sizes refer to");
    }

    /** A name as the flags say it is encoded (UTF-8, or the original IBM PC set, read here as Latin-1). */
    static String name(byte[] bytes, int flags) throws Npy.FormatException {
        if ((flags & UTF8) == 0) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Npy.FormatException("an entry name is not valid UTF-8");
        }
    }

    /** Little-endian reads from a byte array that holds an archive's bytes from {@code base} on, bounds checked. */
    static final class Reader {
        private final byte[] b;
        private final long base;

        Reader(byte[] b, long base) {
            this.b = b;
            this.base = base;
        }

        private void check(int at, int n) throws Npy.FormatException {
            if (at < 0 || at + n > b.length) {
                throw new Npy.FormatException("a record at " + (base + at) + " runs past the archive's end");
            }
        }

        long u16(int at) throws Npy.FormatException {
            check(at, 2);
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }

        long u32(int at) throws Npy.FormatException {
            check(at, 4);
            return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
        }

        long u64(int at) throws Npy.FormatException {
            long v = u32(at) | u32(at + 4) << 32;
            if (v < 0) {
                throw new Npy.FormatException("a 64-bit size or offset at " + (base + at) + " is out of range");
            }
            return v;
        }

        byte[] bytes(int at, int n) throws Npy.FormatException {
            check(at, n);
            return java.util.Arrays.copyOfRange(b, at, at + n);
        }
    }
}
