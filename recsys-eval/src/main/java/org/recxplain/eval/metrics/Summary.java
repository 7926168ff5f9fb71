package org.recxplain.eval.metrics;

import java.util.function.DoubleUnaryOperator;

/**
 * The mean of a per-observation metric with its two-sided 95% confidence interval.
 *
 * <p>The interval is mean ± t(0.975; n−1)·s/√n, with s the sample standard deviation (n−1 in the
 * denominator) and Student's t critical value, which tends to the normal 1.96 for large n. It is the usual
 * interval for a mean over users or targets; for a proportion near 0 or 1 with few observations it is
 * too narrow (as any normal-approximation interval).
 *
 * @param mean    the mean over the defined observations; NaN when there are none
 * @param ciLow   lower end of the 95% interval; NaN when {@code n < 2}; equal to the mean when all values are
 *                equal
 * @param ciHigh  upper end of the 95% interval; NaN when {@code n < 2}
 * @param n       the number of observations averaged
 * @param skipped the number of observations for which the metric is undefined (such as a user without
 *                relevant items), counted and left out of the mean
 */
public record Summary(double mean, double ciLow, double ciHigh, long n, long skipped) {

    /** Half the width of the interval (NaN when it is undefined). */
    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }

    /**
     * This summary with mean and interval mapped by a non-decreasing function (for example the square root
     * that turns a mean squared error into an RMSE); the interval stays a 95% interval for the mapped value.
     */
    public Summary map(DoubleUnaryOperator nonDecreasing) {
        return new Summary(nonDecreasing.applyAsDouble(mean), nonDecreasing.applyAsDouble(ciLow),
                nonDecreasing.applyAsDouble(ciHigh), n, skipped);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.6f [%.6f, %.6f] (n=%d%s)", mean, ciLow, ciHigh, n,
                skipped == 0 ? "" : ", skipped=" + skipped);
    }
}
