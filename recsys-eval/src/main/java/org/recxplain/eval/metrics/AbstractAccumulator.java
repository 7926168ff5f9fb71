package org.recxplain.eval.metrics;

import java.util.Objects;

/**
 * The shared part of every accumulator: the metric it belongs to and the compatibility check of
 * {@link #merge}. Subclasses implement {@link #mergeSame} for an accumulator of their own class and metric.
 */
abstract class AbstractAccumulator<I, R, A extends AbstractAccumulator<I, R, A>> implements Accumulator<I, R> {
    private final Metric<I, R> metric;

    AbstractAccumulator(Metric<I, R> metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
    }

    @Override
    public final Metric<I, R> metric() {
        return metric;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final void merge(Accumulator<I, R> other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            throw new IllegalArgumentException("cannot merge an accumulator of " + metric.name() + " into itself");
        }
        if (other.getClass() != getClass() || !other.metric().equals(metric)) {
            throw new IllegalArgumentException("cannot merge an accumulator of " + other.metric().name()
                    + " (" + other.metric() + ") into one of " + metric.name() + " (" + metric + ")");
        }
        mergeSame((A) other);
    }

    /** Adds the state of {@code other}, which has this class and an equal metric, without changing it. */
    abstract void mergeSame(A other);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + metric.name() + "]";
    }
}
