package org.recxplain.eval.metrics;

/**
 * A metric defined for each observation (each user, each explained target) and reported as the mean over
 * observations with its confidence interval ({@link Summary}).
 *
 * <p>Observations for which the metric is undefined ({@link #value} returns NaN, such as NDCG for a user
 * without relevant items) are counted in {@link Summary#skipped()} and left out of the mean.
 *
 * <p>Sums are kept exactly ({@link ExactSum}), so the summary is bit-for-bit the same for any order and any
 * partition of the observations.
 *
 * @param <I> the observation type
 */
public interface MeanMetric<I> extends Metric<I, Summary> {

    /**
     * The metric's value for one observation, or NaN when it is undefined for it.
     *
     * @throws IllegalArgumentException if the observation does not fit the metric
     */
    double value(I observation);

    @Override
    default Accumulator<I, Summary> newAccumulator() {
        return new MeanAccumulator<>(this);
    }
}
