package org.recxplain.eval.metrics;

/**
 * A correlation coefficient with its two-sided 95% confidence interval (Fisher z transform, see
 * {@link CorrelationMetric}).
 *
 * @param r      the coefficient; NaN when undefined (fewer than two pairs, or a constant variable)
 * @param ciLow  lower end of the interval; NaN when n ≤ 3 or r is undefined
 * @param ciHigh upper end of the interval; NaN when n ≤ 3 or r is undefined
 * @param n      the number of pairs
 */
public record Correlation(double r, double ciLow, double ciHigh, long n) {
}
