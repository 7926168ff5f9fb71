package org.recxplain.eval.metrics;

import java.util.Objects;

/**
 * The result of {@link NecessitySufficiency}.
 *
 * @param pn  the probability of necessity: the share of explanations that are necessary, with its interval
 * @param ps  the probability of sufficiency, with its interval
 * @param fns F_NS = 2·PN·PS/(PN + PS), the harmonic mean of the two rates; 0 when both are 0, NaN when
 *            there are no observations
 */
public record NsSummary(Summary pn, Summary ps, double fns) {
    public NsSummary {
        Objects.requireNonNull(pn, "pn");
        Objects.requireNonNull(ps, "ps");
    }
}
