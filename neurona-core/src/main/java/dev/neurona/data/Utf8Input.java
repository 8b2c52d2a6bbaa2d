package dev.neurona.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a file that must be UTF-8: a leading byte-order mark is dropped, and the first byte
 * that is not UTF-8, a UTF-16 byte-order mark or a NUL character (binary data) fails with
 * {@link NotText}, which names the line and, for bad bytes, their offset. Java's own readers
 * replace bad bytes with U+FFFD or fail without saying where.
 */
final class Utf8Input extends Reader {

    /** Why the bytes are not UTF-8 text, and on which line (1-based). */
    static final class NotText extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;

        NotText(long line, String problem) {
            super(problem);
            this.line = line;
        }
    }

    private static final int SIZE = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(SIZE).flip();
    /** The file offset of {@code bytes}' index 0. */
    private long base;
    private long line = 1;
    private boolean started;
    private boolean eof;
    private boolean finished;

    Utf8Input(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(buffer, off, n);
        return n;
    }

    /** Reads more bytes and decodes what it can into {@code chars}. */
    private void fill() throws IOException {
        base += bytes.position();
        bytes.compact();
        // the first read gathers the 3 bytes a byte-order mark may take
        do {
            if (eof || !bytes.hasRemaining()) {
                break;
            }
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } while (!started && bytes.position() < 3);
        bytes.flip();
        if (!started) {
            started = true;
            byteOrderMark();
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (result.isError()) {
            countLines(0, chars.position());
            int bad = bytes.get(bytes.position()) & 0xFF;
            throw new NotText(line, "not UTF-8 text: byte 0x" + String.format("%02X", bad) + " at byte offset "
                    + (base + bytes.position()) + " (line " + line + ") is not valid UTF-8; save the file as UTF-8"
                    + (bad >= 0x80 ? " (it may be in Latin-1 or Windows-1252)" : ""));
        }
        if (eof && !bytes.hasRemaining()) {
            decoder.flush(chars);
            finished = true;
        }
        chars.flip();
        countLines(0, chars.limit());
    }

    /** Drops a UTF-8 byte-order mark; fails on a UTF-16 (or UTF-32) one. */
    private void byteOrderMark() throws NotText {
        int n = bytes.remaining();
        int b0 = n > 0 ? bytes.get(0) & 0xFF : -1;
        int b1 = n > 1 ? bytes.get(1) & 0xFF : -1;
        int b2 = n > 2 ? bytes.get(2) & 0xFF : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            bytes.position(3);
        } else if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
            throw new NotText(1, "not UTF-8 text: it starts with the byte-order mark of UTF-16 (bytes 0x"
                    + String.format("%02X 0x%02X", b0, b1) + "); save the file as UTF-8");
        }
    }

    /** Counts the line breaks in {@code chars[from, to)}; fails on a NUL character. */
    private void countLines(int from, int to) throws NotText {
        char[] a = chars.array();
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                line++;
            } else if (a[i] == '\0') {
                throw new NotText(line, "not UTF-8 text: line " + line + " holds a NUL byte, as binary files and UTF-16 "
                        + "text do; save the file as UTF-8 text");
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
