package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The small real data sets shipped as resources, in scikit-learn's layout: a first line
 * {@code n,d,class names…}, then {@code n} rows of {@code d} features and an integer class id.
 * The digits file has no first line: 1,797 rows of 64 pixel counts and the digit.
 */
final class BuiltinSets {

    private BuiltinSets() {
    }

    /**
     * Loads resource {@code name}.csv.gz.
     *
     * @param divisor every feature is divided by it (16 for the digits' 0…16 counts; 1 otherwise)
     * @param oneHot  one-hot targets {@code [n, k]}; otherwise ids {@code [n, 1]}
     */
    static Dataset load(String name, float divisor, boolean oneHot) {
        String resource = name + ".csv.gz";
        try (InputStream raw = BuiltinSets.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("Datasets: the resource dev/neurona/data/" + resource
                        + " is missing from the classpath; the neurona-core jar is incomplete");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int n = 1797;
            int d = 64;
            int k = 10;
            if (!name.equals("digits")) {
                String[] head = in.readLine().split(",");
                n = Integer.parseInt(head[0].trim());
                d = Integer.parseInt(head[1].trim());
                k = head.length - 2;
            }
            int firstRow = name.equals("digits") ? 1 : 2;
            float[] x = new float[n * d];
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                String line = in.readLine();
                String[] cells = line == null ? new String[0] : line.split(",");
                if (cells.length != d + 1) {
                    throw new DataFormatException(resource, i + firstRow, null, "has " + cells.length + " fields, expected " + (d + 1));
                }
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = Float.parseFloat(cells[j]) / divisor;
                }
                ids[i] = (int) Float.parseFloat(cells[d]);
            }
            Tensor y;
            if (oneHot) {
                y = OneHot.toCategorical(ids, k);
            } else {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = ids[i];
                }
                y = Tensor.of(f, n, 1);
            }
            return Dataset.of(Tensor.of(x, n, d), y);
        } catch (IOException e) {
            throw new UncheckedIOException("Datasets: cannot read the resource " + resource, e);
        }
    }
}
