package dev.neurona.bench;

import java.util.Arrays;
import java.util.List;

/** Small statistics for benchmark results. */
final class Stats {

    private Stats() {
    }

    /** The median (the mean of the middle two for an even count); NaN for no values. */
    static double median(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The median of the epoch times after the first (warm-up: JIT, caches, allocator); with a
     * single epoch, that epoch.
     */
    static double steadyEpochSeconds(double[] epochSeconds) {
        if (epochSeconds.length <= 1) {
            return median(epochSeconds);
        }
        return median(Arrays.copyOfRange(epochSeconds, 1, epochSeconds.length));
    }
}
