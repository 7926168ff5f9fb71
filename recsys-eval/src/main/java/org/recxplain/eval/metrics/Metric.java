package org.recxplain.eval.metrics;

import java.util.Objects;
import java.util.stream.Collector;

/**
 * The immutable definition of a metric (its kind and parameters, such as {@code NDCG@10}): a factory of
 * mutable {@link Accumulator}s that take one observation at a time and can be merged.
 *
 * <p>Implementations are value types (records): two metrics are equal when they compute the same thing,
 * and only accumulators of equal metrics can be merged. Every metric in this package guarantees that any
 * partition of the observations, accumulated separately and merged in any order, gives a result equal
 * (bit for bit) to adding all of them to one accumulator; see the package documentation for how.
 *
 * <p>Thread-safety: metrics are immutable and thread-safe; accumulators are not (use one per thread and
 * merge them, which is what {@link #collector()} does in a parallel stream).
 *
 * @param <I> the observation type
 * @param <R> the result type (an immutable record)
 */
public interface Metric<I, R> {

    /** A short name for reports, such as {@code NDCG@10}. */
    String name();

    /** A new, empty accumulator for this metric. */
    Accumulator<I, R> newAccumulator();

    /**
     * A {@link Collector} over observations; safe in parallel streams, where the merge guarantee makes the
     * result independent of how the stream was split.
     */
    default Collector<I, Accumulator<I, R>, R> collector() {
        return Collector.of(this::newAccumulator, Accumulator::add, (a, b) -> {
            a.merge(b);
            return a;
        }, Accumulator::result, Collector.Characteristics.UNORDERED);
    }

    /**
     * Adds all observations to a new accumulator and returns its result.
     *
     * @throws IllegalArgumentException if an observation is invalid (as the accumulator's {@code add})
     */
    default R evaluate(Iterable<? extends I> observations) {
        Objects.requireNonNull(observations, "observations");
        Accumulator<I, R> acc = newAccumulator();
        for (I o : observations) {
            acc.add(o);
        }
        return acc.result();
    }
}
