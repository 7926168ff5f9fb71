package org.recxplain.eval.metrics;

import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.util.Arrays;

/**
 * The cost of explaining: latency quantiles p50 and p95, mean latency and mean model calls per target.
 *
 * <p>Quantiles are exact: the accumulator keeps every latency (a long array) and merges by concatenation;
 * the result sorts them. The q-quantile of sorted x_0..x_{n−1} is the linear interpolation at h = (n−1)q
 * between x_⌊h⌋ and x_⌊h⌋+1 (Hyndman and Fan's type 7, the default of R and NumPy), so it depends only on
 * the multiset of latencies. Means use exact sums.
 */
public record CostMetric() implements Metric<CostSample, CostSummary> {
    private static final double NANOS_PER_MILLI = 1e6;

    @Override
    public String name() {
        return "Cost";
    }

    @Override
    public Accumulator<CostSample, CostSummary> newAccumulator() {
        return new Acc(this);
    }

    /**
     * The type-7 quantile of ascending values.
     *
     * @return NaN when {@code sorted} is empty
     * @throws IllegalArgumentException if q is outside [0, 1]
     */
    static double quantile(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    private static final class Acc extends AbstractAccumulator<CostSample, CostSummary, Acc> {
        private final LongArrayList latencies = new LongArrayList();
        private final Moments latencyMillis = new Moments();
        private final Moments calls = new Moments();

        Acc(CostMetric metric) {
            super(metric);
        }

        @Override
        public void add(CostSample sample) {
            latencies.add(sample.latencyNanos());
            latencyMillis.add(sample.latencyNanos() / NANOS_PER_MILLI);
            calls.add(sample.modelCalls());
        }

        @Override
        void mergeSame(Acc other) {
            latencies.addAll(other.latencies);
            latencyMillis.merge(other.latencyMillis);
            calls.merge(other.calls);
        }

        @Override
        public CostSummary result() {
            long[] nanos = latencies.toLongArray();
            Arrays.sort(nanos);
            double[] millis = new double[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                millis[i] = nanos[i] / NANOS_PER_MILLI;
            }
            return new CostSummary(nanos.length, quantile(millis, 0.5), quantile(millis, 0.95),
                    latencyMillis.summary(), calls.summary());
        }
    }
}
