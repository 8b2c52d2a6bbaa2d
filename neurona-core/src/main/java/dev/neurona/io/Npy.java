package dev.neurona.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy's {@code .npy} format for one float32 array (format version 1.0 on write; 1.0, 2.0
 * and 3.0 on read): the magic {@code \x93NUMPY}, the version, the header length, a Python
 * dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with
 * spaces to a multiple of 64 bytes and ended by a newline, then the values, little-endian, in
 * C (row-major) order. See numpy.lib.format.
 */
final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int MAX_HEADER = 1 << 16;
    /** The most bytes a header (magic through newline) may take when nothing is known of the array. */
    static final int MAX_HEADER_BYTES = MAX_HEADER + 12;
    private static final int MAX_RANK = 32;
    private static final int CHUNK = 1 << 16;

    /** A malformed array, with the reason; the caller adds the file and the entry. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /** A decoded array: its shape and its values, row-major. */
    record Array(int[] shape, float[] values) {
    }

    private Npy() {
    }

    /** The header (magic through newline) of a float32 array of {@code shape}. */
    static byte[] header(int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        dict.append("), }");
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        dict.append(" ".repeat((ALIGN - unpadded % ALIGN) % ALIGN)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    /** Writes {@code data} of {@code shape} as a complete {@code .npy}. */
    static void write(OutputStream out, int[] shape, float[] data) throws IOException {
        out.write(header(shape));
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += CHUNK / 4) {
            int end = Math.min(data.length, start + CHUNK / 4);
            buffer.clear();
            buffer.asFloatBuffer().put(data, start, end - start);
            out.write(buffer.array(), 0, (end - start) * 4);
        }
    }

    /** The size in bytes of the {@code .npy} of an array of {@code shape} with {@code count} values. */
    static long size(int[] shape, int count) {
        return header(shape).length + 4L * count;
    }

    /** The header of an array: its shape and how many bytes the header takes (magic through newline). */
    record Header(int[] shape, long bytes) {

        /** The number of values (at most {@link Integer#MAX_VALUE} − 8, checked when the header was read). */
        int count() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return (int) n;
        }
    }

    /**
     * Reads the header of a {@code .npy}: magic, version, length and the dict, of at most
     * {@code maxHeader} bytes in all, leaving {@code in} at the first value.
     */
    static Header readHeader(InputStream in, int maxHeader) throws IOException, FormatException {
        byte[] prefix = readFully(in, MAGIC.length + 2, "the magic string");
        if (!Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
            throw new FormatException("not a .npy array (bad magic string)");
        }
        int major = prefix[MAGIC.length] & 0xFF;
        if (major < 1 || major > 3) {
            throw new FormatException(".npy format version " + major + "." + (prefix[MAGIC.length + 1] & 0xFF)
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        int lengthSize = major == 1 ? 2 : 4;
        byte[] lengthBytes = readFully(in, lengthSize, "the header length");
        ByteBuffer lb = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        long total = MAGIC.length + 2L + lengthSize + headerLength;
        if (headerLength > MAX_HEADER || total > maxHeader) {
            throw new FormatException("header of " + headerLength + " bytes exceeds the limit of "
                    + Math.min(MAX_HEADER, maxHeader - MAGIC.length - 2 - lengthSize));
        }
        byte[] text = readFully(in, (int) headerLength, "the header");
        String header = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int[] shape = parseHeader(header);
        long count = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new FormatException("shape " + Arrays.toString(shape) + " has a dimension below 1");
            }
            count *= d;   // no overflow: each factor fits in an int and the product is checked at each step
            if (count > Integer.MAX_VALUE - 8) {
                throw new FormatException("shape " + Arrays.toString(shape) + " holds more values than the limit of "
                        + (Integer.MAX_VALUE - 8) + " allows");
            }
        }
        return new Header(shape, total);
    }

    /** Refuses a shape of more than {@code maxBytes} of values. */
    static void checkCount(int[] shape, long maxBytes) throws FormatException {
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (4 * count > maxBytes) {
            throw new FormatException("shape " + Arrays.toString(shape) + " holds more values than the limit of "
                    + Math.min(Integer.MAX_VALUE - 8, maxBytes / 4) + " allows");
        }
    }

    /**
     * Reads {@code count} little-endian float32 values. With {@code exact} (the count was
     * already checked against what is expected) the array is allocated at once; otherwise it
     * grows as data arrives, so that a lying header cannot force a large allocation.
     */
    static float[] readValues(InputStream in, int count, boolean exact) throws IOException, FormatException {
        float[] data = new float[exact ? count : Math.min(count, CHUNK)];
        byte[] bytes = new byte[CHUNK];
        int filled = 0;
        int pending = 0;   // bytes in `bytes` not yet converted (fewer than 4)
        while (filled < count) {
            int want = (int) Math.min(bytes.length - pending, 4L * (count - filled) - pending);
            int n = in.read(bytes, pending, want);
            if (n < 0) {
                throw new FormatException("truncated: " + filled + " of " + count + " values present");
            }
            pending += n;
            int values = pending / 4;
            if (filled + values > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(count, Math.max((long) data.length * 2, filled + values)));
            }
            ByteBuffer.wrap(bytes, 0, values * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data, filled, values);
            filled += values;
            int rest = pending - values * 4;
            System.arraycopy(bytes, values * 4, bytes, 0, rest);
            pending = rest;
        }
        return data;
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException, FormatException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new FormatException("truncated in " + what);
            }
            off += r;
        }
        return b;
    }

    /** The shape from a header dict; rejects any dtype but {@code '<f4'} and Fortran order. */
    static int[] parseHeader(String header) throws FormatException {
        HeaderParser p = new HeaderParser(header);
        String descr = null;
        Boolean fortran = null;
        int[] shape = null;
        p.expect('{');
        while (!p.accept('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr" -> descr = p.string();
                case "fortran_order" -> fortran = p.bool();
                case "shape" -> shape = p.tuple();
                default -> throw new FormatException("header has the unknown key '" + key + "'");
            }
            if (!p.accept(',')) {
                p.expect('}');
                break;
            }
        }
        p.end();
        if (descr == null || fortran == null || shape == null) {
            throw new FormatException("header lacks 'descr', 'fortran_order' or 'shape': " + abbreviated(header));
        }
        if (!descr.equals("<f4")) {
            throw new FormatException("dtype '" + descr + "' is not supported; arrays must be float32 '<f4'");
        }
        if (fortran) {
            throw new FormatException("Fortran (column-major) order is not supported; save the array in C order");
        }
        return shape;
    }

    private static String abbreviated(String header) {
        String h = header.strip();
        return h.length() <= 120 ? h : h.substring(0, 120) + "…";
    }

    /** A scanner for the small subset of Python literals a {@code .npy} header uses. */
    private static final class HeaderParser {
        private final String s;
        private int pos;

        HeaderParser(String s) {
            this.s = s;
        }

        private void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n')) {
                pos++;
            }
        }

        boolean accept(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) throws FormatException {
            if (!accept(c)) {
                throw error("'" + c + "'");
            }
        }

        String string() throws FormatException {
            skipSpace();
            if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
                throw error("a quoted string");
            }
            char quote = s.charAt(pos);
            int close = s.indexOf(quote, pos + 1);
            if (close < 0) {
                throw error("a closing quote");
            }
            String value = s.substring(pos + 1, close);
            pos = close + 1;
            return value;
        }

        boolean bool() throws FormatException {
            skipSpace();
            if (s.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw error("True or False");
        }

        int[] tuple() throws FormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!accept(')')) {
                skipSpace();
                int start = pos;
                while (pos < s.length() && pos - start < 10 && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos == start || (pos < s.length() && Character.isDigit(s.charAt(pos)))) {
                    throw error("a dimension of at most 10 digits");
                }
                long d = Long.parseLong(s.substring(start, pos));
                if (d > Integer.MAX_VALUE) {
                    throw new FormatException("dimension " + d + " is too large");
                }
                accept('L');   // Python 2 wrote longs as 3L
                dims.add((int) d);
                if (dims.size() > MAX_RANK) {
                    throw new FormatException("shape has more than " + MAX_RANK + " dimensions");
                }
                if (!accept(',')) {
                    expect(')');
                    break;
                }
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        void end() throws FormatException {
            skipSpace();
            if (pos != s.length()) {
                throw error("the end of the header");
            }
        }

        private FormatException error(String expected) {
            return new FormatException("malformed header: expected " + expected + " at position " + pos + " of "
                    + abbreviated(s));
        }
    }
}
