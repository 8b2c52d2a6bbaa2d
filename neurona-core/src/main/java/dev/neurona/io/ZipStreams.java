package dev.neurona.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/** The byte streams {@link Npz} reads an archive through: the whole archive, bounded; one entry, bounded and checked. */
final class ZipStreams {

    private ZipStreams() {
    }

    /**
     * The archive's bytes in order, counted and checksummed, never more than the declared size
     * ({@link #drain} then requires the stream to end there).
     */
    static final class Source {
        private final InputStream in;
        private final long size;
        private final FileErrors error;
        private final String what;
        private final CRC32 crc = new CRC32();
        private long position;

        Source(InputStream in, long size, FileErrors error, String what) {
            this.in = in;
            this.size = size;
            this.error = error;
            this.what = what;
        }

        long position() {
            return position;
        }

        long crc() {
            return crc.getValue();
        }

        /** Up to {@code len} bytes, never past the declared size; -1 there. */
        int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, size - position));
            if (n > 0) {
                crc.update(b, off, n);
                position += n;
            }
            return n;
        }

        byte[] readFully(int n) throws IOException {
            byte[] b = new byte[n];
            int off = 0;
            while (off < n) {
                int r = read(b, off, n - off);
                if (r < 0) {
                    throw error.create(what + ": truncated (" + position + " of " + size + " bytes)");
                }
                off += r;
            }
            return b;
        }

        /** Reads the rest (the directory), and requires the stream to end at the declared size. */
        void drain() throws IOException {
            byte[] buffer = new byte[8192];
            while (read(buffer, 0, buffer.length) >= 0) {
                // counted and checksummed
            }
            if (position != size) {
                throw error.create(what + ": truncated (" + position + " of " + size + " bytes)");
            }
            if (in.read() != -1) {
                throw error.create(what + ": longer than the " + size + " bytes it declares");
            }
        }
    }

    /**
     * One entry's content: its stored or deflated bytes from {@link Source}, exactly as many as
     * the directory declares (compressed and uncompressed), checksummed; inflating further
     * than declared is an error, so that a small entry cannot inflate into a large one.
     */
    static final class Entry extends InputStream {
        private final Source source;
        private final ZipDirectory.Entry entry;
        private final CRC32 crc = new CRC32();
        private final Inflater inflater;
        private final byte[] buffer;
        private long consumed;   // compressed bytes taken from the source
        private long produced;   // content bytes returned
        private boolean dummy;

        Entry(Source source, ZipDirectory.Entry entry) {
            this.source = source;
            this.entry = entry;
            this.inflater = entry.method() == ZipDirectory.DEFLATED ? new Inflater(true) : null;
            this.buffer = inflater == null ? null : new byte[8192];
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = inflater == null ? stored(b, off, len) : inflated(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                produced += n;
            }
            return n;
        }

        private int stored(byte[] b, int off, int len) throws IOException {
            long left = entry.size() - produced;
            if (left == 0) {
                return -1;
            }
            int n = source.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new ZipException("truncated (" + produced + " of " + entry.size() + " bytes)");
            }
            consumed += n;
            return n;
        }

        private int inflated(byte[] b, int off, int len) throws IOException {
            try {
                while (true) {
                    if (inflater.finished()) {
                        return -1;
                    }
                    if (inflater.needsDictionary()) {
                        throw new ZipException("the deflated data need a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        long left = entry.compressedSize() - consumed;
                        int n = left == 0 ? -1 : source.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n > 0) {
                            consumed += n;
                            inflater.setInput(buffer, 0, n);
                        } else if (left == 0 && !dummy) {
                            dummy = true;   // zlib may want one byte past raw deflate data, as ZipFile gives it
                            buffer[0] = 0;
                            inflater.setInput(buffer, 0, 1);
                        } else {
                            throw new ZipException("the deflated data end early (" + produced + " of " + entry.size()
                                    + " bytes inflated)");
                        }
                        continue;
                    }
                    long room = entry.size() - produced;
                    if (room == 0) {
                        byte[] extra = new byte[1];
                        if (inflater.inflate(extra) > 0) {
                            throw new ZipException("inflates to more than the " + entry.size() + " bytes it declares");
                        }
                        continue;
                    }
                    int n = inflater.inflate(b, off, (int) Math.min(len, room));
                    if (n > 0) {
                        return n;
                    }
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new ZipException("the deflated data are corrupt (" + e.getMessage() + ")");
            }
        }

        /** Requires the content to be complete, the compressed data used up and the checksum right. */
        void finish() throws IOException {
            if (read() != -1 || produced != entry.size()) {
                throw new ZipException("holds " + produced + " bytes, not the " + entry.size() + " it declares");
            }
            if (inflater != null && (consumed != entry.compressedSize() || inflater.getRemaining() > (dummy ? 1 : 0))) {
                throw new ZipException("has compressed bytes after the end of its deflated data");
            }
            if (crc.getValue() != entry.crc()) {
                throw new ZipException("corrupt (checksum " + Long.toHexString(crc.getValue()) + " differs from the "
                        + "recorded " + Long.toHexString(entry.crc()) + ")");
            }
        }

        @Override
        public void close() {
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
