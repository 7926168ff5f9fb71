package org.recxplain.eval.metrics;

/**
 * The mean of per-observation values computed elsewhere (a per-target Jaccard, a 0/1 validity flag), with
 * its confidence interval. NaN values count as skipped.
 *
 * @param name the name for reports
 */
public record MeanOfValues(String name) implements MeanMetric<Double> {
    @Override
    public double value(Double observation) {
        return observation;
    }
}
