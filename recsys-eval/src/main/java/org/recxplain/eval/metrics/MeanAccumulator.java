package org.recxplain.eval.metrics;

import java.util.Objects;

/** The accumulator of a {@link MeanMetric}: exact moments of its per-observation values. Not thread-safe. */
final class MeanAccumulator<I> extends AbstractAccumulator<I, Summary, MeanAccumulator<I>> {
    private final MeanMetric<I> metric;
    private final Moments moments = new Moments();

    MeanAccumulator(MeanMetric<I> metric) {
        super(metric);
        this.metric = metric;
    }

    @Override
    public void add(I observation) {
        Objects.requireNonNull(observation, "observation");
        moments.add(metric.value(observation));
    }

    @Override
    void mergeSame(MeanAccumulator<I> other) {
        moments.merge(other.moments);
    }

    @Override
    public Summary result() {
        return moments.summary();
    }
}
