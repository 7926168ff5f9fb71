package org.recxplain.eval.metrics;

/**
 * The mutable, mergeable state of one {@link Metric} over the observations added so far.
 *
 * <p>Contract: for any multiset of observations, any partition of it into accumulators of the same metric,
 * merged in any order, gives a {@link #result()} equal to that of one accumulator fed all observations in
 * any order. {@link #result()} does not change the state, so it may be called at any time and more
 * observations may be added afterwards.
 *
 * <p>Thread-safety: not thread-safe; confine each accumulator to one thread at a time.
 *
 * @param <I> the observation type
 * @param <R> the result type
 */
public interface Accumulator<I, R> {

    /** The metric this accumulator computes. */
    Metric<I, R> metric();

    /**
     * Adds one observation.
     *
     * @throws NullPointerException     if {@code observation} is null
     * @throws IllegalArgumentException if the observation does not fit the metric (for example an item index
     *                                  outside the catalogue or a curve of the wrong length); the state is
     *                                  then unchanged
     */
    void add(I observation);

    /**
     * Adds everything {@code other} holds to this accumulator; {@code other} is not changed.
     *
     * @throws IllegalArgumentException if {@code other} is this accumulator or belongs to a different
     *                                  metric (class or parameters)
     */
    void merge(Accumulator<I, R> other);

    /** The result over everything added so far (an immutable value). */
    R result();
}
