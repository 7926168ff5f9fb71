package org.recxplain.cli;

import java.util.Arrays;

/**
 * Summary statistics of a sample of timings: count, mean, and nearest-rank percentiles.
 *
 * @param n    sample size
 * @param mean arithmetic mean
 * @param p50  median (nearest rank)
 * @param p95  95th percentile (nearest rank)
 * @param max  largest value
 */
record Percentiles(int n, double mean, double p50, double p95, double max) {

    /**
     * Summarises {@code values} (not modified).
     *
     * @throws IllegalArgumentException if there are no values
     */
    static Percentiles of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return new Percentiles(s.length, sum / s.length, nearestRank(s, 0.50), nearestRank(s, 0.95), s[s.length - 1]);
    }

    /** The smallest value with at least {@code q} of the sorted sample at or below it. */
    static double nearestRank(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
