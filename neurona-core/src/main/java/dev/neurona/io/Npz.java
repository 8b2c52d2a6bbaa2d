package dev.neurona.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip of {@code .npy} arrays, one entry {@code <name>.npy} per array,
 * as {@code numpy.savez} writes it ({@code numpy.load(f)["dense_1/kernel"]} reads one back).
 * Written uncompressed ({@code STORED}, like {@code savez}) or deflated (like
 * {@code savez_compressed}); both are read, through the central directory
 * ({@link ZipDirectory}), never by scanning local headers alone.
 *
 * <p>Writing is deterministic (fixed entry times), so the same arrays give the same bytes,
 * which lets the enclosing archive compute this archive's size and checksum in a first pass.
 */
final class Npz {

    /** The DOS epoch plus a day, for reproducible files (zip times carry no time zone). */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 2, 0, 0);

    private Npz() {
    }

    /** Writes {@code arrays} (name → array) as an {@code .npz} to {@code out}, leaving {@code out} open. */
    static void write(OutputStream out, Map<String, Npy.Array> arrays, boolean deflate) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
        for (Map.Entry<String, Npy.Array> e : arrays.entrySet()) {
            Npy.Array a = e.getValue();
            ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
            entry.setTimeLocal(ENTRY_TIME);
            if (deflate) {
                entry.setMethod(ZipEntry.DEFLATED);
            } else {
                // a stored entry needs its size and checksum before its data: compute them in a first pass
                Checksum sum = new Checksum();
                Npy.write(sum, a.shape(), a.values());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(sum.count);
                entry.setCompressedSize(sum.count);
                entry.setCrc(sum.crc.getValue());
            }
            zip.putNextEntry(entry);
            Npy.write(zip, a.shape(), a.values());
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Checks what the directory lists against what is expected, before anything is inflated:
     * no array missing (all missing ones named), none unexpected, and each declaring the size
     * its expected shape takes (values plus a header of at most
     * {@value ExpectedArrays#MAX_HEADER_BYTES} bytes).
     */
    static void checkDirectory(ZipDirectory dir, ExpectedArrays expected, FileErrors error, String what)
            throws ModelFileException {
        Map<String, ZipDirectory.Entry> byName = new LinkedHashMap<>();
        for (ZipDirectory.Entry e : dir.entries()) {
            String name = e.name();
            if (!name.endsWith(".npy") || name.length() == 4 || name.length() > 1024) {
                throw error.create(what + ": entry '" + printable(name) + "' is not a '<name>.npy' array");
            }
            byName.put(name.substring(0, name.length() - 4), e);
        }
        boolean together = expected.specs().entrySet().stream()
                .anyMatch(e -> e.getValue().presence() == ExpectedArrays.Presence.TOGETHER && byName.containsKey(e.getKey()));
        List<String> missing = new ArrayList<>();
        expected.specs().forEach((key, spec) -> {
            boolean needed = spec.required() || (together && spec.presence() == ExpectedArrays.Presence.TOGETHER);
            if (needed && !byName.containsKey(key)) {
                missing.add("'" + key + "' " + shapes(spec));
            }
        });
        if (!missing.isEmpty()) {
            throw error.create(what + " lacks the " + expected.noun() + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.subList(0, Math.min(missing.size(), 20)))
                    + (missing.size() > 20 ? " and " + (missing.size() - 20) + " more" : "")
                    + " that " + expected.owner() + " needs");
        }
        for (String key : byName.keySet()) {
            if (!expected.specs().containsKey(key)) {
                throw error.create(what + " holds '" + printable(key) + "', which is not a " + expected.noun() + " of "
                        + expected.owner());
            }
        }
        for (Map.Entry<String, ZipDirectory.Entry> e : byName.entrySet()) {
            ExpectedArrays.Spec spec = expected.specs().get(e.getKey());
            long size = e.getValue().size();
            long least = 4 * spec.minCount() + 11;
            long most = 4 * spec.maxCount() + ExpectedArrays.MAX_HEADER_BYTES;
            if (size < least || size > most) {
                throw error.create(what + ": '" + printable(e.getValue().name()) + "' declares " + size
                        + " bytes, but the " + expected.noun() + " '" + e.getKey() + "' " + shapes(spec) + " takes "
                        + 4 * spec.maxCount() + " bytes of values and a header of at most "
                        + ExpectedArrays.MAX_HEADER_BYTES);
            }
        }
    }

    private static String shapes(ExpectedArrays.Spec spec) {
        List<String> out = new ArrayList<>();
        for (int[] s : spec.shapes()) {
            out.add(Arrays.toString(s));
        }
        return "of shape " + String.join(" or ", out);
    }

    /**
     * Reads every array of an {@code .npz} of {@code size} bytes and checksum {@code crc} from
     * {@code in}, entry by entry in the order of {@code dir}: each local header must agree with
     * its directory record, each entry's data yield exactly the bytes declared (inflation stops
     * with an error beyond them) with the declared checksum, each array have an expected shape
     * (when {@code expected} is given) and finite values (unless {@code limits} allow others).
     *
     * @param what how messages name this archive, such as {@code "weights.npz"}
     * @throws ModelFileException for anything malformed, unexpected or over the limits
     */
    static Map<String, Npy.Array> read(InputStream in, long size, long crc, ZipDirectory dir, ExpectedArrays expected,
            ModelFileLimits limits, FileErrors error, String what) throws IOException {
        ZipStreams.Source source = new ZipStreams.Source(in, size, error, what);
        Map<String, Npy.Array> arrays = new LinkedHashMap<>();
        long budget = limits.maxArrayBytes();
        List<ZipDirectory.Entry> entries = dir.entries();
        for (int k = 0; k < entries.size(); k++) {
            ZipDirectory.Entry e = entries.get(k);
            long next = k + 1 < entries.size() ? entries.get(k + 1).offset() : dir.directoryOffset();
            String name = e.name();
            if (!name.endsWith(".npy") || name.length() == 4 || name.length() > 1024) {
                throw error.create(what + ": entry '" + printable(name) + "' is not a '<name>.npy' array");
            }
            String key = name.substring(0, name.length() - 4);
            ExpectedArrays.Spec spec = expected == null ? null : expected.specs().get(key);
            if (expected != null && spec == null) {
                throw error.create(what + " holds '" + printable(key) + "', which is not a " + expected.noun() + " of "
                        + expected.owner());
            }
            if (source.position() != e.offset()) {
                throw error.create(what + ": '" + printable(name) + "' should start at byte " + e.offset()
                        + " but the entry before it ends at " + source.position());
            }
            localHeader(source, e, error, what);
            Npy.Array array;
            try (ZipStreams.Entry data = new ZipStreams.Entry(source, e)) {
                array = array(data, e, key, spec, expected, budget);
                data.finish();
            } catch (Npy.FormatException ex) {
                throw error.create(what + ": " + printable(name) + ": " + ex.getMessage());
            } catch (ZipException ex) {
                throw error.create(what + ": " + printable(name) + ": " + ex.getMessage(), ex);
            }
            descriptor(source, e, next, error, what);
            if (!limits.allowNonFinite()) {
                checkFinite(array, key, error, what);
            }
            budget -= 4L * array.values().length;
            arrays.put(key, array);
        }
        if (source.position() != dir.directoryOffset()) {
            throw error.create(what + ": the central directory should start at byte " + dir.directoryOffset()
                    + " but the last entry ends at " + source.position());
        }
        source.drain();
        if (source.crc() != crc) {
            throw error.create(what + ": changed while it was read (checksum " + Long.toHexString(source.crc())
                    + ", expected " + Long.toHexString(crc) + ")");
        }
        return arrays;
    }

    /** One array from its entry's data: the header first, checked against the expected shapes and the declared size, then the values. */
    private static Npy.Array array(ZipStreams.Entry data, ZipDirectory.Entry e, String key, ExpectedArrays.Spec spec,
            ExpectedArrays expected, long budget) throws IOException, Npy.FormatException {
        Npy.Header header = Npy.readHeader(data, spec == null ? Npy.MAX_HEADER_BYTES : ExpectedArrays.MAX_HEADER_BYTES);
        int[] shape = header.shape();
        long count = ExpectedArrays.count(shape);
        if (spec != null && !spec.allows(shape)) {
            long wanted = spec.shapes().stream().mapToLong(ExpectedArrays::count).filter(c -> c == count).findFirst()
                    .orElse(-1);
            throw new Npy.FormatException(wanted == count
                    ? "the " + expected.noun() + " '" + key + "' has shape " + Arrays.toString(shape) + " but "
                            + expected.owner() + " needs " + shapeList(spec)
                    : "the " + expected.noun() + " '" + key + "' has " + count + " values (shape " + Arrays.toString(shape)
                            + ") but " + expected.owner() + " needs " + spec.maxCount() + " (shape " + shapeList(spec) + ")");
        }
        Npy.checkCount(shape, budget);
        if (header.bytes() + 4 * count != e.size()) {
            throw new Npy.FormatException((e.size() < header.bytes() + 4 * count ? "truncated" : "has bytes after its values")
                    + ": the archive declares " + e.size() + " bytes, but a header of " + header.bytes() + " bytes and "
                    + count + " values of shape " + Arrays.toString(shape) + " take " + (header.bytes() + 4 * count));
        }
        float[] values = Npy.readValues(data, (int) count, spec != null);
        if (data.read() != -1) {
            throw new Npy.FormatException("has bytes after the " + count + " values of shape " + Arrays.toString(shape));
        }
        return new Npy.Array(shape, values);
    }

    private static String shapeList(ExpectedArrays.Spec spec) {
        List<String> out = new ArrayList<>();
        for (int[] s : spec.shapes()) {
            out.add(Arrays.toString(s));
        }
        return String.join(" or ", out);
    }

    /** Reads an entry's local header and requires it to agree with the directory. */
    private static void localHeader(ZipStreams.Source source, ZipDirectory.Entry e, FileErrors error, String what)
            throws IOException {
        String name = printable(e.name());
        byte[] fixed = source.readFully(30);
        ZipDirectory.Reader r = new ZipDirectory.Reader(fixed, 0);
        try {
            if (r.u32(0) != ZipDirectory.LOCAL) {
                throw error.create(what + ": the local header of '" + name + "' is damaged (bad signature)");
            }
            int flags = (int) r.u16(6);
            int method = (int) r.u16(8);
            long crc = r.u32(14);
            long compressed = r.u32(18);
            long size = r.u32(22);
            int nameLength = (int) r.u16(26);
            int extraLength = (int) r.u16(28);
            if (nameLength != e.nameBytes().length || extraLength > ZipDirectory.MAX_RECORD_EXTRA) {
                throw error.create(what + ": the local header of '" + name + "' is damaged (name or extra field length)");
            }
            byte[] rest = source.readFully(nameLength + extraLength);
            if (!Arrays.equals(Arrays.copyOf(rest, nameLength), e.nameBytes())) {
                throw error.create(what + ": the local header of '" + name + "' names another entry");
            }
            if (method != e.method() || (flags & ZipDirectory.HAS_DESCRIPTOR) != (e.flags() & ZipDirectory.HAS_DESCRIPTOR)
                    || (flags & (ZipDirectory.ENCRYPTED | ZipDirectory.STRONG_ENCRYPTION)) != 0) {
                throw error.create(what + ": the local header of '" + name + "' disagrees with the central directory "
                        + "(method or flags)");
            }
            if ((flags & ZipDirectory.HAS_DESCRIPTOR) == 0) {
                if (compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL) {
                    long[] values = {size, compressed, 0, 0};
                    ZipDirectory.zip64Extra(new ZipDirectory.Reader(rest, 0), nameLength, extraLength, values,
                            new boolean[] {size == 0xFFFFFFFFL, compressed == 0xFFFFFFFFL, false, false}, e.name());
                    size = values[0];
                    compressed = values[1];
                }
                if (crc != e.crc() || compressed != e.compressedSize() || size != e.size()) {
                    throw error.create(what + ": the local header of '" + name + "' disagrees with the central "
                            + "directory (sizes or checksum)");
                }
            }
        } catch (Npy.FormatException ex) {
            throw error.create(what + ": the local header of '" + name + "' is damaged (" + ex.getMessage() + ")");
        }
    }

    /** After an entry's data: its data descriptor, if the flags announce one, agreeing with the directory; then the next entry. */
    private static void descriptor(ZipStreams.Source source, ZipDirectory.Entry e, long next, FileErrors error, String what)
            throws IOException {
        long gap = next - source.position();
        if ((e.flags() & ZipDirectory.HAS_DESCRIPTOR) == 0) {
            if (gap != 0) {
                throw error.create(what + ": " + gap + " unexpected bytes after '" + printable(e.name()) + "'");
            }
            return;
        }
        if (gap != 12 && gap != 16 && gap != 20 && gap != 24) {
            throw error.create(what + ": the data descriptor of '" + printable(e.name()) + "' is damaged ("
                    + gap + " bytes)");
        }
        ZipDirectory.Reader r = new ZipDirectory.Reader(source.readFully((int) gap), 0);
        try {
            int at = gap == 16 || gap == 24 ? 4 : 0;
            boolean wide = gap >= 20;
            if (at == 4 && r.u32(0) != ZipDirectory.DESCRIPTOR) {
                throw new Npy.FormatException("bad signature");
            }
            long crc = r.u32(at);
            long compressed = wide ? r.u64(at + 4) : r.u32(at + 4);
            long size = wide ? r.u64(at + 12) : r.u32(at + 8);
            if (crc != e.crc() || compressed != e.compressedSize() || size != e.size()) {
                throw new Npy.FormatException("it disagrees with the central directory");
            }
        } catch (Npy.FormatException ex) {
            throw error.create(what + ": the data descriptor of '" + printable(e.name()) + "' is damaged ("
                    + ex.getMessage() + ")");
        }
    }

    /** Refuses NaN and ±Infinity, naming the first. */
    private static void checkFinite(Npy.Array array, String key, FileErrors error, String what)
            throws ModelFileException {
        float[] d = array.values();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw error.create(what + ": '" + printable(key) + "' holds " + d[i] + " at " + index(i, array.shape())
                        + " (value " + i + " of " + d.length + "); a model file must hold finite numbers "
                        + "(ModelFileLimits.allowNonFinite(true) loads it anyway, for debugging)");
            }
        }
    }

    /** The multi-index of flat index {@code i} in C order, such as {@code [1, 2]}. */
    static String index(int i, int[] shape) {
        int[] at = new int[shape.length];
        int rest = i;
        for (int k = shape.length - 1; k >= 0; k--) {
            at[k] = rest % shape[k];
            rest /= shape[k];
        }
        return Arrays.toString(at);
    }

    /** {@code s} with control characters replaced, for messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 200 ? sb.append('…').toString() : sb.toString();
    }

    /** Counts and checksums what is written to it, discarding the bytes. */
    static final class Checksum extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }

    /** Passes writes through but not {@code close}, so that finishing a nested archive leaves the outer one open. */
    static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
