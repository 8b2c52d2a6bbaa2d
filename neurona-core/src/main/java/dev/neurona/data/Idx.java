package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST, gzipped or raw (told apart by the gzip magic bytes
 * {@code 1f 8b}, not by the file name).
 *
 * <p>An IDX file is a header — two zero bytes, the element type ({@code 0x08} for unsigned bytes,
 * the only type these data sets use and the only one read here), the number of dimensions, then
 * each dimension as a big-endian 32-bit integer — followed by exactly the product of the
 * dimensions in elements. Every part is checked; a bad file raises {@link DataFormatException}
 * naming the file and the byte offset.
 *
 * <pre>{@code
 * Tensor images = Idx.readImages(Path.of("train-images-idx3-ubyte.gz"));   // [60000, 28, 28], in [0, 1]
 * int[] labels = Idx.readLabels(Path.of("train-labels-idx1-ubyte.gz"));    // 60000 class ids
 * }</pre>
 */
public final class Idx {

    /** The element type code for unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;

    private Idx() {
    }

    /**
     * The raw content of an IDX file of unsigned bytes.
     *
     * @param dims the dimensions, outermost first
     * @param data the elements, row-major, as unsigned values in {@code byte}s (read with {@code b & 0xFF})
     */
    public record IdxArray(int[] dims, byte[] data) {
        /** The dimensions, outermost first. */
        @Override
        public int[] dims() {
            return dims.clone();
        }
    }

    /** Reads an IDX file of unsigned bytes, gzipped or not. */
    public static IdxArray read(Path file) {
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new DataFormatException(file.toString(), "truncated or corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Idx: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads images {@code [n, rows, cols]} of unsigned bytes, scaled to floats in [0, 1] by /255. */
    public static Tensor readImages(Path file) {
        IdxArray a = read(file);
        if (a.dims.length != 3) {
            throw new DataFormatException(file.toString(), "expected images with 3 dimensions [n, rows, cols], the header has "
                    + a.dims.length + " " + Arrays.toString(a.dims));
        }
        byte[] b = a.data;
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = (b[i] & 0xFF) / 255f;
        }
        return Tensor.wrap(f, a.dims);   // f is ours: no second copy of a 188 MB image set
    }

    /** Reads labels {@code [n]} of unsigned bytes as ints. */
    public static int[] readLabels(Path file) {
        IdxArray a = read(file);
        if (a.dims.length != 1) {
            throw new DataFormatException(file.toString(), "expected labels with 1 dimension [n], the header has "
                    + a.dims.length + " " + Arrays.toString(a.dims));
        }
        int[] labels = new int[a.data.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = a.data[i] & 0xFF;
        }
        return labels;
    }

    /**
     * Writes unsigned bytes as an IDX file, gzipped when the name ends in {@code .gz}; written to a
     * temporary file and moved into place.
     */
    public static void write(Path file, byte[] data, int... dims) {
        long size = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("Idx.write: dimensions must be positive, got " + Arrays.toString(dims));
            }
            size *= d;
        }
        if (dims.length == 0 || dims.length > 255 || size != data.length) {
            throw new IllegalArgumentException("Idx.write: " + data.length + " bytes do not fill dimensions " + Arrays.toString(dims));
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                try (OutputStream raw = Files.newOutputStream(tmp);
                     OutputStream os = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                     DataOutputStream out = new DataOutputStream(os)) {
                    out.writeShort(0);
                    out.writeByte(UNSIGNED_BYTE);
                    out.writeByte(dims.length);
                    for (int d : dims) {
                        out.writeInt(d);
                    }
                    out.write(data);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Idx.write: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code file}, unzipping it when it starts with the gzip magic. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    static IdxArray read(InputStream in, String name) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new DataFormatException(name, "truncated: the file has " + header.length
                    + " bytes, too few for the 4-byte IDX magic number");
        }
        int magic = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        if (header[0] != 0 || header[1] != 0) {
            throw new DataFormatException(name, String.format("bad magic number 0x%08X: an IDX file starts with two zero bytes,"
                    + " the element type and the number of dimensions (MNIST images: 0x00000803, labels: 0x00000801)", magic));
        }
        int type = header[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DataFormatException(name, String.format("element type 0x%02X (%s) is not supported; only 0x08"
                    + " (unsigned byte) is", type, typeName(type)));
        }
        int rank = header[3] & 0xFF;
        if (rank == 0) {
            throw new DataFormatException(name, "the header declares 0 dimensions");
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new DataFormatException(name, "truncated: the header declares " + rank + " dimensions (" + 4 * rank
                    + " bytes) but the file ends after " + (4 + dimBytes.length) + " bytes");
        }
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            int o = 4 * i;
            dims[i] = ((dimBytes[o] & 0xFF) << 24) | ((dimBytes[o + 1] & 0xFF) << 16)
                    | ((dimBytes[o + 2] & 0xFF) << 8) | (dimBytes[o + 3] & 0xFF);
            if (dims[i] <= 0) {
                throw new DataFormatException(name, "dimension " + i + " is " + dims[i] + " (bytes " + (4 + o) + "–"
                        + (7 + o) + "); dimensions must be positive");
            }
            size *= dims[i];
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(name, "dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + " hold more than 2^31 elements");
            }
        }
        byte[] data = in.readNBytes((int) size);
        long offset = 4L + 4L * rank;
        if (data.length < size) {
            throw new DataFormatException(name, "truncated: dimensions " + Arrays.toString(dims) + " need " + size
                    + " bytes of data after the " + offset + "-byte header, but only " + data.length + " follow");
        }
        long extra = 0;
        byte[] buffer = new byte[8192];
        for (int r; (r = in.read(buffer)) > 0; ) {
            extra += r;
        }
        if (extra > 0) {
            throw new DataFormatException(name, extra + " unexpected bytes after the data (dimensions "
                    + Arrays.toString(dims) + " end at byte " + (offset + size) + ")");
        }
        return new IdxArray(dims, data);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }
}
