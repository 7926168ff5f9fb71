package org.recxplain.data.split;

import org.recxplain.data.Interactions;

/**
 * A rule that divides interaction data into a training and a test half. Implementations are immutable
 * values (their {@code toString} names the rule and its parameters, for provenance) and deterministic:
 * the same splitter on the same data gives the same split, on any thread. See {@link Splitters} for the
 * rules on offer.
 */
@FunctionalInterface
public interface Splitter {

    /**
     * Splits {@code data}. The input is not modified.
     *
     * @return a split whose halves share the input's ID maps and together hold exactly its interactions
     * @throws IllegalArgumentException if the rule cannot apply to this data (for example a time-based
     *                                  rule on data without timestamps); the message says why
     */
    Split split(Interactions data);
}
