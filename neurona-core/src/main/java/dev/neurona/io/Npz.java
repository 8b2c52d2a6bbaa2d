package dev.neurona.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip of {@code .npy} arrays, one entry {@code <name>.npy} per array,
 * as {@code numpy.savez} writes it ({@code numpy.load(f)["dense_1/kernel"]} reads one back).
 * Written uncompressed ({@code STORED}, like {@code savez}) or deflated (like
 * {@code savez_compressed}); both are read.
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
                Npy.write(sum, a.shape(), a.data());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(sum.count);
                entry.setCompressedSize(sum.count);
                entry.setCrc(sum.crc.getValue());
            }
            zip.putNextEntry(entry);
            Npy.write(zip, a.shape(), a.data());
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Reads every array of an {@code .npz} from {@code in}.
     *
     * @param what how messages name this archive, such as {@code "weights.npz"}
     * @throws ModelFileException for anything malformed or over the limits
     */
    static Map<String, Npy.Array> read(InputStream in, ModelFileLimits limits, FileErrors error,
            String what) throws IOException {
        Map<String, Npy.Array> arrays = new LinkedHashMap<>();
        long budget = limits.maxArrayBytes();
        ZipInputStream zip = new ZipInputStream(in);
        while (true) {
            ZipEntry entry = nextEntry(zip, error, what);
            if (entry == null) {
                break;
            }
            String name = entry.getName();
            if (arrays.size() >= limits.maxEntries()) {
                throw error.create(what + ": more than " + limits.maxEntries() + " arrays");
            }
            if (!name.endsWith(".npy") || name.length() == 4 || name.length() > 1024 || entry.isDirectory()) {
                throw error.create(what + ": entry '" + printable(name) + "' is not a '<name>.npy' array");
            }
            String key = name.substring(0, name.length() - 4);
            if (arrays.containsKey(key)) {
                throw error.create(what + ": the array '" + printable(key) + "' appears twice");
            }
            Npy.Array array;
            try {
                array = Npy.read(zip, budget);
            } catch (Npy.FormatException e) {
                throw error.create(what + ": " + printable(name) + ": " + e.getMessage());
            } catch (IOException e) {
                throw error.create(what + ": " + printable(name) + ": cannot be read (" + e.getMessage() + ")", e);
            }
            budget -= 4L * array.data().length;
            arrays.put(key, array);
        }
        return arrays;
    }

    private static ZipEntry nextEntry(ZipInputStream zip, FileErrors error, String what)
            throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IOException | RuntimeException e) {   // the JDK's zip reader reports some bad names unchecked
            throw error.create(what + ": not a valid .npz archive (" + e.getMessage() + ")", e);
        }
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
