package org.recxplain.eval.metrics;

import org.recxplain.explain.Explanation;

/**
 * Model fidelity, also called MEP or MER: the share of explained recommendations whose explanation is not
 * empty, i.e. has at least one attribution (Peake and Wang, KDD 2018; Abdollahi and Nasraoui, 2016/2017).
 * The per-target value is 1 or 0, averaged with its interval ({@link MeanMetric}).
 */
public record ExplainedShare() implements MeanMetric<Explanation> {

    @Override
    public String name() {
        return "MEP";
    }

    @Override
    public double value(Explanation explanation) {
        return explanation.attributions().isEmpty() ? 0 : 1;
    }
}
