package io.rebound.bench.measure;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles (nearest rank, so p99 of 100 values is the 99th smallest, never an interpolated value) and medians. */
public final class Stats {

    private Stats() {}

    public static double percentile(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** The median of the runs; NaN runs (nothing measured) are ignored. */
    public static double median(double... runs) {
        double[] sorted =
                Arrays.stream(runs).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
